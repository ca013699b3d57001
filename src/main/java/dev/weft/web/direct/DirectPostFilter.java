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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.concurrent.CompletionException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
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
 * plain, goes on along the chain to Spring's handler with its body replayed, to be answered (or refused) there.
 * Before it runs a request it asks the {@link Admission} (the rate limits); a failure while writing goes to the
 * {@link WriteFailures} (a response cut at {@code max-response-bytes}).
 */
public final class DirectPostFilter extends HttpFilter {
    private final WebGraphQlHandler handler;
    private final JsonMapper json;
    private final String path;
    private final Admission admission;
    private final WriteFailures failures;
    private static final String JSON_NULL = "null";

    private final IdGenerator ids = new AlternativeJdkIdGenerator();
    private volatile ParsedUri lastUri;

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
        String responseType = "POST".equals(request.getMethod()) && (request.getContextPath() + path).equals(request.getRequestURI())
                && PostNegotiation.plainJsonBody(request.getContentType()) ? PostNegotiation.responseType(request) : null;
        if (responseType == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request instanceof ReplayedBody replayed ? replayed.body() : request.getInputStream().readAllBytes();
        if (body.length < 16 && JSON_NULL.equals(new String(body, StandardCharsets.UTF_8).strip())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST); // Spring's handler fails on it with a 500
            return;
        }
        WebGraphQlRequest graphQlRequest = graphQlRequest(request, body);
        if (graphQlRequest == null) { // Spring's handler answers with its error
            chain.doFilter(request instanceof ReplayedBody ? request : new ReplayedBody(request, body), response);
            return;
        }
        if (!admission.admit(request, response)) {
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
        write(request, response, execute(graphQlRequest), responseType);
    }

    /** The request as Spring's handler builds it, or null when its body is not one (Spring answers it then). */
    private WebGraphQlRequest graphQlRequest(HttpServletRequest request, byte[] body) {
        SerializableGraphQlRequest read;
        try {
            read = json.readValue(body, SerializableGraphQlRequest.class);
        } catch (JacksonException e) {
            return null;
        }
        URI uri = uri(request);
        if (read == null || read.getQuery() == null || uri == null) {
            return null;
        }
        try {
            return new WebGraphQlRequest(uri, headers(request), cookies(request),
                    InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort()),
                    new ServletAttributes(request), read, ids.generateId().toString(), LocaleContextHolder.getLocale());
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

    /**
     * As Spring's {@code ServletServerHttpRequest} builds it; null when the URL is not a URI (Spring then encodes it).
     * Clients send the same URL over and over: the last one parsed is kept, a URI being immutable.
     */
    private URI uri(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        String query = request.getQueryString();
        if (StringUtils.hasText(query)) {
            url.append('?').append(query);
        }
        String text = url.toString();
        ParsedUri last = lastUri;
        if (last != null && last.text().equals(text)) {
            return last.uri();
        }
        try {
            URI uri = new URI(text);
            lastUri = new ParsedUri(text, uri);
            return uri;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private record ParsedUri(String text, URI uri) {
    }

    private static HttpHeaders headers(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                headers.add(name, values.nextElement());
            }
        }
        return headers;
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
