package dev.weft.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code /v1/graphql}, Hasura's path, is the GraphQL endpoint too (POST and GET), in every naming mode: before any
 * other filter (Spring Security's, rate limits, persisted queries, the response cache) the request is seen as one to
 * {@code spring.graphql.http.path} ({@code /graphql}), so authentication, limits and caching are exactly those of
 * {@code /graphql}. Only the exact path is an alias; {@code /v1/graphql/explain} is not. Its errors carry Hasura's codes
 * ({@link HasuraErrorCodes}).
 *
 * <pre>{@code
 * curl -X POST localhost:8080/v1/graphql -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}'
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
class HasuraEndpoint {
    static final String HASURA_PATH = "/v1/graphql";

    @Bean
    FilterRegistrationBean<Filter> hasuraPathAlias(@Value("${spring.graphql.http.path:/graphql}") String path) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Alias(path));
        registration.addUrlPatterns(HASURA_PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    org.springframework.graphql.server.WebGraphQlInterceptor hasuraErrorCodes() {
        return new HasuraErrorCodes();
    }

    /** Serves {@link #HASURA_PATH} as {@code path}. */
    static final class Alias implements Filter {
        private final String path;

        Alias(String path) {
            this.path = path;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http
                    && http.getRequestURI().equals(http.getContextPath() + HASURA_PATH)) {
                http.setAttribute(HasuraErrorCodes.ATTRIBUTE, Boolean.TRUE);
                chain.doFilter(new AtPath(http, path), response);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private static final class AtPath extends HttpServletRequestWrapper {
        private final String path;

        AtPath(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = super.getRequestURL();
            return new StringBuffer(url.substring(0, url.length() - HASURA_PATH.length())).append(path);
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
