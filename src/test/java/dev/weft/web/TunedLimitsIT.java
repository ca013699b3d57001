package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.limits.DocumentShapeTest;
import dev.weft.security.ApiKey;
import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code weft.limits} set in the configuration and lowered or raised by roles in access.yml, over
 * HTTP against the embedded demo: the audit's fragment bomb against a role with {@code max-depth: 3,
 * max-fields: 20}, a list over a role's {@code max-rows}, a role allowed a depth of 120 whose cycle of
 * fifty levels is stopped by the response size, and a request timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "weft.limits.max-depth=30", "weft.limits.max-response-bytes=256KB"})
class TunedLimitsIT {
    private static final String TABLES = """
                hr.employees:
                hr.departments:
                hr.dept_emp:
            """;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, """
                api-keys:
                  - { name: strict, key-sha256: %s, role: strict }
                  - { name: deep, key-sha256: %s, role: deep }
                  - { name: plain, key-sha256: %s, role: plain }
                  - { name: hasty, key-sha256: %s, role: hasty }
                roles:
                  strict:
                    limits: { max-depth: 3, max-fields: 20, max-rows: 3 }
                %s  deep:
                    limits: { max-depth: 120 }
                %s  plain:
                %s  hasty:
                    limits: { request-timeout: 1ms }
                %s""".formatted(ApiKey.sha256Hex("strict-key"), ApiKey.sha256Hex("deep-key"), ApiKey.sha256Hex("plain-key"), ApiKey.sha256Hex("hasty-key"),
                TABLES, TABLES, TABLES, TABLES));
    }


    private Response post(String key, String query) {
        return SecurityTesting.post(port, query, "X-API-Key", key);
    }

    private static JsonNode onlyError(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("errors").size()).as(response.text()).isEqualTo(1);
        return response.json().get("errors").get(0);
    }

    @Test
    void theFragmentBombMeetsTheRolesOwnLimitsWithinMilliseconds() {
        post("strict-key", "{ hr_employees(limit: 1) { emp_no } }");
        long start = System.nanoTime();
        JsonNode error = onlyError(post("strict-key", DocumentShapeTest.fragmentBomb(40)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.at("/extensions/limit").asString()).isEqualTo("max-fields");
        assertThat(error.at("/message").asString()).contains("at most 20");
        assertThat(millis).as("a safety bound").isLessThan(3_000);
        assertThat(onlyError(post("strict-key", "{ hr_departments { dept_emp { employees { emp_no } } } }"))
                .at("/extensions/limit").asString()).isEqualTo("max-depth");
    }

    @Test
    void aListOverTheRolesMaxRowsIsRefusedAndOneWithinItIsServed() {
        JsonNode error = onlyError(post("strict-key", "{ hr_employees { emp_no } }"));
        assertThat(error.at("/extensions/limit").asString()).isEqualTo("max-rows");
        assertThat(error.at("/message").asString()).contains("more than 3 rows");
        Response within = post("strict-key", "{ hr_employees(limit: 3, order_by: [{emp_no: asc}]) { emp_no } }");
        assertThat(within.json().has("errors")).as(within.text()).isFalse();
        assertThat(within.json().at("/data/hr_employees").size()).isEqualTo(3);
        assertThat(onlyError(post("strict-key", "{ hr_departments(limit: 3) { dept_emp { emp_no } } }"))
                .at("/extensions/limit").asString()).as("a relationship's list too").isEqualTo("max-rows");
        Response plain = post("plain-key", "{ hr_employees { emp_no } }");
        assertThat(plain.json().has("errors")).as("the default max-rows: " + plain.text()).isFalse();
    }

    @Test
    void aRoleMayRaiseTheDepthAndTheResponseSizeStillHoldsItsCycle() {
        String fifty = DefaultLimitsIT.departmentCycle(50);
        assertThat(onlyError(post("plain-key", fifty)).at("/message").asString())
                .as("weft.limits.max-depth").contains("at most 30");
        long start = System.nanoTime();
        JsonNode error = onlyError(post("deep-key", fifty));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(error.at("/extensions/limit").asString()).as(error.toString()).isEqualTo("max-response-bytes");
        assertThat(error.at("/message").asString()).contains("more than 262144 bytes");
        assertThat(millis).as("a safety bound").isLessThan(5_000);
        Response small = post("deep-key", DefaultLimitsIT.departmentCycle(2));
        assertThat(small.json().has("errors")).as(small.text()).isFalse();
    }

    @Test
    void aRequestPastItsTimeoutStopsWithTimeout() {
        JsonNode error = onlyError(post("hasty-key", DefaultLimitsIT.departmentCycle(3)));
        assertThat(error.at("/extensions/code").asString()).as(error.toString()).isEqualTo("TIMEOUT");
        assertThat(error.at("/extensions/limit").asString()).isEqualTo("request-timeout");
    }
}
