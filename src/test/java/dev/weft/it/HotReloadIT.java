package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.weft.reload.SourceRegistry;
import dev.weft.security.ApiKey;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload (README, "Hot reload") of one running Weft over a PostgreSQL database ({@code pg}) and a MariaDB one
 * ({@code maria}), configured by weft.yml, relationships.yml and access.yml in a directory of its own: the tests
 * edit those files (as an operator or a ConfigMap would) and ask {@code /actuator/weft/reload}. They run in order,
 * each leaving a valid configuration for the next.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotReloadIT {
    private static final String ADMIN_KEY = "reload-admin-key";
    private static final String READER_KEY = "reload-reader-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The admin's tables in maria: departments, and a view that takes two seconds per row (SLEEP), for a request in flight. */
    private static final String MARIA_TABLES = "maria.departments:\n    maria.slow_departments:";
    private static final String RELATIONSHIP = """
            relationships:
              - service: pg
                table: employees
                name: department
                type: belongs_to
                field: dept_id
                ref_service: maria
                ref_table: departments
                ref_field: id
            """;

    @TempDir
    static Path dir;

    private static TestDatabase pg;
    private static TestDatabase maria;
    private static ConfigurableApplicationContext weft;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        pg = TestDatabase.postgres();
        pg.execute("CREATE TABLE employees (id INT PRIMARY KEY, name TEXT, dept_id INT)",
                "INSERT INTO employees VALUES (1, 'ann', 1), (2, 'bob', 2), (3, 'cy', 1)");
        maria = TestDatabase.mariadb();
        maria.execute("CREATE TABLE departments (id INT PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO departments VALUES (1, 'loom'), (2, 'dye')",
                "CREATE VIEW slow_departments AS SELECT id, name, SLEEP(2) AS slept FROM departments");
        write("weft.yml", weftYml(true, ""));
        write("relationships.yml", "relationships: []\n");
        write("access.yml", accessYml("1", MARIA_TABLES, ""));
        weft = EnvironmentStart.run(Map.of(), "--spring.config.additional-location=file:" + dir.resolve("weft.yml"));
        port = EnvironmentStart.port(weft);
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (maria != null) {
            maria.close();
        }
    }

    @Test
    @Order(1)
    void theReloadEndpointNeedsAnActuatorRole() throws Exception {
        assertThat(send("GET", "/actuator/weft/reload", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/weft/reload", READER_KEY).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/actuator/weft/reload", READER_KEY).statusCode()).isEqualTo(403);
        HttpResponse<String> status = send("GET", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).get("version").asString()).hasSize(16);
        assertThat(JSON.readTree(status.body()).get("outcome").asString()).isEqualTo("started");
        assertThat(JSON.readTree(status.body()).propertyNames()).containsExactly("version", "loadedAt", "outcome", "trigger",
                "attemptedAt", "millis", "problems");
        assertThat(JSON.readTree(status.body()).get("loadedAt").isString()).as(status.body()).isTrue();
    }

    @Test
    @Order(2)
    void aRelationshipAddedUnderLoadIsServedWithinSecondsAndNoRequestFails() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        String query = "{ pg_employees(order_by: [{id: asc}]) { id name } }";
        try (var load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = graphql(query, ADMIN_KEY);
                            if (response.statusCode() != 200 || response.body().contains("\"errors\"")
                                    || !response.body().contains("\"cy\"")) {
                                failures.add(response.statusCode() + " " + response.body());
                            }
                            served.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(1_000);
            long edited = System.nanoTime();
            write("relationships.yml", RELATIONSHIP);
            String withDepartment = "{ pg_employees(order_by: [{id: asc}]) { id department { name } } }";
            await(Duration.ofSeconds(20), () -> body(withDepartment, ADMIN_KEY).contains("\"loom\""));
            long millis = (System.nanoTime() - edited) / 1_000_000;
            System.out.println("HotReloadIT: the new relationship field was served " + millis + " ms after the edit");
            Thread.sleep(2_000); // the load goes on against the new version
            running.set(false);
            assertThat(millis).as("milliseconds until the new field was served").isLessThan(10_000);
        }
        System.out.println("HotReloadIT: " + served.get() + " requests under load, " + failures.size() + " failed");
        assertThat(failures).as("failed requests of %d", served.get()).isEmpty();
        assertThat(served.get()).as("requests under load").isGreaterThan(50);
        JsonNode employees = JSON.readTree(body("{ pg_employees(order_by: [{id: asc}]) { id department { name } } }", ADMIN_KEY));
        assertThat(employees.at("/data/pg_employees/1/department/name").asString()).isEqualTo("dye");
        assertThat(status().get("outcome").asString()).isIn("loaded", "unchanged");
    }

    @Test
    @Order(3)
    void aBrokenAccessFileIsRefusedWithItsLineAndTheOldVersionServesOn(CapturedOutput output) throws Exception {
        String before = status().get("version").asString();
        double refused = reloads("refused");
        // line 11: an option no role has
        write("access.yml", accessYml("1", MARIA_TABLES, "    actuatr: true\n"));
        HttpResponse<String> reload = send("POST", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(422);
        JsonNode status = JSON.readTree(reload.body());
        assertThat(status.get("outcome").asString()).isEqualTo("refused");
        assertThat(status.get("version").asString()).isEqualTo(before);
        assertThat(status.get("problems").get(0).asString()).contains(dir.resolve("access.yml") + ":11").contains("actuatr");
        assertThat(output.getOut()).contains("Reload (endpoint) refused").contains("access.yml:11");
        assertThat(reloads("refused")).isGreaterThan(refused);
        assertThat(body("{ pg_employees { id department { name } } }", ADMIN_KEY)).contains("\"loom\"").doesNotContain("errors");
        assertThat(body("{ pg_employees { id } }", READER_KEY)).contains("\"id\"").doesNotContain("errors");

        write("access.yml", accessYml("1", MARIA_TABLES, ""));
        assertThat(send("POST", "/actuator/weft/reload", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aChangedRowFilterOfARoleTakesEffect() throws Exception {
        assertThat(body("{ pg_employees(order_by: [{id: asc}]) { id } }", READER_KEY)).isEqualTo(
                "{\"data\":{\"pg_employees\":[{\"id\":1},{\"id\":3}]}}");
        write("access.yml", accessYml("2", MARIA_TABLES, ""));
        await(Duration.ofSeconds(20), () -> body("{ pg_employees(order_by: [{id: asc}]) { id } }", READER_KEY)
                .equals("{\"data\":{\"pg_employees\":[{\"id\":2}]}}"));
        assertThat(reloads("loaded")).isPositive();
    }

    @Test
    @Order(5)
    void aTableAddedToTheDatabaseAppearsAfterPostReload() throws Exception {
        // granted before it exists: refused, as the watch does not read the database again
        write("access.yml", accessYml("2", MARIA_TABLES + "\n    pg.projects:", ""));
        await(Duration.ofSeconds(20), () -> status().get("outcome").asString().equals("refused")
                && status().get("problems").toString().contains("projects"));
        pg.execute("CREATE TABLE projects (id INT PRIMARY KEY, title TEXT)", "INSERT INTO projects VALUES (7, 'warp')");
        HttpResponse<String> reload = send("POST", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(JSON.readTree(reload.body()).get("outcome").asString()).isEqualTo("loaded");
        assertThat(body("{ pg_projects { id title } }", ADMIN_KEY)).isEqualTo(
                "{\"data\":{\"pg_projects\":[{\"id\":7,\"title\":\"warp\"}]}}");
    }

    @Test
    @Order(6)
    void aRemovedServicesPoolIsClosedOnceItsRequestsAreDoneAndTheOthersAreReused() throws Exception {
        SourceRegistry registry = weft.getBean(SourceRegistry.class);
        HikariDataSource mariaPool = (HikariDataSource) registry.pool("maria").orElseThrow();
        HikariDataSource pgPool = (HikariDataSource) registry.pool("pg").orElseThrow();
        var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return body("{ maria_slow_departments(order_by: [{id: asc}]) { id name slept } }", ADMIN_KEY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        await(Duration.ofSeconds(10), () -> mariaPool.getHikariPoolMXBean().getActiveConnections() > 0);

        write("relationships.yml", "relationships: []\n");
        write("access.yml", accessYml("2", "pg.projects:", ""));
        write("weft.yml", weftYml(false, ""));
        HttpResponse<String> reload = send("POST", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(body("{ maria_departments { id } }", ADMIN_KEY)).as("maria is gone for new requests")
                .contains("GRAPHQL_VALIDATION_FAILED");
        assertThat(slow).as("the request in flight (two rows of two seconds each) still runs").isNotDone();
        assertThat(mariaPool.isClosed()).as("its pool stays open until it is done").isFalse();
        assertThat(slow.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("it finished on the old version")
                .isEqualTo("{\"data\":{\"maria_slow_departments\":[{\"id\":1,\"name\":\"loom\",\"slept\":0},"
                        + "{\"id\":2,\"name\":\"dye\",\"slept\":0}]}}");
        await(Duration.ofSeconds(20), mariaPool::isClosed);
        assertThat(registry.pool("maria")).isEmpty();
        assertThat(registry.pool("pg")).as("an unchanged service keeps its pool").containsSame(pgPool);
        assertThat(pgPool.isClosed()).isFalse();
        assertThat(body("{ pg_projects { id } }", ADMIN_KEY)).contains("\"id\":7");
    }

    @Test
    @Order(7)
    void aChangedServiceGetsANewPoolWithItsMetersAndTheOldOneIsClosed() throws Exception {
        SourceRegistry registry = weft.getBean(SourceRegistry.class);
        HikariDataSource before = (HikariDataSource) registry.pool("pg").orElseThrow();
        write("weft.yml", weftYml(false, "      pool:\n        max-size: 4\n"));
        HttpResponse<String> reload = send("POST", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        HikariDataSource after = (HikariDataSource) registry.pool("pg").orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(after.getMaximumPoolSize()).isEqualTo(4);
        await(Duration.ofSeconds(20), before::isClosed);
        assertThat(body("{ pg_projects { id } }", ADMIN_KEY)).contains("\"id\":7");
        MeterRegistry meters = weft.getBean(MeterRegistry.class);
        await(Duration.ofSeconds(10), () -> meters.find("hikaricp.connections.max").tag("pool", "weft-pg").gauge() != null);
        assertThat(meters.find("hikaricp.connections.max").tag("pool", "weft-pg").gauge().value())
                .as("the meters of weft-pg are the new pool's").isEqualTo(4.0);
    }

    @Test
    @Order(8)
    void aServiceSwitchedToHasurasNamingIsServedWithHasurasNamesAfterAReload() throws Exception {
        write("weft.yml", weftYml(false, "      pool:\n        max-size: 4\n      naming: hasura\n"));
        HttpResponse<String> reload = send("POST", "/actuator/weft/reload", ADMIN_KEY);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(body("query($o: [projects_order_by!]) { projects(order_by: $o) { id } __typename }", ADMIN_KEY))
                .isEqualTo("{\"data\":{\"projects\":[{\"id\":7}],\"__typename\":\"query_root\"}}");
        assertThat(body("{ pg_projects { id } }", ADMIN_KEY)).contains("GRAPHQL_VALIDATION_FAILED");
    }

    private static String weftYml(boolean withMaria, String pgExtra) {
        String yml = """
                management.endpoints.web.exposure.include: health,weft
                weft:
                  relationships: %s
                  security:
                    access: %s
                  services:
                    pg:
                      kind: postgres
                      url: %s
                      username: %s
                      password: "%s"
                %s""".formatted(dir.resolve("relationships.yml"), dir.resolve("access.yml"), pg.url("postgres"),
                pg.server().endpoint().user(), pg.server().endpoint().password(), pgExtra);
        return !withMaria ? yml : yml + """
                    maria:
                      kind: mariadb
                      url: %s
                      username: %s
                      password: "%s"
                """.formatted(maria.url("mariadb"), maria.server().endpoint().user(), maria.server().endpoint().password());
    }

    /** Admin reads everything; reader reads the employees of department {@code dept}. Line 11 is {@code extra}'s. */
    private static String accessYml(String dept, String adminTables, String extra) {
        return """
                api-keys:
                  - name: admin
                    key-sha256: %s
                    role: admin
                  - name: reader
                    key-sha256: %s
                    role: reader
                roles:
                  admin:
                    actuator: true
                %s    pg.employees:
                    %s
                  reader:
                    pg.employees:
                      select:
                        filter: { dept_id: { _eq: %s } }
                """.formatted(ApiKey.sha256Hex(ADMIN_KEY), ApiKey.sha256Hex(READER_KEY), extra, adminTables, dept);
    }

    /** Replaces a file at once, as editors and ConfigMap updates do. */
    private static void write(String name, String content) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double reloads(String outcome) {
        Counter counter = weft.getBean(MeterRegistry.class).find("weft.reload").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode status() throws IOException, InterruptedException {
        return JSON.readTree(send("GET", "/actuator/weft/reload", ADMIN_KEY).body());
    }

    private static String body(String query, String key) throws IOException, InterruptedException {
        return graphql(query, key).body();
    }

    private static HttpResponse<String> graphql(String query, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> last = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        last.add(send("GET", "/actuator/weft/reload", ADMIN_KEY).body());
        throw new AssertionError("not within " + timeout + "; reload status: " + last);
    }
}
