package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log against the embedded demo: each request, executed or refused (401, 403, validation), gives one
 * record on the logger {@code weft.audit}, parsed here as JSON; no record holds the API key or a variable's value.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUERY = "query Emp($n: Int) { hr_employees(where: {emp_no: {_gt: $n}}, limit: 2) { emp_no } }";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        ((Logger) LoggerFactory.getLogger("weft.audit")).addAppender(captured);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("weft.audit")).detachAppender(captured);
    }

    @Test
    void everyRequestExecutedOrRefusedGivesOneJsonRecordWithoutSecrets() throws Exception {
        assertThat(post("demo-manager-key", null, "{\"query\": \"" + QUERY + "\", \"operationName\": \"Emp\", \"variables\": {\"n\": 987654}}")
                .statusCode()).isEqualTo(200);
        assertThat(post(null, null, "{\"query\": \"{ hr_employees { emp_no } }\"}").statusCode()).isEqualTo(401);
        assertThat(post("demo-analyst-key", "manager", "{\"query\": \"{ hr_employees { emp_no } }\"}").statusCode()).isEqualTo(403);
        assertThat(post("demo-manager-key", null, "{\"query\": \"{ hr_employees { no_such_field } }\"}").body())
                .contains("GRAPHQL_VALIDATION_FAILED");

        List<JsonNode> records = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage();
            assertThat(line).doesNotContain("demo-manager-key").doesNotContain("demo-analyst-key").doesNotContain("987654");
            records.add(JSON.readTree(line));
        }
        assertThat(records).hasSize(4);

        JsonNode executed = records.get(0);
        assertThat(executed.get("caller").asString()).isEqualTo("api-key demo-manager");
        assertThat(executed.get("role").asString()).isEqualTo("manager");
        assertThat(executed.get("operation").asString()).isEqualTo("Emp");
        assertThat(executed.get("document_sha256").asString()).isEqualTo(sha256(QUERY));
        assertThat(JSON.convertValue(executed.get("root_fields"), List.class)).isEqualTo(List.of("hr_employees"));
        assertThat(executed.get("outcome").asString()).isEqualTo("success");
        assertThat(executed.get("error_codes").size()).isZero();
        assertThat(executed.get("request_id").asString()).isNotBlank();
        assertThat(executed.get("duration_ms").asLong()).isNotNegative();
        assertThat(executed.get("time").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(JSON.convertValue(executed.get("tables_read"), List.class)).singleElement().asString()
                .startsWith("hr.").endsWith(".employees");
        assertThat(executed.get("tables_written").size()).isZero();
        assertThat(executed.get("rows_returned").asLong()).as("no employee number above 987654").isZero();
        assertThat(executed.has("trace_id")).as("no tracing configured").isFalse();

        assertThat(fields(records.get(1), "outcome", "status", "caller")).isEqualTo(Map.of("outcome", "refused", "status", "401",
                "caller", "null"));
        assertThat(records.get(1).get("error_codes").get(0).asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(fields(records.get(2), "outcome", "status", "caller")).isEqualTo(Map.of("outcome", "refused", "status", "403",
                "caller", "api-key demo-analyst"));
        assertThat(records.get(2).get("error_codes").get(0).asString()).isEqualTo("FORBIDDEN");
        assertThat(fields(records.get(3), "outcome", "role")).isEqualTo(Map.of("outcome", "refused", "role", "manager"));
        assertThat(records.get(3).get("error_codes").get(0).asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aMutationRecordsTheTablesItWroteAndNoValue() throws Exception {
        String insert = "mutation Hire($last: String!) { insert_hr_employees_one(object: {emp_no: 90077, birth_date: \"1990-01-01\","
                + " first_name: \"Audit\", last_name: $last, gender: \"F\", hire_date: \"2020-01-01\"}) { emp_no } }";
        assertThat(post("demo-manager-key", null, JSON.writeValueAsString(Map.of("query", insert, "operationName", "Hire",
                "variables", Map.of("last", "Secret-Name-77")))).body()).contains("90077");
        assertThat(post("demo-manager-key", null, JSON.writeValueAsString(Map.of("query",
                "mutation { delete_hr_employees(where: {emp_no: {_eq: 90077}}) { affected_rows } }"))).body())
                .contains("\"affected_rows\":1");

        List<JsonNode> records = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("Secret-Name-77").doesNotContain("demo-manager-key");
            records.add(JSON.readTree(event.getFormattedMessage()));
        }
        assertThat(records).hasSize(2);
        for (JsonNode record : records) {
            assertThat(record.get("outcome").asString()).isEqualTo("success");
            assertThat(JSON.convertValue(record.get("tables_written"), List.class)).singleElement().asString()
                    .startsWith("hr.").endsWith(".employees");
            assertThat(record.get("rows_written").asLong()).as(record.toString()).isEqualTo(1);
        }
        assertThat(records.get(0).get("root_fields").get(0).asString()).isEqualTo("insert_hr_employees_one");
        assertThat(records.get(0).get("rows_returned").asLong()).as("the inserted row, read back for its selection").isEqualTo(1);
    }

    @Test
    void theTraceIdOfTheRequestsThreadIsRecordedWhenTracingSetsOne() {
        org.slf4j.MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        try {
            new dev.weft.ops.AuditLog().refused("api-key demo-analyst", 403, "FORBIDDEN", "/graphql");
        } finally {
            org.slf4j.MDC.remove("traceId");
        }
        JsonNode record = JSON.readTree(captured.list.getLast().getFormattedMessage());
        assertThat(record.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    private static Map<String, String> fields(JsonNode record, String... names) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String name : names) {
            values.put(name, record.get(name).isNull() ? "null" : record.get(name).asString());
        }
        return values;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String key, String role, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (role != null) {
            request.header("X-Weft-Role", role);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
