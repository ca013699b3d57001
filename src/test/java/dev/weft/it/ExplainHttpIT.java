package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /graphql/explain} against the embedded demo (H2 sources hr, hrstatus, pm; MongoDB events): the demo's
 * manager ({@code explain: true}) gets the plan of a same-source nested query with a MongoDB relationship, as JSON
 * without any value it sent; the analyst gets 403, a request without credentials 401, a mutation 400, each with a
 * GraphQL error and its code; every explain request is audited.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExplainHttpIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "tok_9f86d081884c7d65-secret";
    private static final String NESTED = "query Nested($not: String) { hr_employees(where: {last_name: {_neq: $not}}, limit: 3,"
            + " order_by: [{emp_no: asc}]) { emp_no dept_emp { dept_no } clicks { page } } }";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void capture() {
        audit.start();
        ((Logger) LoggerFactory.getLogger("weft.audit")).addAppender(audit);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("weft.audit")).detachAppender(audit);
    }

    @Test
    void anAllowedRoleGetsThePlanOfASameSourceNestedQueryWithoutAnyValueItSent() throws Exception {
        HttpResponse<String> response = post("demo-manager-key", body(NESTED, "Nested", SECRET));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("9f86d081").doesNotContain("demo-manager-key");
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("operation").asString()).isEqualTo("Nested");
        assertThat(report.get("outcome").asString()).isEqualTo("success");
        assertThat(report.has("data")).as("the data is discarded").isFalse();

        JsonNode hr = source(report, "hr");
        JsonNode root = hr.get("steps").get(0);
        assertThat(root.get("kind").asString()).isEqualTo("select");
        assertThat(root.get("sql").asString()).contains("<> ?");
        assertThat(JSON.convertValue(root.get("parameters"), List.class)).containsExactly("text", "bigint");
        assertThat(root.get("rows").asLong()).isEqualTo(3);
        JsonNode nested = hr.get("steps").get(1);
        assertThat(nested.get("kind").asString()).as("dept_emp: the same source, one batch for the 3 parents").isEqualTo("select_batch");
        assertThat(nested.get("keys").asInt()).isEqualTo(3);
        assertThat(nested.get("chunk").asString()).isEqualTo("1 of 1");
        assertThat(hr.get("statements").asInt()).isEqualTo(2);

        JsonNode clicks = source(report, "events").get("steps").get(0);
        assertThat(clicks.get("language").asString()).isEqualTo("mongodb");
        assertThat(clicks.get("kind").asString()).isEqualTo("select_batch");
        assertThat(clicks.get("keys").asInt()).isEqualTo(3);
        JsonNode command = JSON.readTree(clicks.get("command").asString());
        assertThat(command.has("find") || command.has("aggregate")).as(clicks.toString()).isTrue();
        assertThat(clicks.get("command").asString()).contains("\"?\"");
        assertThat(clicks.get("parameters").size()).isPositive();

        JsonNode record = JSON.readTree(audit.list.getLast().getFormattedMessage());
        assertThat(record.get("explain").asBoolean()).isTrue();
        assertThat(record.get("operation").asString()).isEqualTo("Nested");
        assertThat(record.get("role").asString()).isEqualTo("manager");
        assertThat(record.get("tables_read").size()).isEqualTo(3);
        assertThat(record.get("rows_returned").asLong()).as("the rows of every statement").isEqualTo(report.get("rows").asLong())
                .isGreaterThanOrEqualTo(3);
        assertThat(record.toString()).doesNotContain(SECRET);
    }

    @Test
    void aRoleWithoutExplainGets403AndNoCredentials401AsGraphqlErrors() throws Exception {
        HttpResponse<String> forbidden = post("demo-analyst-key", body("{ hr_employees { emp_no } }", null, null));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(forbidden.body()).get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(error.get("message").asString()).contains("explain: true");
        JsonNode refused = JSON.readTree(audit.list.getLast().getFormattedMessage());
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.get("path").asString()).isEqualTo("/graphql/explain");

        HttpResponse<String> anonymous = post(null, body("{ hr_employees { emp_no } }", null, null));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aMutationOrABodyThatIsNotARequestGets400AndRunsNothing() throws Exception {
        String count = "{ hr_employees_aggregate { aggregate { count } } }";
        long before = JSON.readTree(graphql(count)).at("/data/hr_employees_aggregate/aggregate/count").asLong();
        HttpResponse<String> mutation = post("demo-manager-key", body("mutation { delete_hr_employees(where: {}) { affected_rows } }",
                null, null));
        assertThat(mutation.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(mutation.body()).get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(JSON.readTree(graphql(count)).at("/data/hr_employees_aggregate/aggregate/count").asLong()).isEqualTo(before);

        HttpResponse<String> notARequest = post("demo-manager-key", "[1, 2]");
        assertThat(notARequest.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notARequest.body()).get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("BAD_USER_INPUT");
    }

    private static String body(String query, String operation, String notValue) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("query", query);
        if (operation != null) {
            body.put("operationName", operation);
        }
        if (notValue != null) {
            body.put("variables", java.util.Map.of("not", notValue));
        }
        return JSON.writeValueAsString(body);
    }

    private static JsonNode source(JsonNode report, String service) {
        return report.get("sources").valueStream().filter(s -> s.get("service").asString().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement of " + service + " in " + report));
    }

    private String graphql(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("X-API-Key", "demo-manager-key")
                .POST(HttpRequest.BodyPublishers.ofString(body(query, null, null))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql/explain"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
