package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP surface of the README ("The two commands", "Errors") against the embedded demo (no {@code weft.services}
 * configured): POST and GET {@code /graphql}, error codes, {@code /graphql/schema} and
 * {@code /actuator/health}, through a plain HTTP client.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpApiIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TWO_EMPLOYEES = "{ hr_employees(limit: 2, order_by: [{emp_no: asc}]) { emp_no first_name } }";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postRunsAQuery() throws Exception {
        HttpResponse<String> response = post(Map.of("query", TWO_EMPLOYEES), "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("errors")).as(response.body()).isFalse();
        assertThat(body.at("/data/hr_employees/0/emp_no").asInt()).isEqualTo(10001);
        assertThat(body.at("/data/hr_employees/0/first_name").asString()).isEqualTo("Georgi");
        assertThat(body.at("/data/hr_employees/1/emp_no").asInt()).isEqualTo(10002);
        assertThat(body.at("/data/hr_employees").size()).isEqualTo(2);
    }

    @Test
    void postTakesVariablesAndOperationName() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", "query One($id: Int!) { hr_employees_by_pk(emp_no: $id) { last_name } } "
                + "query Other { hrstatus_employee_status(limit: 1) { emp_no } }");
        request.put("variables", Map.of("id", 10003));
        request.put("operationName", "One");
        JsonNode body = JSON.readTree(post(request, "application/json").body());
        assertThat(body.has("errors")).as(body.toString()).isFalse();
        assertThat(body.at("/data/hr_employees_by_pk/last_name").asString()).isEqualTo("Bamford");
        assertThat(body.at("/data").size()).isEqualTo(1);
    }

    @Test
    void getRunsAQueryWithVariablesAndOperationName() throws Exception {
        String query = "query Pick($id: Int!) { hr_employees_by_pk(emp_no: $id) { emp_no first_name } } "
                + "query Other { hr_employees { emp_no } }";
        HttpResponse<String> response = get("/graphql?query=" + encode(query) + "&variables=" + encode("{\"id\": 10002}")
                + "&operationName=Pick", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("errors")).as(response.body()).isFalse();
        assertThat(body.at("/data/hr_employees_by_pk/first_name").asString()).isEqualTo("Bezalel");
        assertThat(body.at("/data").size()).isEqualTo(1);

        JsonNode plain = JSON.readTree(get("/graphql?query=" + encode(TWO_EMPLOYEES), "application/json").body());
        assertThat(plain.at("/data/hr_employees/1/emp_no").asInt()).isEqualTo(10002);
    }

    @Test
    void getRefusesMutationsWith405() throws Exception {
        HttpResponse<String> response = get("/graphql?query=" + encode("mutation { delete_hr_employees(where: {}) { affected_rows } }"),
                "application/json");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> named = get("/graphql?query=" + encode("query Q { hr_employees { emp_no } } mutation M { x }")
                + "&operationName=M", "application/json");
        assertThat(named.statusCode()).isEqualTo(405);
    }

    @Test
    void aSyntaxErrorIsGraphqlParseFailed() throws Exception {
        JsonNode body = JSON.readTree(post(Map.of("query", "{ hr_employees { emp_no "), "application/json").body());
        assertThat(codes(body)).containsExactly("GRAPHQL_PARSE_FAILED");
        assertThat(body.has("data")).isFalse();

        HttpResponse<String> get = get("/graphql?query=" + encode("{ hr_employees {"), "application/json");
        assertThat(codes(JSON.readTree(get.body()))).containsExactly("GRAPHQL_PARSE_FAILED");
    }

    @Test
    void anUnknownFieldIsGraphqlValidationFailed() throws Exception {
        JsonNode body = JSON.readTree(post(Map.of("query", "{ hr_employees { emp_no no_such_column } }"), "application/json").body());
        assertThat(codes(body)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(body.at("/errors/0/message").asString()).contains("no_such_column");
        assertThat(body.has("data")).isFalse();
    }

    @Test
    void requestErrorsAre400WithTheGraphqlResponseMediaType() throws Exception {
        HttpResponse<String> response = post(Map.of("query", "{ hr_employees { emp_no no_such_column } }"),
                "application/graphql-response+json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(codes(JSON.readTree(response.body()))).containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aNegativeLimitFailsTheWholeRequest() throws Exception {
        JsonNode body = JSON.readTree(post(Map.of("query",
                "{ hr_employees(limit: -1) { emp_no } hrstatus_employee_status(limit: 1) { emp_no } }"), "application/json").body());
        assertThat(codes(body)).containsExactly("BAD_USER_INPUT");
        assertThat(body.at("/errors/0/path/0").asString()).isEqualTo("hr_employees");
        assertThat(body.has("data")).as("no data key, as Hasura answers a validation error").isFalse();

        JsonNode offset = JSON.readTree(post(Map.of("query", "{ hr_employees(offset: -3) { emp_no } }"), "application/json").body());
        assertThat(codes(offset)).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aBadVariableIsBadUserInput() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", "query($id: Int!) { hr_employees_by_pk(emp_no: $id) { emp_no } }");
        request.put("variables", Map.of("id", "not a number"));
        JsonNode body = JSON.readTree(post(request, "application/json").body());
        assertThat(codes(body)).containsExactly("BAD_USER_INPUT");

        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("query", "query($id: Int!) { hr_employees_by_pk(emp_no: $id) { emp_no } }");
        assertThat(codes(JSON.readTree(post(missing, "application/json").body()))).containsExactly("BAD_USER_INPUT");

        HttpResponse<String> get = get("/graphql?query=" + encode("query($id: Int!) { hr_employees_by_pk(emp_no: $id) { emp_no } }")
                + "&variables=" + encode("{\"id\": \"x\"}"), "application/json");
        assertThat(codes(JSON.readTree(get.body()))).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void schemaPrintsTheSdl() throws Exception {
        HttpResponse<String> response = get("/graphql/schema", "*/*");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("type Query", "hr_employees_by_pk(emp_no: Int!): HrEmployees",
                "hr_employees_aggregate(", "type HrEmployees", "hrstatus_employee_status(");
    }

    @Test
    void healthReportsEverySource() throws Exception {
        HttpResponse<String> response = get("/actuator/health", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/status").asString()).isEqualTo("UP");
        assertThat(body.at("/components/sources/status").asString()).as(response.body()).isEqualTo("UP");
        assertThat(body.at("/components/sources/components/hr/status").asString()).isEqualTo("UP");
        assertThat(body.at("/components/sources/components/hrstatus/status").asString()).isEqualTo("UP");
        assertThat(body.at("/components/sources/components/hr/details/breaker").asString()).as(response.body())
                .isEqualTo("CLOSED");
        assertThat(body.at("/components/sources/components/events/details/breaker").asString()).isEqualTo("CLOSED");
    }

    /** The embedded demo is served with access control: its documented manager key sees every table. */
    private static final String DEMO_KEY = "demo-manager-key";

    private static List<String> codes(JsonNode body) {
        assertThat(body.has("errors")).as(body.toString()).isTrue();
        return body.get("errors").valueStream().map(e -> e.at("/extensions/code").asString()).toList();
    }

    private HttpResponse<String> post(Map<String, Object> body, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/graphql"))
                .header("X-API-Key", DEMO_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).header("X-API-Key", DEMO_KEY).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
