package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.claims;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.weft.web.SecurityTesting.Response;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An HMAC secret of 40 bytes (long enough for HS256 only) with {@code issuer} and {@code audiences}:
 * HS384 and HS512 tokens are refused with a 401 and {@code WWW-Authenticate} (they were a 500 with a
 * 13 KB stack trace, Nimbus's KeyLengthException), and so are tokens of another issuer, for another
 * audience, or without {@code aud} or {@code iss}; a token that carries them all is accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class JwtRejectionIT {
    static final String SECRET = "forty-bytes-of-secret-for-hs256-only!!!!";
    static final String LONG_SECRET = "a-64-byte-secret-for-hs512-and-so-long-enough-for-hs256-too-0123";
    static final String ISSUER = "https://idp.weft.test/realm";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        assertThat(SECRET).hasSize(40);
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.security.jwt.hmac-secret", () -> SECRET);
        registry.add("weft.security.jwt.issuer", () -> ISSUER);
        registry.add("weft.security.jwt.audiences[0]", () -> "weft-api");
        registry.add("weft.security.jwt.audiences[1]", () -> "reports");
    }

    static String token(JWSAlgorithm algorithm, String secret, Consumer<JWTClaimsSet.Builder> claims) {
        return "Bearer " + JwtHmacAuthIT.hs(algorithm, SecurityTesting.claims(c -> {
            c.claim("role", "manager").issuer(ISSUER).audience(List.of("other-app", "reports"));
            claims.accept(c);
        }), secret);
    }

    @Test
    void aTokenWithTheIssuerAndOneOfTheAudiencesIsAccepted() {
        Response response = post(port, QUERY, "Authorization", token(JWSAlgorithm.HS256, SECRET, c -> { }));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.role()).isEqualTo("manager");
        Response single = post(port, QUERY, "Authorization", token(JWSAlgorithm.HS256, SECRET, c -> c.audience("weft-api")));
        assertThat(single.status()).as(single.text()).isEqualTo(200);
    }

    @Test
    void hs384AndHs512TokensAre401NeverA500() {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            Response response = post(port, QUERY, "Authorization", token(algorithm, LONG_SECRET, c -> { }));
            assertUnauthenticated(response, "bearer token");
            assertThat(response.headers().allValues("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer")
                    .contains("invalid_token"));
            assertThat(response.text()).hasSizeLessThan(1_000).doesNotContain("Exception", "at com.nimbusds");
        }
    }

    @Test
    void aTokenOfAnotherIssuerOrWithoutOneIs401() {
        assertUnauthenticated(post(port, QUERY, "Authorization",
                token(JWSAlgorithm.HS256, SECRET, c -> c.issuer("https://evil.example/realm"))), "iss");
        assertUnauthenticated(post(port, QUERY, "Authorization", token(JWSAlgorithm.HS256, SECRET, c -> c.issuer(null))), "iss");
    }

    @Test
    void aTokenForAnotherAudienceOrWithoutOneIs401() {
        assertUnauthenticated(post(port, QUERY, "Authorization",
                token(JWSAlgorithm.HS256, SECRET, c -> c.audience(List.of("other-app")))), "aud");
        assertUnauthenticated(post(port, QUERY, "Authorization", token(JWSAlgorithm.HS256, SECRET, c -> c.audience((String) null))),
                "aud");
    }
}
