package dev.weft.web;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * On {@code /v1/graphql} (Hasura's path) the errors' {@code extensions.code} are Hasura's, which Hasura clients switch
 * on: a document that does not parse or validate, and a bad argument or variable, {@code validation-failed}; a write
 * refused by a database constraint {@code constraint-violation}; a write refused by the check of the role's insert or
 * update permission {@code permission-error}; an internal failure {@code unexpected}. Weft's own code stays beside it
 * as {@code extensions.weft_code}; other codes ({@code FORBIDDEN}, {@code SOURCE_UNAVAILABLE}, {@code TIMEOUT}...),
 * which have no Hasura counterpart, are left as they are. {@code /graphql} keeps Weft's codes.
 *
 * <pre>{@code
 * {"errors":[{"message":"... Field 'nope' in type 'author' is undefined",
 *             "extensions":{"code":"validation-failed","weft_code":"GRAPHQL_VALIDATION_FAILED"}}]}
 * }</pre>
 */
final class HasuraErrorCodes implements WebGraphQlInterceptor {
    /** The request attribute that marks a request made to {@code /v1/graphql}. */
    static final String ATTRIBUTE = HasuraErrorCodes.class.getName();

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!Boolean.TRUE.equals(request.getAttributes().get(ATTRIBUTE))) {
            return chain.next(request);
        }
        return chain.next(request).map(response -> response.getErrors().isEmpty() ? response
                : response.transform(b -> b.errors(response.getExecutionResult().getErrors().stream()
                        .map(HasuraErrorCodes::hasuras).toList())));
    }

    private static GraphQLError hasuras(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? Map.of() : error.getExtensions();
        if (!(extensions.get("code") instanceof String code)) {
            return error;
        }
        String hasura = code(code, error.getMessage() == null ? "" : error.getMessage());
        if (hasura == null) {
            return error;
        }
        Map<String, Object> rewritten = new LinkedHashMap<>(extensions);
        rewritten.put("code", hasura);
        rewritten.put("weft_code", code);
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message(error.getMessage())
                .locations(error.getLocations()).errorType(error.getErrorType()).extensions(rewritten);
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    /**
     * A write refused by the database: the write paths' messages are "the write to T violates the unique constraint 'c'"
     * (SQL), "... violates a unique constraint of the table" (DB2 without the name) or "... violates the unique index
     * 'i'" (MongoDB).
     */
    private static boolean violation(String message) {
        return message.startsWith("the write to ") && (message.contains(" violates the ") || message.contains(" violates a "));
    }

    /** Hasura's code for Weft's {@code code} and message, or null to keep Weft's. */
    static String code(String code, String message) {
        return switch (code) {
            case "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED" -> "validation-failed";
            case "BAD_USER_INPUT" -> violation(message) ? "constraint-violation"
                    : message.contains(" fail the check of the role's ") ? "permission-error" : "validation-failed";
            case "INTERNAL" -> "unexpected";
            default -> null;
        };
    }
}
