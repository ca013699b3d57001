package dev.weft.web;

import dev.weft.config.AccessSpec;
import dev.weft.ops.AuditLog;
import dev.weft.ops.RequestMeters;
import dev.weft.config.SecuritySettings;
import dev.weft.config.WeftProperties;
import dev.weft.security.SecurityModel;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Authentication (README, "Security") with Spring Security: reads {@code weft.security.*} and access.yml
 * ({@link SecuritySettings}, its problems reported with the rest of the configuration's), resolves
 * them against the catalog ({@link WeftSecurity}), and builds the filter chain.
 *
 * <p>{@code /graphiql}, {@code /webjars/**} and {@code /actuator/health/**} are open; the other Actuator endpoints
 * ({@code /actuator/prometheus}) need a role with {@code actuator: true} ({@link RoleFlagAuthorization}),
 * {@code /graphql/explain} one with {@code explain: true} ({@link RoleFlagAuthorization}); every other
 * path, {@code /graphql} and {@code /graphql/schema} among them, needs a caller: an API key in
 * {@code X-API-Key} ({@link ApiKeyAuthentication}), a bearer token ({@link JwtAuthentication}), or
 * none when an anonymous role is configured. {@link RoleAuthorization} picks the role, and
 * {@link CallerInterceptor} hands the {@link dev.weft.security.Caller} to GraphQL. Stateless: no
 * session, no CSRF token (no cookie authenticates anything).
 *
 * <p>Without access.yml every path is open and
 * every request is {@link dev.weft.security.Caller#UNRESTRICTED}.
 */
@Configuration(proxyBeanMethods = false)
public class WeftSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WeftSecurityConfiguration.class);

    /** weft.security.* and access.yml, checked before the sources start; its problems join theirs in one message. */
    @Bean
    SecuritySettings.Validation weftSecuritySettings(ConfigurableEnvironment environment) {
        WeftProperties properties = Binder.get(environment).bind("weft", Bindable.of(WeftProperties.class))
                .orElse(WeftProperties.of(null, Map.of()));
        return SecuritySettings.check(properties.security(), properties.services().isEmpty(), Path.of(""),
                WeftConfiguration.origins(environment));
    }

    /** access.yml resolved against the catalog: every table, column and mask exists and fits. */
    @Bean
    WeftSecurity weftSecurity(WeftRuntime runtime, SecuritySettings.Validation validation) {
        if (validation.settings().isEmpty()) {
            return WeftSecurity.OPEN;
        }
        SecuritySettings settings = validation.settings().get();
        WeftSecurity security = new WeftSecurity(settings, runtime.securityModel()); // resolved once, by the runtime
        log.info("Access control from {}: roles {}, {} API keys; bearer tokens: {}; requests without credentials: {}",
                settings.file(), security.model().roles().keySet().stream().sorted().toList(), security.model().apiKeys().size(),
                settings.jwt() == null ? "not accepted" : describe(settings.jwt()),
                settings.anonymousRole() == null ? "401" : "role " + settings.anonymousRole());
        if (settings.demo()) {
            log.info("Demo API keys (X-API-Key header): demo-analyst-key (role analyst), demo-manager-key (role manager);"
                    + " GraphiQL sends demo-manager-key");
        }
        return security;
    }

    @Bean
    SecurityFilterChain weftSecurityFilterChain(HttpSecurity http, WeftSecurity security, GraphQlCorsProperties cors, RequestMeters meters, AuditLog audit,
            @Value("${spring.graphql.http.path:/graphql}") String path, dev.weft.reload.Snapshots<Served> snapshots,
            org.springframework.core.env.Environment environment) throws Exception {
        http.cors(c -> c.configurationSource(corsSource(cors, path)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        if (!security.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        SecuritySettings settings = security.settings();
        SecurityErrors errors = new SecurityErrors(security.acceptsJwt(), meters, audit);
        http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));

        AuthenticationFilter apiKeys = new AuthenticationFilter(
                new ProviderManager(new ApiKeyAuthentication.Provider(() -> snapshots.current().security().model())),
                new ApiKeyAuthentication.Converter(security.acceptsJwt()));
        apiKeys.setSuccessHandler((request, response, authentication) -> { }); // go on along the chain
        apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(errors));
        http.addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class);

        if (settings.jwt() != null) {
            JwtAuthentication.CallerConverter converter = new JwtAuthentication.CallerConverter(settings.jwt(),
                    new ServingRoles(snapshots));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(JwtAuthentication.decoder(settings.jwt())).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors));
        }
        if (settings.anonymousRole() != null) {
            http.anonymous(anonymous -> anonymous.principal("anonymous").authorities("ROLE_" + settings.anonymousRole()));
        } else {
            http.anonymous(anonymous -> anonymous.disable());
        }
        RoleAuthorization roles = new RoleAuthorization(settings.anonymousRole());
        return http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/graphiql", "/webjars/**", "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(new ManagementPort(environment)).permitAll()
                        .requestMatchers("/actuator", "/actuator/**").access(new RoleFlagAuthorization(roles,
                                () -> rolesWith(snapshots, AccessSpec.RoleSpec::actuator), "read Actuator's endpoints", "actuator: true"))
                        .requestMatchers(path + "/explain").access(new RoleFlagAuthorization(roles,
                                () -> rolesWith(snapshots, AccessSpec.RoleSpec::explain), "explain requests", "explain: true"))
                        .anyRequest().access(roles))
                .build();
    }

    /**
     * CORS from {@code spring.graphql.cors.*} for the API and its SDL, applied by Spring Security before
     * authentication: a preflight ({@code OPTIONS} with {@code Origin}) is answered without credentials, and
     * the request that follows is authenticated as any other. Nothing is allowed when no origin is configured.
     */
    static CorsConfigurationSource corsSource(GraphQlCorsProperties properties, String path) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CorsConfiguration configuration = properties.toCorsConfiguration();
        if (configuration != null) {
            source.registerCorsConfiguration(path, configuration);
            source.registerCorsConfiguration(path + "/schema", configuration);
        }
        return source;
    }

    /** Hands the request's caller to GraphQL; first, so that later interceptors and the execution see it. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebGraphQlInterceptor weftCallerInterceptor(WeftSecurity security) {
        return new CallerInterceptor(security.enabled());
    }

    private static String describe(SecuritySettings.JwtSettings jwt) {
        String keys = jwt.hmacSecret().isPresent() ? "HMAC secret (" + String.join(", ", jwt.hmacAlgorithms()) + ")"
                : jwt.jwkSetUri() != null ? "JWK set " + jwt.jwkSetUri() : "issuer " + jwt.issuerUri();
        String issuer = jwt.issuer() != null ? jwt.issuer() : jwt.issuerUri();
        if (issuer == null || jwt.audiences().isEmpty()) {
            log.warn("Bearer tokens are accepted{}{}: set weft.security.jwt.issuer and weft.security.jwt.audiences in production,"
                    + " so that a token issued for another application is refused", issuer == null ? " from any issuer" : "",
                    jwt.audiences().isEmpty() ? " for any audience" : "");
        }
        return "verified with the " + keys + ", roles at " + jwt.roleClaim()
                + (jwt.claimsNamespace() == null ? "" : ", claims under " + jwt.claimsNamespace())
                + (issuer == null ? "" : ", iss " + issuer) + (jwt.audiences().isEmpty() ? "" : ", aud one of " + jwt.audiences());
    }

    /** The roles of the serving access.yml with an option such as {@code actuator: true} (a reload may change them). */
    private static java.util.Set<String> rolesWith(dev.weft.reload.Snapshots<Served> snapshots,
                                                   java.util.function.Predicate<AccessSpec.RoleSpec> option) {
        return snapshots.current().security().settings().access().roles().stream().filter(option)
                .map(AccessSpec.RoleSpec::name).collect(java.util.stream.Collectors.toSet());
    }
}
