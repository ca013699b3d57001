package dev.weft.web;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /graphql?query=...&variables=...&operationName=...} per the GraphQL-over-HTTP spec
 * (Spring for GraphQL serves POST only): queries run through the same {@link WebGraphQlHandler} as
 * POST; mutations are refused with 405, as GET must not change data.
 */
final class GraphqlGetHandler {
    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final WebGraphQlHandler handler;

    GraphqlGetHandler(WebGraphQlHandler handler) {
        this.handler = handler;
    }

    ServerResponse handle(ServerRequest request) {
        MediaType responseType = responseType(request.headers().accept());
        if (responseType == null) {
            return ServerResponse.status(HttpStatus.NOT_ACCEPTABLE).build();
        }
        String query = request.param("query").orElse(null);
        if (query == null || query.isBlank()) {
            return requestError(responseType, "the query parameter is missing", "BAD_USER_INPUT");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        request.param("operationName").filter(s -> !s.isBlank()).ifPresent(name -> body.put("operationName", name));
        try {
            putJson(body, "variables", request.param("variables").orElse(null));
            putJson(body, "extensions", request.param("extensions").orElse(null));
        } catch (JacksonException | ClassCastException e) {
            return requestError(responseType, "variables and extensions must be JSON objects", "BAD_USER_INPUT");
        }
        if (isMutation(query, (String) body.get("operationName"))) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST").build();
        }
        WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), null,
                request.remoteAddress().orElse(null), request.attributes(), body, UUID.randomUUID().toString(), null);
        return ServerResponse.async(handler.handleRequest(graphQlRequest)
                .map(response -> ServerResponse.status(status(response, responseType)).contentType(responseType)
                        .headers(headers -> headers.addAll(response.getResponseHeaders())) // X-Weft-Cache
                        .body(response.toMap())));
    }

    /** With application/graphql-response+json a request error (no data) is a 400; with application/json always 200. */
    private static HttpStatus status(WebGraphQlResponse response, MediaType responseType) {
        boolean requestError = !response.toMap().containsKey("data");
        return requestError && responseType.equals(GRAPHQL_RESPONSE) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
    }

    private static MediaType responseType(List<MediaType> accepted) {
        if (accepted.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        accepted = new java.util.ArrayList<>(accepted);
        org.springframework.util.MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.isCompatibleWith(GRAPHQL_RESPONSE) && !type.isWildcardType()) {
                return GRAPHQL_RESPONSE;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return type.isWildcardType() || type.isWildcardSubtype() ? GRAPHQL_RESPONSE : MediaType.APPLICATION_JSON;
            }
        }
        return null;
    }

    private static boolean isMutation(String query, String operationName) {
        try {
            Document document = Parser.parse(query);
            return document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(op -> operationName == null || operationName.equals(op.getName()))
                    .anyMatch(op -> op.getOperation() != OperationDefinition.Operation.QUERY);
        } catch (InvalidSyntaxException e) {
            return false; // the handler reports the syntax error
        }
    }

    @SuppressWarnings("unchecked")
    private static void putJson(Map<String, Object> body, String name, String json) {
        if (json != null && !json.isBlank()) {
            body.put(name, (Map<String, Object>) JSON.readValue(json, Map.class));
        }
    }

    private static ServerResponse requestError(MediaType responseType, String message, String code) {
        Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code));
        return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(responseType).body(Map.of("errors", List.of(error)));
    }
}
