package dev.weft.web;

import static dev.weft.web.SecurityTesting.ANALYST_KEY;
import static dev.weft.web.SecurityTesting.BOTH_KEY;
import static dev.weft.web.SecurityTesting.MANAGER_KEY;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.get;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * API keys (README, "API keys") over the embedded demo's databases: the right key gives its role and claims
 * to the GraphQL context, a wrong or missing key is 401, a role the key does not grant is 403, and
 * {@code X-Weft-Role} chooses among a key's roles. GraphiQL, its assets and health stay open; the
 * API and the SDL do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class ApiKeyAuthIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
    }


    @Test
    void theRightKeyGivesItsRoleAndClaimsToGraphql() {
        Response response = post(port, QUERY, "X-API-Key", ANALYST_KEY);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/data/hr_employees/0/emp_no").asInt()).as(response.text()).isEqualTo(10001);
        assertThat(response.role()).isEqualTo("analyst");
        assertThat(response.claims().get("gender").asString()).isEqualTo("F");
        assertThat(response.claims().get("level").asInt()).isEqualTo(3);
        assertThat(response.claims().size()).isEqualTo(2);
    }

    @Test
    void getRequestsAuthenticateToo() {
        Response response = get(port, SecurityTesting.getQuery(QUERY), "X-API-Key", MANAGER_KEY, "Accept", "application/json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.role()).isEqualTo("manager");
        assertThat(response.claims().isEmpty()).isTrue();
        assertThat(get(port, SecurityTesting.getQuery(QUERY)).status()).isEqualTo(401);
    }

    @Test
    void aWrongKeyIs401InGraphqlShape() {
        Response response = post(port, QUERY, "X-API-Key", "not-a-key");
        assertUnauthenticated(response, "the API key is not valid");
        assertUnauthenticated(post(port, QUERY, "X-API-Key", ""), "the API key is not valid");
        assertUnauthenticated(post(port, QUERY, "X-API-Key", ANALYST_KEY.toUpperCase(java.util.Locale.ROOT)), "the API key is not valid");
    }

    @Test
    void noCredentialsIs401WithoutAnAnonymousRole() {
        Response response = post(port, QUERY);
        assertUnauthenticated(response, "authentication required");
        assertThat(response.headers().allValues("WWW-Authenticate")).contains("ApiKey header=\"X-API-Key\"");
    }

    @Test
    void aBearerTokenIsRefusedWhenNoJwtIsConfigured() {
        assertUnauthenticated(post(port, QUERY, "Authorization", "Bearer abc.def.ghi"), "API keys (X-API-Key) only");
        assertUnauthenticated(post(port, QUERY, "X-API-Key", MANAGER_KEY, "Authorization", "Bearer abc.def.ghi"), "not both");
    }

    @Test
    void aRoleTheKeyDoesNotGrantIs403() {
        Response response = post(port, QUERY, "X-API-Key", ANALYST_KEY, "X-Weft-Role", "manager");
        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.code()).isEqualTo("FORBIDDEN");
        assertThat(response.message()).contains("'manager'", "[analyst]");
        assertThat(response.json().has("data")).isFalse();
        assertThat(post(port, QUERY, "X-API-Key", MANAGER_KEY, "X-Weft-Role", "nosuchrole").status()).isEqualTo(403);
    }

    @Test
    void xWeftRoleChoosesAmongTheKeysRolesAndTheFirstIsTheDefault() {
        assertThat(post(port, QUERY, "X-API-Key", BOTH_KEY).role()).isEqualTo("analyst");
        Response manager = post(port, QUERY, "X-API-Key", BOTH_KEY, "X-Weft-Role", "manager");
        assertThat(manager.status()).as(manager.text()).isEqualTo(200);
        assertThat(manager.role()).isEqualTo("manager");
        assertThat(manager.claims().get("gender").asString()).isEqualTo("M");
        assertThat(post(port, QUERY, "X-API-Key", BOTH_KEY, "X-Weft-Role", "analyst").role()).isEqualTo("analyst");
        assertThat(post(port, QUERY, "X-API-Key", ANALYST_KEY, "X-Weft-Role", "analyst").role()).isEqualTo("analyst");
        assertThat(post(port, QUERY, "X-API-Key", BOTH_KEY, "X-Weft-Role", "viewer").status()).isEqualTo(403);
    }

    @Test
    void theSchemaNeedsACaller() {
        assertThat(get(port, "/graphql/schema").status()).isEqualTo(401);
        Response schema = get(port, "/graphql/schema", "X-API-Key", MANAGER_KEY);
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.text()).contains("hr_employees");
    }

    @Test
    void graphiqlItsAssetsAndHealthStayOpen() {
        Response page = get(port, "/graphiql");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("id=\"weft-default-headers\">\"\"</script>"); // not the demo: no key in the page
        String script = page.text().replaceAll("(?s).*<script src=\"(webjars/graphiql/[^\"]+)\".*", "$1");
        assertThat(get(port, "/" + script).status()).isEqualTo(200);
        assertThat(get(port, "/actuator/health").status()).isEqualTo(200);
        // a source's health is a detail: shown to callers with credentials only
        assertThat(get(port, "/actuator/health/sources").status()).isEqualTo(404);
        assertThat(get(port, "/actuator/health/sources", "X-API-Key", MANAGER_KEY).status()).isEqualTo(200);
        assertThat(get(port, "/anything-else").status()).isEqualTo(401);
    }

    @Test
    void noSessionCookieIsEverSet() {
        Response response = post(port, QUERY, "X-API-Key", ANALYST_KEY);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    static void assertUnauthenticated(Response response, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.message()).contains(message);
        assertThat(response.json().get("errors").size()).isEqualTo(1);
        assertThat(response.json().has("data")).isFalse();
        assertThat(response.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }
}
