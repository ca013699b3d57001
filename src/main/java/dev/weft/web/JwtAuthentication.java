package dev.weft.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
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
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer tokens, through Spring Security's OAuth2 resource server: the {@link JwtDecoder} that
 * verifies them (signature, {@code exp}/{@code nbf}, {@code iss} for an issuer, and the configured
 * {@code issuer} and {@code audiences} with Spring's own validators; unsigned {@code alg: none} tokens
 * are always refused by Nimbus), and the {@link CallerConverter} that turns a verified token into a
 * {@link CallerAuthentication}. A token that cannot be verified is a 401, whatever the reason.
 */
final class JwtAuthentication {

    private JwtAuthentication() {
    }

    /**
     * The decoder of {@code weft.security.jwt}: an HMAC secret (its UTF-8 bytes) verifies the HMAC
     * algorithms it is long enough for ({@link JwtSettings#hmacAlgorithms()}); a JWK set URI verifies the
     * asymmetric algorithms with the set's keys; an issuer URI finds its JWK set through OpenID discovery
     * on first use (so start-up does not wait for the issuer, and a failed discovery is tried again on
     * the next request) and requires {@code iss} to be it.
     */
    static JwtDecoder decoder(JwtSettings jwt) {
        if (jwt.hmacSecret().isPresent()) {
            SecretKey key = new SecretKeySpec(jwt.hmacSecret().value().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            Set<JWSAlgorithm> algorithms = jwt.hmacAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                    .jwtProcessorCustomizer(p -> p.setJWSKeySelector(
                            new JWSVerificationKeySelector<>(algorithms, new ImmutableSecret<SecurityContext>(key))))
                    .build();
            decoder.setJwtValidator(validator(jwt));
            return new RejectingDecoder(decoder);
        }
        if (jwt.jwkSetUri() != null) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.values())))
                    .build();
            decoder.setJwtValidator(validator(jwt));
            return new RejectingDecoder(decoder);
        }
        String issuer = jwt.issuerUri();
        return new RejectingDecoder(new SupplierJwtDecoder(() -> {
            JwtDecoder discovered = JwtDecoders.fromIssuerLocation(issuer);
            if (discovered instanceof NimbusJwtDecoder nimbus) {
                nimbus.setJwtValidator(validator(jwt));
            }
            return discovered;
        }));
    }

    /**
     * Spring's default checks ({@code exp}, {@code nbf}) plus {@code iss} (the configured issuer, else
     * the issuer URI) and {@code aud} (one of the configured audiences; a token without {@code aud} fails).
     */
    static OAuth2TokenValidator<Jwt> validator(JwtSettings jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        String issuer = jwt.issuer() != null ? jwt.issuer() : jwt.issuerUri();
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!jwt.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                    aud -> aud instanceof Collection<?> list && list.stream().anyMatch(jwt.audiences()::contains)));
        }
        return validators.isEmpty() ? JwtValidators.createDefault() : JwtValidators.createDefaultWithValidators(validators);
    }

    /**
     * Turns a failure to verify the token itself (a {@link JOSEException} such as a key too short for
     * the token's algorithm) into a {@link BadJwtException}, so it is a 401 with {@code WWW-Authenticate}
     * rather than a 500 with a stack trace. A JWK set or issuer that cannot be reached stays a server
     * error: the token was not judged.
     */
    static final class RejectingDecoder implements JwtDecoder {
        private final JwtDecoder delegate;

        RejectingDecoder(JwtDecoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public Jwt decode(String token) {
            try {
                return delegate.decode(token);
            } catch (BadJwtException e) {
                throw e;
            } catch (JwtException e) {
                if (e.getCause() instanceof JOSEException jose && !(jose instanceof KeySourceException)) {
                    throw new BadJwtException("the token cannot be verified with the configured keys", e);
                }
                throw e;
            }
        }
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
            this.definedRoles = definedRoles; // may be live: the roles of the serving access.yml
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
