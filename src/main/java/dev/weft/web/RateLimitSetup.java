package dev.weft.web;

import dev.weft.config.SecuritySettings;
import dev.weft.ops.AuditLog;
import dev.weft.ops.RequestMeters;
import dev.weft.ratelimit.RateLimiter;
import dev.weft.security.Caller;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request rates of access.yml ({@code limits: { requests-per-minute, requests-per-second }} of roles and API
 * keys) on {@code /graphql}: a request over a rate gets HTTP 429 with {@code Retry-After} and a GraphQL error of
 * code {@code RATE_LIMITED}, is audited as refused and counted in {@code weft.requests.refused{reason=rate}}.
 * Counted in Redis when {@code spring.data.redis.*} is configured; {@code weft.rate-limits.redis-failure}
 * ({@code open}, the default, or {@code closed}) says what happens while Redis does not answer. The rates follow the
 * serving version: each version a hot reload swaps in replaces them ({@link RateLimiter#configure}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitSetup {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(ConfigurableEnvironment environment, SecuritySettings.Validation security,
                            ObjectProvider<LettuceConnectionFactory> factories, ObjectProvider<MeterRegistry> registry) {
        ScaleOutSettings settings = ScaleOutSettings.of(environment);
        var limits = security.settings().map(s -> s.access().rateLimits()).orElse(List.of());
        // with access control on, a reload of access.yml may add rates later
        RedisClient client = security.settings().isEmpty() ? null : ResponseCacheSetup.redisClient(environment, factories);
        return new RateLimiter(limits, client, settings.ratePrefix(), settings.rateTimeout(), settings.failOpen(),
                registry.getIfAvailable());
    }

    /** The check of one request against the rates, answered with 429 when it is over one. */
    @Bean
    RateLimitGate rateLimitGate(RateLimiter limiter, RequestMeters meters, AuditLog audit,
                                dev.weft.reload.Snapshots<Served> snapshots) {
        snapshots.onSwap(served -> limiter.configure(served.security().settings() == null ? List.of()
                : served.security().settings().access().rateLimits()));
        return new RateLimitGate(limiter, meters, audit);
    }

    @Bean
    WebMvcConfigurer rateLimitInterceptor(RateLimitGate gate, WeftSecurity security,
                                          @Value("${spring.graphql.http.path:/graphql}") String path) {
        HandlerInterceptor interceptor = new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                return gate.admit(request, response);
            }
        };
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (security.enabled()) { // a reload does not switch access control on, but may add rates
                    registry.addInterceptor(interceptor).addPathPatterns(path, path + "/**");
                }
            }
        };
    }

    /**
     * One request checked against the rates of its caller's role and API key: admitted, or answered with 429,
     * {@code Retry-After} and a {@code RATE_LIMITED} error, audited and counted. Used by Spring MVC's interceptor
     * and by the direct path of {@code POST /graphql} ({@link dev.weft.web.direct.DirectPostFilter}).
     */
    static final class RateLimitGate implements dev.weft.web.direct.DirectPostFilter.Admission {
        private final RateLimiter limiter;
        private final RequestMeters meters;
        private final AuditLog audit;

        RateLimitGate(RateLimiter limiter, RequestMeters meters, AuditLog audit) {
            this.limiter = limiter;
            this.meters = meters;
            this.audit = audit;
        }

        @Override
        public boolean admit(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
            Caller caller = request.getAttribute(Caller.CONTEXT_KEY) instanceof Caller c ? c : null;
            String name = request.getAttribute(AuditLog.CALLER_NAME) instanceof String n ? n : null;
            RateLimiter.Decision decision = limiter.admit(caller == null ? null : caller.role(),
                    name != null && name.startsWith("api-key ") ? name.substring("api-key ".length()) : null);
            if (decision.admitted()) {
                return true;
            }
            meters.refused("rate");
            audit.refused(name, caller == null ? null : caller.role(), 429, "RATE_LIMITED", request.getRequestURI());
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            response.setContentType("application/json");
            response.getOutputStream().write(JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message",
                    decision.message(), "extensions", Map.of("code", "RATE_LIMITED"))))).getBytes(StandardCharsets.UTF_8));
            return false;
        }
    }
}
