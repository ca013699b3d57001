package dev.weft.web;

import dev.weft.apq.PersistedQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Automatic persisted queries ({@code weft.persisted-queries.enabled}, default true;
 * {@code weft.persisted-queries.max-entries}, default 10000 texts per instance). The store outlives reloads: it
 * holds texts, and each request validates its text against the schema it runs on.
 */
@Configuration(proxyBeanMethods = false)
class PersistedQuerySetup {

    @Bean
    PersistedQueries persistedQueries(@Value("${weft.persisted-queries.enabled:true}") boolean enabled,
                                      @Value("${weft.persisted-queries.max-entries:10000}") long maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("weft.persisted-queries.max-entries must be at least 1, not " + maxEntries);
        }
        return new PersistedQueries(enabled, maxEntries);
    }

    /** Ordered after Spring Security's chain (-100): CORS and authentication come first. */
    @Bean
    FilterRegistrationBean<PersistedQueryFilter> persistedQueryFilter(PersistedQueries queries,
            @Value("${spring.graphql.http.path:/graphql}") String path) {
        FilterRegistrationBean<PersistedQueryFilter> registration = new FilterRegistrationBean<>(new PersistedQueryFilter(queries, path));
        registration.setOrder(0);
        return registration;
    }
}
