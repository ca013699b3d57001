package dev.weft.web.sizelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bounds the bytes GraphQL responses write ({@code max-response-bytes}); see the package. */
@Configuration(proxyBeanMethods = false)
public class ResponseSizeSetup {

    @Bean
    FilterRegistrationBean<ResponseSizeFilter> responseSizeFilter() {
        FilterRegistrationBean<ResponseSizeFilter> registration = new FilterRegistrationBean<>(new ResponseSizeFilter());
        registration.setOrder(-200); // before Spring Security's chain (-100): whatever answers, it writes through the bound
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    ResponseSizeResolver responseSizeResolver(ObjectProvider<MeterRegistry> meters) {
        return new ResponseSizeResolver(meters);
    }
}
