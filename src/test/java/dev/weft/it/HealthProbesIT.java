package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.ApiKey;
import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health over HTTP with access control and two sources, one reached through a {@link TcpProxy} that the
 * test stops: the public {@code /actuator/health} gives only a status (no source names, no disk path);
 * a caller with an API key sees the sources; when one source is down the instance stays UP for the
 * liveness and readiness probes (its fields fail instead) and the overall status is DEGRADED, still 200.
 */
class HealthProbesIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "health-probe-key-1";
    // The pools keep the default connection-timeout (5 s): HikariCP sets it as DriverManager's login timeout, which is
    // global to the JVM, and a 1 s one made the next test's IBM JCC connection to a freshly created Derby database time out.

    @TempDir
    Path dir;

    @Test
    void detailsOnlyForCallersAndProbesThatSurviveASourceOutage() throws Exception {
        try (TestDatabase maria = TestDatabase.mariadb(); TestDatabase pg = TestDatabase.postgres();
             TcpProxy proxy = TcpProxy.to(TestServers.mariadb())) {
            maria.execute("CREATE TABLE things (id INT PRIMARY KEY)", "INSERT INTO things VALUES (1)");
            pg.execute("CREATE TABLE accounts (id INT PRIMARY KEY)", "INSERT INTO accounts VALUES (7)");
            Path access = Files.writeString(dir.resolve("access.yml"), """
                    api-keys:
                      - { name: ops, key-sha256: %s, role: reader }
                    roles:
                      reader:
                        shop.things:
                        crm.accounts:
                    """.formatted(ApiKey.sha256Hex(KEY)));
            Path weftYml = Files.writeString(dir.resolve("weft.yml"), """
                    weft:
                      relationships: %s
                      security: { access: %s }
                      services:
                        shop:
                          kind: mariadb
                          url: jdbc:mariadb://127.0.0.1:%d/%s
                          username: root
                        crm:
                          kind: postgres
                          url: %s
                          username: postgres
                    """.formatted(Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n"), access,
                    proxy.port(), maria.name(), pg.url("postgres")));

            try (ConfigurableApplicationContext weft = EnvironmentStart.run(Map.of(),
                    "--spring.config.additional-location=file:" + weftYml)) {
                int port = EnvironmentStart.port(weft);
                HttpResponse<String> open = get(port, "/actuator/health", null);
                assertThat(open.statusCode()).isEqualTo(200);
                JsonNode status = JSON.readTree(open.body());
                assertThat(status.propertyNames()).containsExactlyInAnyOrder("status", "groups");
                assertThat(status.at("/status").asString()).isEqualTo("UP");
                assertThat(open.body()).doesNotContain("shop", "crm", "disk", Path.of("").toAbsolutePath().toString());

                JsonNode details = JSON.readTree(get(port, "/actuator/health", KEY).body());
                assertThat(details.at("/components/sources/components/shop/status").asString()).isEqualTo("UP");
                assertThat(details.at("/components/sources/components/crm/status").asString()).isEqualTo("UP");

                proxy.stop();
                HttpResponse<String> degraded = get(port, "/actuator/health", null);
                assertThat(degraded.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(degraded.body()).at("/status").asString()).isEqualTo("DEGRADED");
                assertThat(degraded.body()).doesNotContain("shop", "crm");
                JsonNode down = JSON.readTree(get(port, "/actuator/health", KEY).body());
                assertThat(down.at("/components/sources/components/shop/status").asString()).as(down.toString()).isEqualTo("DEGRADED");
                assertThat(down.at("/components/sources/components/crm/status").asString()).isEqualTo("UP");
                for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
                    HttpResponse<String> response = get(port, probe, null);
                    assertThat(response.statusCode()).as(probe).isEqualTo(200);
                    assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
                }
                HttpResponse<String> query = post(port, "{ crm_accounts { id } shop_things { id } }");
                assertThat(query.body()).contains("\"crm_accounts\":[{\"id\":7}]", "\"shop_things\":null", "SOURCE_UNAVAILABLE");
            }
        }
    }

    private static HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
