package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.limits.DocumentShapeTest;
import dev.weft.web.SecurityTesting.Response;
import graphql.introspection.IntrospectionQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * The embedded demo with no limit configured anywhere: the audit's attacks meet the defaults of
 * {@code weft.limits} and end with one GraphQL error, quickly (the time bounds are safety bounds with
 * generous margins, not measurements); GraphiQL's introspection query stays within them. Errors that
 * Spring answers itself (400, 500) are GraphQL-shaped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DefaultLimitsIT.FailingRoute.class)
class DefaultLimitsIT {
    private static final String KEY = "demo-manager-key";

    @LocalServerPort
    int port;

    /** A route that fails with an exception no handler catches: Spring's 500. */
    @TestConfiguration
    static class FailingRoute {
        @Bean
        RouterFunction<ServerResponse> failingRoute() {
            return RouterFunctions.route().GET("/test/fails", request -> {
                throw new IllegalStateException("secret detail of a failure");
            }).build();
        }
    }

    /** {@code levels} times {@code dept_emp { departments { ... } } }: every department's rows again at every level. */
    static String departmentCycle(int levels) {
        return "{ hr_departments { dept_name " + "dept_emp { departments { dept_name ".repeat(levels) + " } }".repeat(levels)
                + " } }";
    }

    @BeforeEach
    void warmUp() {
        assertThat(post("{ hr_employees(limit: 1) { emp_no } }").status()).isEqualTo(200);
    }

    private Response post(String query) {
        return SecurityTesting.post(port, query, "X-API-Key", KEY);
    }

    private static void assertRefused(Response response, String code, String limit, long millis, long boundMillis) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode errors = response.json().get("errors");
        assertThat(errors.size()).as(response.text()).isEqualTo(1);
        assertThat(errors.get(0).at("/extensions/code").asString()).as(response.text()).isEqualTo(code);
        assertThat(errors.get(0).at("/extensions/limit").asString()).as(response.text()).isEqualTo(limit);
        assertThat(response.json().path("data").isMissingNode() || response.json().get("data").isNull()).isTrue();
        assertThat(millis).as("answered within %d ms", boundMillis).isLessThan(boundMillis);
    }

    private record Timed(Response response, long millis) {
    }

    private Timed timed(String query) {
        long start = System.nanoTime();
        Response response = post(query);
        return new Timed(response, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theFragmentBombIsRefusedBeforeAnythingExpandsIt() {
        String bomb = DocumentShapeTest.fragmentBomb(40);
        assertThat(bomb.length()).isLessThan(2_000);
        Timed t = timed(bomb);
        assertRefused(t.response(), "BAD_USER_INPUT", "max-fields", t.millis(), 3_000);
        assertThat(t.response().text()).contains("1099511627777 fields").contains("at most 1000");
    }

    @Test
    void fiftyLevelsOfARelationshipCycleAreRefusedByDepth() {
        Timed t = timed(departmentCycle(50));
        assertRefused(t.response(), "BAD_USER_INPUT", "max-depth", t.millis(), 3_000);
        assertThat(t.response().text()).contains("nests 102 fields deep; at most 25");
    }

    @Test
    void aCycleWithinTheDepthStopsAtTheResponseSizeInsteadOfFillingTheHeap() {
        Response small = post(departmentCycle(2));
        assertThat(small.json().has("errors")).as(small.text()).isFalse();
        Timed t = timed(departmentCycle(11));
        assertRefused(t.response(), "BAD_USER_INPUT", "max-response-bytes", t.millis(), 20_000);
        assertThat(t.response().text()).contains("more than 16777216 bytes");
        assertThat(post("{ hr_employees(limit: 1) { emp_no } }").json().at("/data/hr_employees/0/emp_no").asInt())
                .as("the server still answers").isEqualTo(10001);
    }

    @Test
    void graphiqlsIntrospectionQueryIsWithinTheDefaults() {
        Response response = post(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(response.json().has("errors")).as(response.text()).isFalse();
        assertThat(response.json().at("/data/__schema/types").size()).isGreaterThan(10);
    }

    @Test
    void introspectionNotInGoodFaithIsBadUserInput() {
        Response response = post("{ __schema { types { fields { type { fields { name } } } } } }");
        assertThat(response.json().at("/errors/0/message").asString()).contains("not asking for introspection in good faith");
        assertThat(response.json().at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aBodyThatIsNotJsonIsAGraphqlShaped400() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/graphql")).header("Content-Type", "application/json")
                .header("X-API-Key", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"query\": ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode body = SecurityTesting.JSON.readTree(response.body());
        assertThat(body.at("/errors/0/extensions/code").asString()).as(response.body()).isEqualTo("BAD_USER_INPUT");
        assertThat(body.at("/errors/0/message").asString()).contains("not a GraphQL request");
        assertThat(body.has("timestamp") || body.has("status")).as("not Spring's default error JSON").isFalse();
    }

    @Test
    void anUncaughtExceptionIsAGraphqlShaped500WithoutItsText() {
        Response response = SecurityTesting.get(port, "/test/fails", "X-API-Key", KEY);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().at("/errors/0/extensions/code").asString()).as(response.text()).isEqualTo("INTERNAL");
        assertThat(response.json().at("/errors/0/message").asString()).contains("request id");
        assertThat(response.text()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
        assertThat(response.json().has("timestamp")).isFalse();
    }
}
