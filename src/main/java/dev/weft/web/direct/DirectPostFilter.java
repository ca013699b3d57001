package dev.weft.web.direct;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletionException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /graphql} with a plain JSON body ({@link PostNegotiation}), answered here: the body read into the
 * request Spring for GraphQL's handler would build, run through the same {@link WebGraphQlHandler} (interceptors,
 * execution service), and the response written with the same {@link JsonMapper} Spring MVC writes it with. Same
 * status (400 for a request error under {@code application/graphql-response+json}), headers and bytes as that
 * handler; what it saves is Spring MVC's dispatch around it, a large share of a small request's CPU.
 *
 * <p>It runs after Spring Security's chain and the persisted-query filter, so the request is authenticated and
 * carries its query text. A body that is not a GraphQL request as Spring reads one, and every request that is not
 * plain, goes on along the chain to Spring's handler with its body replayed, to be answered (or refused) there; a
 * JSON body of {@code null}, on which that handler fails, is a 400 whatever the request's {@code Accept}.
 * Before it runs a request it asks the {@link Admission} (the rate limits); a failure while writing goes to the
 * {@link WriteFailures} (a response cut at {@code max-response-bytes}).
 */
public final class DirectPostFilter extends HttpFilter {
    /** A body that is not JSON Spring's handler reads as a request: it answers it with its own error. */
    private static final SerializableGraphQlRequest UNREADABLE = new SerializableGraphQlRequest();

    private final WebGraphQlHandler handler;
    private final JsonMapper json;
    private final String path;
    private final Admission admission;
    private final WriteFailures failures;
    private final IdGenerator ids = new AlternativeJdkIdGenerator();

    /** Lets a request run, or answers it and says no (the rate limits, as Spring MVC's interceptor applies them). */
    @FunctionalInterface
    public interface Admission {
        Admission ALL = (request, response) -> true;

        boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** Answers a failure while the response was written; false for one it does not know, which then propagates. */
    @FunctionalInterface
    public interface WriteFailures {
        boolean handled(HttpServletRequest request, HttpServletResponse response, Exception failure);
    }

    public DirectPostFilter(WebGraphQlHandler handler, JsonMapper json, String path, Admission admission, WriteFailures failures) {
        this.handler = handler;
        this.json = json;
        this.path = path;
        this.admission = admission;
        this.failures = failures;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getContentType();
        if (!"POST".equals(request.getMethod()) || !(request.getContextPath() + path).equals(request.getRequestURI())
                || !PostNegotiation.jsonBody(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request instanceof ReplayedBody replayed ? replayed.body() : request.getInputStream().readAllBytes();
        SerializableGraphQlRequest read = read(body);
        if (read == null) { // JSON null: Spring's handler fails on it (a NullPointerException, a 500)
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String responseType = PostNegotiation.plainJsonBody(contentType) ? PostNegotiation.responseType(request) : null;
        WebGraphQlRequest graphQlRequest = responseType == null || read == UNREADABLE || read.getQuery() == null ? null
                : graphQlRequest(request, read);
        if (graphQlRequest == null) { // Spring's handler answers: not plain, or not a GraphQL request as it reads one
            chain.doFilter(request instanceof ReplayedBody ? request : new ReplayedBody(request, body), response);
            return;
        }
        if (!admission.admit(request, response)) {
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
        write(request, response, execute(graphQlRequest), responseType);
    }

    /** The body as Spring's handler reads it: null for JSON null, {@link #UNREADABLE} for what it cannot read. */
    private SerializableGraphQlRequest read(byte[] body) {
        try {
            return json.readValue(body, SerializableGraphQlRequest.class);
        } catch (JacksonException e) {
            return UNREADABLE;
        }
    }

    /** The request as Spring's handler builds it, or null when it refuses to (Spring answers it then). */
    private WebGraphQlRequest graphQlRequest(HttpServletRequest request, SerializableGraphQlRequest body) {
        try {
            ServletServerHttpRequest http = new ServletServerHttpRequest(request);
            return new WebGraphQlRequest(http.getURI(), http.getHeaders(), cookies(request), http.getRemoteAddress(),
                    new ServletAttributes(request), body, ids.generateId().toString(), LocaleContextHolder.getLocale());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private WebGraphQlResponse execute(WebGraphQlRequest request) throws ServletException {
        try {
            return handler.handleRequest(request).toFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServletException(cause);
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, WebGraphQlResponse answer, String type)
            throws IOException {
        boolean requestError = type.equals(PostNegotiation.GRAPHQL_RESPONSE) && !answer.getExecutionResult().isDataPresent();
        response.setStatus(requestError ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK);
        answer.getResponseHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(type);
        try {
            json.writeValue(new Unflushed(response.getOutputStream()), answer.toMap());
        } catch (RuntimeException | IOException e) {
            if (!failures.handled(request, response, e)) {
                throw e;
            }
        }
    }

    private static MultiValueMap<String, HttpCookie> cookies(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        MultiValueMap<String, HttpCookie> map = new LinkedMultiValueMap<>(cookies == null ? 0 : cookies.length);
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                map.add(cookie.getName(), new HttpCookie(cookie.getName(), cookie.getValue()));
            }
        }
        return map;
    }

    /**
     * The response's stream, neither flushed nor closed by the writer: the container ends the response, with a
     * {@code Content-Length} when it fits its buffer, as for Spring's handler.
     */
    private static final class Unflushed extends OutputStream {
        private final ServletOutputStream out;

        Unflushed(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
