package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.claims;
import static dev.weft.web.SecurityTesting.post;
import static dev.weft.web.SecurityTesting.signRs256;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens of an OpenID issuer ({@code weft.security.jwt.issuer-uri}): the JWK set is found
 * through the issuer's discovery document (a local HTTP server), the default role claim {@code role}
 * holds one role, and a token of another issuer, or of none, is 401 even when its signature is good; so is
 * a token whose {@code aud} lacks the configured audience ({@code weft.security.jwt.audiences}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class JwtIssuerAuthIT {
    static final RSAKey KEY = SecurityTesting.rsaKey("issuer-key");
    static HttpServer idp;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        idp = SecurityTesting.identityProvider(KEY);
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.security.jwt.issuer-uri", () -> SecurityTesting.realm(idp));
        registry.add("weft.security.jwt.audiences", () -> "weft-api");
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.stop(0);
        }
    }

    @Test
    void aTokenOfTheIssuerIsAccepted() {
        JWTClaimsSet claims = claims(c -> c.issuer(SecurityTesting.realm(idp)).audience("weft-api").claim("role", "analyst")
                .claim("gender", "F"));
        Response response = post(port, QUERY, "Authorization", "Bearer " + signRs256(claims, KEY));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.role()).isEqualTo("analyst");
        assertThat(response.claims().get("iss").asString()).isEqualTo(SecurityTesting.realm(idp));
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        JWTClaimsSet other = claims(c -> c.issuer("https://evil.example/realm").audience("weft-api").claim("role", "manager"));
        Response response = post(port, QUERY, "Authorization", "Bearer " + signRs256(other, KEY));
        assertUnauthenticated(response, "iss");
        JWTClaimsSet none = claims(c -> c.audience("weft-api").claim("role", "manager"));
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + signRs256(none, KEY)), "bearer token");
    }

    @Test
    void aTokenOfTheIssuerForAnotherAudienceOrForNoneIs401() {
        JWTClaimsSet other = claims(c -> c.issuer(SecurityTesting.realm(idp)).audience("another-app").claim("role", "manager"));
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + signRs256(other, KEY)), "aud");
        JWTClaimsSet none = claims(c -> c.issuer(SecurityTesting.realm(idp)).claim("role", "manager"));
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer " + signRs256(none, KEY)), "aud");
    }
}
