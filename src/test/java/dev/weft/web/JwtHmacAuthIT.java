package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.MANAGER_KEY;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.claims;
import static dev.weft.web.SecurityTesting.post;
import static dev.weft.web.SecurityTesting.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.weft.web.SecurityTesting.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens verified with an HMAC secret, roles in a list claim under a namespaced key (Hasura's
 * layout): HS256 and HS512 tokens are accepted, their claims reach GraphQL; expired and forged
 * tokens, {@code alg: none} and tampered payloads are 401; {@code X-Weft-Role} picks among the
 * token's roles, and a role it lacks is 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class JwtHmacAuthIT {
    static final String SECRET = "a-64-byte-secret-for-hs512-and-so-long-enough-for-hs256-too-0123";
    static final String NAMESPACE = "https://hasura.io/jwt/claims";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.security.jwt.hmac-secret", () -> SECRET);
        registry.add("weft.security.jwt.role-claim", () -> "[\"" + NAMESPACE + "\"][\"x-hasura-allowed-roles\"]");
    }


    static JWTClaimsSet withRoles(String... roles) {
        return claims(c -> c.claim(NAMESPACE, Map.of("x-hasura-allowed-roles", List.of(roles), "x-hasura-org", "o1"))
                .claim("tenant_id", "t9").claim("gender", "F").claim("admin", false));
    }

    static String hs(JWSAlgorithm algorithm, JWTClaimsSet claims, String secret) {
        try {
            return sign(claims, new JWSHeader(algorithm), new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aValidTokenGivesItsFirstRoleAndAllItsClaims() {
        JWTClaimsSet claims = withRoles("analyst", "manager");
        Response response = post(port, QUERY, "Authorization", bearer(hs(JWSAlgorithm.HS256, claims, SECRET)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/data/hr_employees/0/emp_no").asInt()).isEqualTo(10001);
        assertThat(response.role()).isEqualTo("analyst");
        assertThat(response.claims().get("sub").asString()).isEqualTo("user-7");
        assertThat(response.claims().get("tenant_id").asString()).isEqualTo("t9");
        assertThat(response.claims().get("admin").asBoolean()).isFalse();
        assertThat(response.claims().get("exp").asLong()).isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
        assertThat(response.claims().at("/" + NAMESPACE.replace("/", "~1") + "/x-hasura-org").asString()).isEqualTo("o1");
    }

    @Test
    void hs384AndHs512AreAccepted() {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            Response response = post(port, QUERY, "Authorization", bearer(hs(algorithm, withRoles("manager"), SECRET)));
            assertThat(response.status()).as(algorithm + ": " + response.text()).isEqualTo(200);
            assertThat(response.role()).isEqualTo("manager");
        }
    }

    @Test
    void xWeftRoleChoosesAmongTheTokensRoles() {
        String token = bearer(hs(JWSAlgorithm.HS256, withRoles("analyst", "manager"), SECRET));
        assertThat(post(port, QUERY, "Authorization", token, "X-Weft-Role", "manager").role()).isEqualTo("manager");
        Response forbidden = post(port, QUERY, "Authorization", token, "X-Weft-Role", "viewer");
        assertThat(forbidden.status()).as(forbidden.text()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
        assertThat(forbidden.contentType()).startsWith("application/json");
    }

    @Test
    void rolesThatAccessYmlDoesNotDefineAreIgnored() {
        String token = bearer(hs(JWSAlgorithm.HS256, withRoles("ghost", "manager"), SECRET));
        assertThat(post(port, QUERY, "Authorization", token).role()).isEqualTo("manager");
        assertThat(post(port, QUERY, "Authorization", token, "X-Weft-Role", "ghost").status()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutARoleIs403() {
        Response response = post(port, QUERY, "Authorization", bearer(hs(JWSAlgorithm.HS256, claims(c -> { }), SECRET)));
        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(response.message()).contains("no role");
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(600);
        JWTClaimsSet expired = new JWTClaimsSet.Builder(withRoles("manager")).issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build();
        Response response = post(port, QUERY, "Authorization", bearer(hs(JWSAlgorithm.HS256, expired, SECRET)));
        assertUnauthenticated(response, "expired");
        assertThat(response.headers().allValues("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void aTokenNotYetValidIs401() {
        JWTClaimsSet future = new JWTClaimsSet.Builder(withRoles("manager")).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build();
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(hs(JWSAlgorithm.HS256, future, SECRET))), "bearer token");
    }

    @Test
    void aForgedSignatureIs401() {
        String forged = hs(JWSAlgorithm.HS256, withRoles("manager"), "another-secret-of-thirty-two-bytes-or-more!!");
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(forged)), "bearer token");
    }

    @Test
    void aTamperedPayloadIs401() {
        String[] parts = hs(JWSAlgorithm.HS256, withRoles("analyst"), SECRET).split("\\.");
        String payload = Base64URL.encode(withRoles("manager").toString()).toString();
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(parts[0] + "." + payload + "." + parts[2])), "bearer token");
    }

    @Test
    void algNoneIs401() {
        String unsigned = new PlainJWT(withRoles("manager")).serialize();
        assertThat(unsigned).endsWith(".");
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(unsigned)), "bearer token");
        // "alg": "none" in the header of an otherwise signed token
        String[] parts = hs(JWSAlgorithm.HS256, withRoles("manager"), SECRET).split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(none + "." + parts[1] + "." + parts[2])), "bearer token");
        assertUnauthenticated(post(port, QUERY, "Authorization", bearer(none + "." + parts[1] + ".")), "bearer token");
    }

    @Test
    void garbageIs401() {
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer not-a-jwt"), "bearer token");
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer "), "");
    }

    @Test
    void apiKeysStillWorkBesideTokens() {
        assertThat(post(port, QUERY, "X-API-Key", MANAGER_KEY).role()).isEqualTo("manager");
        Response none = post(port, QUERY);
        assertUnauthenticated(none, "or a bearer token");
        assertThat(none.headers().allValues("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer"));
    }
}
