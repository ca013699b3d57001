package dev.weft.web;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import dev.weft.config.SecuritySettings.JwtSettings;
import dev.weft.security.TokenClaims;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer tokens, through Spring Security's OAuth2 resource server: the {@link JwtDecoder} that
 * verifies them (signature, {@code exp}/{@code nbf}, and {@code iss} for an issuer; unsigned
 * {@code alg: none} tokens are always refused by Nimbus), and the {@link CallerConverter} that turns a
 * verified token into a {@link CallerAuthentication}.
 */
final class JwtAuthentication {
    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private JwtAuthentication() {
    }

    /**
     * The decoder of {@code weft.security.jwt}: an HMAC secret (its UTF-8 bytes) verifies HS256, HS384
     * and HS512; a JWK set URI verifies the asymmetric algorithms with the set's keys; an issuer URI
     * finds its JWK set through OpenID discovery on first use (so start-up does not wait for the issuer,
     * and a failed discovery is tried again on the next request) and requires {@code iss} to be it.
     */
    static JwtDecoder decoder(JwtSettings jwt) {
        if (jwt.hmacSecret().isPresent()) {
            SecretKey key = new SecretKeySpec(jwt.hmacSecret().value().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            return NimbusJwtDecoder.withSecretKey(key)
                    .jwtProcessorCustomizer(p -> p.setJWSKeySelector(
                            new JWSVerificationKeySelector<>(HMAC, new ImmutableSecret<SecurityContext>(key))))
                    .build();
        }
        if (jwt.jwkSetUri() != null) {
            return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.values())))
                    .build();
        }
        String issuer = jwt.issuerUri();
        return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
    }

    /**
     * A verified token to a caller ({@link TokenClaims}): its claims are the token's claims as JSON
     * values (times as seconds since the epoch), or those under the configured namespace; its roles
     * are the values at the role claim within them that access.yml defines, in the token's order
     * (others are ignored), or the default role claim's first.
     */
    static final class CallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        private final TokenClaims tokenClaims;
        private final Set<String> definedRoles;

        CallerConverter(JwtSettings settings, Set<String> definedRoles) {
            this.tokenClaims = new TokenClaims(settings.roleClaim(), settings.claimsNamespace(), settings.defaultRoleClaim());
            this.definedRoles = Set.copyOf(definedRoles);
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Map<String, Object> token = new LinkedHashMap<>();
            jwt.getClaims().forEach((name, value) -> {
                Object json = json(value);
                if (json != null) {
                    token.put(name, json);
                }
            });
            Map<String, Object> claims = tokenClaims.claims(token);
            List<String> roles = tokenClaims.roles(claims, definedRoles);
            String subject = jwt.getSubject();
            return new CallerAuthentication(subject == null ? "bearer token" : "bearer token of " + subject, roles, claims);
        }

        /** A claim's value as JSON types: maps, lists, strings, numbers, booleans (null dropped at the top). */
        static Object json(Object value) {
            return switch (value) {
                case null -> null;
                case Instant instant -> instant.getEpochSecond();
                case URL url -> url.toString();
                case URI uri -> uri.toString();
                case String s -> s;
                case Number n -> n;
                case Boolean b -> b;
                case Map<?, ?> map -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), json(v)));
                    yield java.util.Collections.unmodifiableMap(copy);
                }
                case Collection<?> list -> {
                    List<Object> copy = new ArrayList<>();
                    list.forEach(v -> copy.add(json(v)));
                    yield java.util.Collections.unmodifiableList(copy);
                }
                default -> value.toString();
            };
        }
    }
}
