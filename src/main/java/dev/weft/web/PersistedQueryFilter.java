package dev.weft.web;

import dev.weft.apq.PersistedQueries;
import dev.weft.web.direct.ReplayedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries on {@code POST} and {@code GET /graphql}: before Spring for GraphQL reads the request
 * (it refuses one without a query), the {@code persistedQuery} extension is resolved through {@link PersistedQueries}
 * and the request goes on carrying the query text, or is answered with the protocol's error. It runs after Spring
 * Security's chain, so CORS headers are set and only authenticated callers register texts.
 */
final class PersistedQueryFilter extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final byte[] MARKER = "persistedQuery".getBytes(StandardCharsets.UTF_8);

    private final PersistedQueries queries;
    private final String path;

    PersistedQueryFilter(PersistedQueries queries, String path) {
        this.queries = queries;
        this.path = path;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !(request.getContextPath() + path).equals(request.getRequestURI())
                || !("POST".equals(method) || "GET".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod())) {
            get(request, response, chain);
        } else {
            post(request, response, chain);
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String extensions = request.getParameter("extensions");
        if (extensions == null || !extensions.contains("persistedQuery")) {
            chain.doFilter(request, response);
            return;
        }
        Map<?, ?> parsed;
        try {
            parsed = JSON.readValue(extensions, Map.class);
        } catch (JacksonException e) {
            chain.doFilter(request, response); // the GET handler reports the malformed JSON
            return;
        }
        switch (queries.resolve(request.getParameter("query"), parsed)) {
            case PersistedQueries.Outcome.Refuse refuse -> refuse(request, response, refuse);
            case PersistedQueries.Outcome.Run run -> chain.doFilter(run.query() == null ? request
                    : new WithQueryParameter(request, run.query()), response);
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replay = new ReplayedBody(request, body);
        if (indexOf(body, MARKER) < 0) {
            chain.doFilter(replay, response);
            return;
        }
        Map<String, Object> parsed;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(body, Map.class);
            parsed = map;
        } catch (JacksonException | ClassCastException e) {
            chain.doFilter(replay, response); // Spring for GraphQL reports the malformed body
            return;
        }
        Object query = parsed.get("query");
        Object extensions = parsed.get("extensions");
        if (!(extensions instanceof Map<?, ?> map) || (query != null && !(query instanceof String))) {
            chain.doFilter(replay, response);
            return;
        }
        switch (queries.resolve((String) query, map)) {
            case PersistedQueries.Outcome.Refuse refuse -> refuse(request, response, refuse);
            case PersistedQueries.Outcome.Run run -> {
                if (run.query() == null || run.query().equals(query)) {
                    chain.doFilter(replay, response);
                } else {
                    Map<String, Object> rewritten = new LinkedHashMap<>(parsed);
                    rewritten.put("query", run.query());
                    chain.doFilter(new ReplayedBody(request, JSON.writeValueAsBytes(rewritten)), response);
                }
            }
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, PersistedQueries.Outcome.Refuse refuse)
            throws IOException {
        String accept = request.getHeader("Accept");
        boolean graphqlResponse = accept != null && accept.contains("application/graphql-response+json")
                && !accept.contains("application/json");
        response.setStatus(refuse.status());
        response.setContentType(graphqlResponse ? "application/graphql-response+json" : "application/json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> error = Map.of("message", refuse.message(), "extensions", Map.of("code", refuse.code()));
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(error))));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A GET request whose {@code query} parameter is the stored text. */
    private static final class WithQueryParameter extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        WithQueryParameter(HttpServletRequest request, String query) {
            super(request);
            Map<String, String[]> map = new LinkedHashMap<>(request.getParameterMap());
            map.put("query", new String[] {query});
            this.parameters = Collections.unmodifiableMap(map);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
