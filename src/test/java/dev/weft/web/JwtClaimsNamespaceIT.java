package dev.weft.web;

import static dev.weft.web.JwtHmacAuthIT.bearer;
import static dev.weft.web.JwtHmacAuthIT.hs;
import static dev.weft.web.SecurityTesting.claims;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.weft.security.ApiKey;
import dev.weft.web.SecurityTesting.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code weft.security.jwt.claims-namespace} over HTTP, with tokens laid out as Hasura's identity
 * providers issue them: the roles and the row filters' claims come from the namespace (names
 * {@code x-hasura-*} in any case, string and list claims read as the columns' types); a top-level
 * claim that is not a registered one is out of reach, {@code sub} stays reachable; the default role is
 * {@code x-hasura-default-role}'s, which must be among the allowed roles. API keys carry list claims too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class JwtClaimsNamespaceIT {
    static final String NAMESPACE = "https://hasura.io/jwt/claims";
    static final String LISTER_KEY = "lister-key-0004";
    static final String ACCESS_YML = """
            api-keys:
              - name: lister
                key-sha256: %s
                role: lister
                claims: { x-hasura-emp-nos: [10001, "10002"] }
            roles:
              analyst:
                hr.employees:
                  select:
                    columns: [emp_no, gender]
                    filter: { gender: { _eq: "@claims.X-Hasura-Gender" } }
              lister:
                hr.employees:
                  select: { filter: { emp_no: { _in: "@claims.x-hasura-emp-nos" } } }
            """.formatted(ApiKey.sha256Hex(LISTER_KEY));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, ACCESS_YML);
        registry.add("weft.security.jwt.hmac-secret", () -> JwtHmacAuthIT.SECRET);
        registry.add("weft.security.jwt.claims-namespace", () -> NAMESPACE);
        registry.add("weft.security.jwt.role-claim", () -> "x-hasura-allowed-roles");
        registry.add("weft.security.jwt.default-role-claim", () -> "X-Hasura-Default-Role");
    }

    private String token(Map<String, Object> namespaced, String topLevelGender) {
        return bearer(hs(JWSAlgorithm.HS256, claims(c -> c.claim(NAMESPACE, namespaced).claim("gender", topLevelGender)
                .claim("x-hasura-allowed-roles", List.of("lister"))), JwtHmacAuthIT.SECRET));
    }

    @Test
    void theNamespaceGivesTheRoleAndTheFiltersClaims() {
        Response response = post(port, "{ hr_employees { emp_no gender } }", "Authorization", token(Map.of(
                "x-hasura-allowed-roles", List.of("lister", "analyst"), "x-hasura-default-role", "analyst",
                "x-hasura-gender", "F", "x-hasura-emp-nos", "{10001}"), "M"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().has("errors")).as(response.text()).isFalse();
        JsonNode rows = response.json().at("/data/hr_employees");
        assertThat(rows.size()).isGreaterThan(3);
        rows.forEach(row -> assertThat(row.get("gender").asString()).isEqualTo("F"));
        assertThat(response.role()).isEqualTo("analyst");
        assertThat(response.claims().get("sub").asString()).isEqualTo("user-7");       // a registered claim stays reachable
        assertThat(response.claims().has("gender")).isFalse();                         // other top-level claims do not
        assertThat(response.claims().get("x-hasura-gender").asString()).isEqualTo("F");
    }

    @Test
    void aListClaimAsHasuraSendsItWorksInIn() {
        Response response = post(port, "{ hr_employees(order_by: [{emp_no: asc}]) { emp_no } }", "Authorization", token(Map.of(
                "x-hasura-allowed-roles", List.of("lister"), "x-hasura-default-role", "lister", "x-hasura-emp-nos", "{10001,10003}"), "F"));
        assertThat(response.json().has("errors")).as(response.text()).isFalse();
        assertThat(empNos(response)).containsExactly(10001, 10003);
    }

    @Test
    void rolesOutsideTheNamespaceGrantNothing() {
        // the token's top-level x-hasura-allowed-roles names lister; the namespace names no role of access.yml
        Response response = post(port, "{ hr_employees { emp_no } }", "Authorization",
                token(Map.of("x-hasura-allowed-roles", List.of("ghost"), "x-hasura-default-role", "ghost"), "F"));
        assertThat(response.status()).as(response.text()).isEqualTo(403);
    }

    @Test
    void aDefaultRoleOutsideTheAllowedOnesGrantsNothing() {
        Response response = post(port, "{ hr_employees { emp_no } }", "Authorization", token(Map.of(
                "x-hasura-allowed-roles", List.of("lister"), "x-hasura-default-role", "analyst", "x-hasura-emp-nos", "{10001}"), "F"));
        assertThat(response.status()).as(response.text()).isEqualTo(403);
    }

    @Test
    void anApiKeyCarriesAListClaim() {
        Response response = post(port, "{ hr_employees(order_by: [{emp_no: asc}]) { emp_no } }", "X-API-Key", LISTER_KEY);
        assertThat(response.json().has("errors")).as(response.text()).isFalse();
        assertThat(empNos(response)).containsExactly(10001, 10002);
    }

    private static List<Integer> empNos(Response response) {
        List<Integer> numbers = new ArrayList<>();
        response.json().at("/data/hr_employees").forEach(row -> numbers.add(row.get("emp_no").asInt()));
        return numbers;
    }
}
