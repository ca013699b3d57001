package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} against the embedded demo: only a role with {@code actuator: true} reads it, and a
 * scrape, parsed line by line, counts exactly the statements and keys of the requests the test sent.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,prometheus", "weft.limits.max-depth=5"})
class PrometheusIT {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");
    private static final String QUERY = "{ hr_employees(limit: 5, order_by: [{emp_no: asc}]) { emp_no status { status } clicks { page } } }";

    private static final String SEMI_JOIN = "{ hr_employees(where: {status: {status: {_eq: \"active\"}}}, limit: 2) { emp_no } }";

    private static final String TOO_DEEP = "{ hr_employees { dept_emp { departments { dept_emp { departments { dept_emp { emp_no } } } } } } }";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onlyAnActuatorRoleScrapesAndTheScrapeCountsTheStatementsAndKeysOfKnownRequests() throws Exception {
        Map<String, Double> before = scrape();
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "demo-analyst-key").statusCode()).as("analyst has no actuator: true").isEqualTo(403);
        assertThat(post("{ hr_employees { no_such_field } }").body()).contains("GRAPHQL_VALIDATION_FAILED");
        assertThat(post(TOO_DEEP).body()).as("deeper than weft.limits.max-depth").contains("BAD_USER_INPUT").doesNotContain("\"data\":{");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = post(QUERY);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"emp_no\"").doesNotContain("\"errors\"");
        }
        HttpResponse<String> semiJoin = post(SEMI_JOIN);
        assertThat(semiJoin.body()).contains("\"emp_no\"").doesNotContain("\"errors\"");
        Map<String, Double> after = scrape();

        assertThat(delta(before, after, "weft_source_statements_seconds_count{kind=\"select\",outcome=\"success\",service=\"hr\"}"))
                .as("QUERY twice, then SEMI_JOIN").isEqualTo(3.0);
        assertThat(delta(before, after,
                "weft_source_statements_seconds_count{kind=\"select_batch\",outcome=\"success\",service=\"hrstatus\"}")).isEqualTo(2.0);
        assertThat(delta(before, after,
                "weft_source_statements_seconds_count{kind=\"select_batch\",outcome=\"success\",service=\"events\"}")).isEqualTo(2.0);
        assertThat(delta(before, after, "weft_batch_keys_count{service=\"hrstatus\"}")).isEqualTo(2.0);
        assertThat(delta(before, after, "weft_batch_keys_sum{service=\"hrstatus\"}")).as("5 employees per request").isEqualTo(10.0);
        assertThat(delta(before, after, "weft_requests_seconds_count{outcome=\"success\"}")).isEqualTo(3.0);
        assertThat(delta(before, after, "weft_requests_seconds_count{outcome=\"errors\"}")).isEqualTo(2.0);
        assertThat(delta(before, after, "weft_requests_refused_total{reason=\"auth\"}")).as("the 401 and the 403").isEqualTo(2.0);
        assertThat(delta(before, after, "weft_requests_refused_total{reason=\"validation\"}")).isEqualTo(1.0);
        assertThat(delta(before, after, "weft_requests_refused_total{reason=\"limit\"}")).isEqualTo(1.0);
        // the invalid document, TOO_DEEP, QUERY and SEMI_JOIN are misses in the manager role's document cache, QUERY's second run a hit
        assertThat(delta(before, after, "cache_gets_total{cache=\"weft.documents\",result=\"miss\",role=\"manager\"}"))
                .isEqualTo(4.0);
        assertThat(delta(before, after, "cache_gets_total{cache=\"weft.documents\",result=\"hit\",role=\"manager\"}"))
                .isEqualTo(1.0);
        // SEMI_JOIN read the keys of the active statuses from hrstatus, to carry them into hr's statement
        assertThat(delta(before, after, "weft_crosssource_keys_count{service=\"hrstatus\"}")).isEqualTo(1.0);
        String active = post("{ hrstatus_employee_status_aggregate(where: {status: {_eq: \"active\"}}) { aggregate { count } } }").body();
        Matcher count = Pattern.compile("\"count\":(\\d+)").matcher(active);
        assertThat(count.find()).as(active).isTrue();
        assertThat(delta(before, after, "weft_crosssource_keys_sum{service=\"hrstatus\"}"))
                .isEqualTo(Double.parseDouble(count.group(1)));
        assertThat(after).as("HikariCP's meters of every SQL pool").containsKeys(
                "hikaricp_connections_max{pool=\"weft-hr\"}", "hikaricp_connections_max{pool=\"weft-hrstatus\"}",
                "hikaricp_connections_max{pool=\"weft-pm\"}");
        assertThat(after.get("hikaricp_connections_max{pool=\"weft-hr\"}")).isPositive();
    }

    @Test
    void everyMetricOfTheGrafanaDashboardIsInAScrape() throws Exception {
        assertThat(get("/graphql", null).statusCode()).isEqualTo(401); // a refusal, so that weft_requests_refused_total exists
        assertThat(post(QUERY).statusCode()).isEqualTo(200);
        java.util.Set<String> scraped = new java.util.HashSet<>();
        scrape().keySet().forEach(series -> scraped.add(series.replaceAll("\\{.*", "")));

        tools.jackson.databind.JsonNode dashboard = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of("deploy/grafana/weft.json")));
        java.util.Set<String> queried = new java.util.TreeSet<>();
        for (tools.jackson.databind.JsonNode panel : dashboard.get("panels")) {
            for (tools.jackson.databind.JsonNode target : panel.get("targets")) {
                Matcher metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{").matcher(target.get("expr").asString());
                while (metric.find()) {
                    queried.add(metric.group(1));
                }
            }
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10)
                .contains("weft_requests_seconds_count", "weft_source_statements_seconds_count", "hikaricp_connections_active");
        assertThat(scraped).as("series names of a scrape").containsAll(queried);
    }

    @Test
    void observationsKeepTheirTimersWithoutLongTaskTimers() throws Exception {
        // a document of its own: the other tests count QUERY's misses in the document cache
        assertThat(post("{ hr_employees(limit: 1) { emp_no } }").statusCode()).isEqualTo(200);
        java.util.Set<String> scraped = new java.util.HashSet<>();
        scrape().keySet().forEach(series -> scraped.add(series.replaceAll("\\{.*", "")));
        assertThat(scraped).contains("graphql_request_seconds_count", "http_server_requests_seconds_count");
        assertThat(scraped).as("management.metrics.observations.ignored-meters: long-task-timer")
                .noneMatch(name -> name.contains("_active_seconds"));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series in the scrape").containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    /** Every sample of a scrape by its name and labels as written (Prometheus text format, labels sorted). */
    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus", "demo-manager-key");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(4)));
        }
        return samples;
    }

    private HttpResponse<String> post(String query) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/graphql")).header("X-API-Key", "demo-manager-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query.replace("\"", "\\\"") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
