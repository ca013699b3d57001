package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.claims;
import static dev.weft.web.SecurityTesting.post;
import static dev.weft.web.SecurityTesting.signRs256;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.weft.web.SecurityTesting.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens verified with the keys of a JWK set ({@code weft.security.jwt.jwk-set-uri}, served by a
 * local HTTP server), roles at a dotted path ({@code realm_access.roles}, Keycloak's layout): a token
 * of the set's key is accepted; one of another key (even with the same key id) is 401, and so is an
 * HS256 token "signed" with the public key (algorithm confusion); {@code issuer} and {@code audiences}
 * hold in this mode too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class JwkSetAuthIT {
    static final RSAKey KEY = SecurityTesting.rsaKey("k1");
    static HttpServer idp;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        idp = SecurityTesting.identityProvider(KEY);
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.security.jwt.jwk-set-uri", () -> SecurityTesting.realm(idp) + "/jwks");
        registry.add("weft.security.jwt.role-claim", () -> "realm_access.roles");
        registry.add("weft.security.jwt.issuer", () -> "https://keycloak.weft.test/realms/weft");
        registry.add("weft.security.jwt.audiences", () -> "weft-api,reports");
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.stop(0);
        }
    }

    static com.nimbusds.jwt.JWTClaimsSet managerClaims() {
        return claims(c -> c.claim("realm_access", Map.of("roles", List.of("manager")))
                .issuer("https://keycloak.weft.test/realms/weft").audience("reports"));
    }

    @Test
    void aTokenOfTheSetsKeyFromAnotherIssuerOrForAnotherAudienceIs401() {
        String otherIssuer = signRs256(new com.nimbusds.jwt.JWTClaimsSet.Builder(managerClaims()).issuer("https://evil.example").build(), KEY);
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + otherIssuer), "iss");
        String otherAudience = signRs256(new com.nimbusds.jwt.JWTClaimsSet.Builder(managerClaims()).audience("another-app").build(), KEY);
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + otherAudience), "aud");
        String noAudience = signRs256(new com.nimbusds.jwt.JWTClaimsSet.Builder(managerClaims()).audience((String) null).build(), KEY);
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + noAudience), "aud");
    }

    @Test
    void aTokenOfTheSetsKeyIsAccepted() {
        Response response = post(port, QUERY, "Authorization", "Bearer " + signRs256(managerClaims(), KEY));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.role()).isEqualTo("manager");
        assertThat(response.claims().at("/realm_access/roles/0").asString()).isEqualTo("manager");
    }

    @Test
    void aTokenOfAnotherKeyIs401() {
        RSAKey impostor = SecurityTesting.rsaKey("k1");
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + signRs256(managerClaims(), impostor)), "bearer token");
        RSAKey unknown = SecurityTesting.rsaKey("k2");
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + signRs256(managerClaims(), unknown)), "bearer token");
    }

    @Test
    void hmacWithThePublicKeyIs401() throws JOSEException {
        byte[] publicKey = KEY.toPublicJWK().toRSAPublicKey().getEncoded();
        String confused = SecurityTesting.sign(managerClaims(), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                new MACSigner(publicKey));
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + confused), "bearer token");
    }
}
