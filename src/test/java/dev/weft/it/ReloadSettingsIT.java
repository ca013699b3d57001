package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
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

/**
 * The settings of hot reload against a PostgreSQL database: {@code weft.reload.introspect-interval} picks up a table
 * added to the database without a request to reload; {@code weft.reload.enabled: false} watches nothing and has no
 * endpoint.
 */
class ReloadSettingsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theIntrospectionIntervalPicksUpANewTableAndCountsUnchangedReloads() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE looms (id INT PRIMARY KEY)", "INSERT INTO looms VALUES (1)");
            try (ConfigurableApplicationContext weft = start(db, "  reload:\n    introspect-interval: 1s\n")) {
                int port = EnvironmentStart.port(weft);
                String version = get(port, "/actuator/weft/reload").body();
                await(() -> unchanged(weft) >= 1, 15);
                assertThat(get(port, "/actuator/weft/reload").body()).as("nothing changed: the same version serves")
                        .contains(versionOf(version));
                assertThat(post(port, "{ pg_shuttles { id } }")).contains("GRAPHQL_VALIDATION_FAILED");

                db.execute("CREATE TABLE shuttles (id INT PRIMARY KEY)", "INSERT INTO shuttles VALUES (42)");
                await(() -> post(port, "{ pg_shuttles { id } }").equals("{\"data\":{\"pg_shuttles\":[{\"id\":42}]}}"), 15);
                assertThat(get(port, "/actuator/weft/reload").body()).contains("\"trigger\":\"interval\"")
                        .doesNotContain(versionOf(version));
            }
        }
    }

    @Test
    void disabledReloadWatchesNothingAndHasNoEndpoint() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE looms (id INT PRIMARY KEY, shed_id INT)", "CREATE TABLE sheds (id INT PRIMARY KEY)",
                    "INSERT INTO looms VALUES (1, 5)", "INSERT INTO sheds VALUES (5)");
            try (ConfigurableApplicationContext weft = start(db, "  reload:\n    enabled: false\n")) {
                int port = EnvironmentStart.port(weft);
                assertThat(get(port, "/actuator/weft/reload").statusCode()).isEqualTo(404);
                Files.writeString(dir.resolve("relationships.yml"), """
                        relationships:
                          - { service: pg, table: looms, name: shed, type: belongs_to, field: shed_id,
                              ref_service: pg, ref_table: sheds, ref_field: id }
                        """);
                Thread.sleep(4_000); // longer than the watch's poll interval and settling time
                assertThat(post(port, "{ pg_looms { id shed { id } } }")).contains("GRAPHQL_VALIDATION_FAILED");
                assertThat(post(port, "{ pg_looms { id } }")).isEqualTo("{\"data\":{\"pg_looms\":[{\"id\":1}]}}");
            }
        }
    }

    private ConfigurableApplicationContext start(TestDatabase db, String reload) throws IOException {
        Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n");
        Path yml = dir.resolve("weft.yml");
        Files.writeString(yml, """
                management.endpoints.web.exposure.include: health,weft
                weft:
                  relationships: %s
                  services:
                    pg:
                      kind: postgres
                      url: %s
                      username: %s
                      password: "%s"
                %s""".formatted(dir.resolve("relationships.yml"), db.url("postgres"), db.server().endpoint().user(),
                db.server().endpoint().password(), reload));
        return EnvironmentStart.run(Map.of(), "--spring.config.additional-location=file:" + yml);
    }

    private static double unchanged(ConfigurableApplicationContext weft) {
        Counter counter = weft.getBean(MeterRegistry.class).find("weft.reload").tag("outcome", "unchanged").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String versionOf(String status) {
        return status.replaceAll(".*\"version\":\"([0-9a-f]+)\".*", "$1");
    }

    private static String post(int port, String query) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
