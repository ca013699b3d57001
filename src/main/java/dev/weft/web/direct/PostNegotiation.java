package dev.weft.web.direct;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Which {@code POST} requests the direct path answers, and with which media type: those whose body is plain JSON
 * ({@code application/json}, in UTF-8) and whose {@code Accept} is one plain value Spring for GraphQL's handler
 * answers the same way, without negotiation. Anything else (a list or quality values in {@code Accept}, another
 * charset, {@code text/event-stream}) goes on to that handler.
 *
 * <pre>
 * Accept: (none), &#42;/&#42;, application/json    -> application/json
 * Accept: application/graphql-response+json  -> application/graphql-response+json (400 when there is no data)
 * Accept: application/json, &#42;/&#42;            -> null: Spring's handler answers
 * </pre>
 */
final class PostNegotiation {
    static final String JSON = "application/json";
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private PostNegotiation() {
    }

    /** True for {@code application/json}, with any parameters. */
    static boolean jsonBody(String contentType) {
        return parameters(contentType) != null;
    }

    /** True for {@code application/json} with no parameter but {@code charset=utf-8}. */
    static boolean plainJsonBody(String contentType) {
        String rest = parameters(contentType);
        if (rest == null) {
            return false;
        }
        if (rest.isEmpty()) {
            return true;
        }
        String parameter = rest.substring(1).trim().replace(" ", "");
        return parameter.equalsIgnoreCase("charset=utf-8") || parameter.equalsIgnoreCase("charset=\"utf-8\"");
    }

    /** What follows {@code application/json} in {@code contentType}, trimmed ("" for nothing); null for another type. */
    private static String parameters(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, JSON, 0, JSON.length())) {
            return null;
        }
        String rest = contentType.substring(JSON.length()).trim();
        return rest.isEmpty() || rest.charAt(0) == ';' ? rest : null;
    }

    /** The response's media type for the request's {@code Accept} header, or null when the direct path leaves it. */
    static String responseType(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Accept");
        if (headers == null || !headers.hasMoreElements()) {
            return JSON;
        }
        String accept = headers.nextElement();
        return headers.hasMoreElements() ? null : responseType(accept);
    }

    /** The response's media type for one {@code Accept} value, or null. */
    static String responseType(String accept) {
        String value = accept.trim();
        if (value.equals("*/*") || value.equalsIgnoreCase(JSON)) {
            return JSON;
        }
        return value.equalsIgnoreCase(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : null;
    }
}
