package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * README, "Metrics": with Actuator on a port of its own ({@code management.server.port}), {@code /actuator/prometheus}
 * answers there without credentials (the port is the operator's, kept off the callers' network) in Prometheus' text
 * format, with every meter the README lists; the API's port still asks for a role with {@code actuator: true}.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.endpoints.web.exposure.include=health,prometheus"})
class ManagementPortIT {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");
    private static final String QUERY = "{ hr_employees(where: {status: {status: {_eq: \\\"active\\\"}}}, limit: 3) { emp_no status { status } } }";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theManagementPortServesPrometheusWithoutCredentialsAndTheApiPortStillAsksForThem() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> query = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("X-API-Key", "demo-manager-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + QUERY + "\"}")));
        assertThat(query.body()).contains("\"emp_no\"").doesNotContain("\"errors\"");
        assertThat(send(get(port, "/graphql?query=%7B__typename%7D")).statusCode()).as("a refusal: 401").isEqualTo(401);
        assertThat(send(get(port, "/actuator/prometheus")).statusCode()).as("the API's port, no credentials").isEqualTo(401);
        assertThat(send(get(port, "/actuator/prometheus").header("X-API-Key", "demo-analyst-key")).statusCode())
                .as("the API's port, a role without actuator: true").isEqualTo(403);

        HttpResponse<String> scrape = send(get(managementPort, "/actuator/prometheus"));
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        Set<String> names = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Double.parseDouble(sample.group(3));
            names.add(sample.group(1));
        }
        assertThat(names).contains("weft_source_statements_seconds_count", "weft_batch_keys_count", "weft_crosssource_keys_count",
                "weft_requests_seconds_count", "weft_requests_refused_total", "cache_gets_total", "hikaricp_connections_active",
                "hikaricp_connections_acquire_seconds_count", "graphql_request_seconds_count", "http_server_requests_seconds_count");
        assertThat(scrape.body()).contains("weft_requests_refused_total{reason=\"auth\"}")
                .contains("graphql_request_seconds_count{error=\"none\",graphql_operation_type=\"query\",graphql_outcome=\"SUCCESS\"}");
        assertThat(send(get(managementPort, "/actuator/health")).statusCode()).isEqualTo(200);
    }

    private static HttpRequest.Builder get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
