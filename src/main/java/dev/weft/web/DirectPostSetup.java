package dev.weft.web;

import dev.weft.web.direct.DirectPostFilter;
import dev.weft.web.sizelimit.ResponseSizeResolver;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The direct path of {@code POST /graphql} ({@link DirectPostFilter}): after Spring Security's chain (-100) and the
 * persisted-query filter (0), with the rate limits when access control is on and the response bound's handling of a
 * cut response, as Spring MVC applies them to the same request.
 */
@Configuration(proxyBeanMethods = false)
class DirectPostSetup {

    @Bean
    FilterRegistrationBean<DirectPostFilter> directPostFilter(WebGraphQlHandler handler, JsonMapper json, WeftSecurity security,
            RateLimitSetup.RateLimitGate rates, ResponseSizeResolver sizes,
            @Value("${spring.graphql.http.path:/graphql}") String path) {
        DirectPostFilter filter = new DirectPostFilter(handler, json, path,
                security.enabled() ? rates : DirectPostFilter.Admission.ALL, sizes::handled);
        FilterRegistrationBean<DirectPostFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(10);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
