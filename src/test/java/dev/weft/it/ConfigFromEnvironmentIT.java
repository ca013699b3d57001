package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.FailedStart;
import dev.weft.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Configuration from the environment behaves as Spring's does: the variables Kubernetes injects for a
 * Service named {@code weft} ({@code WEFT_PORT=tcp://...}, {@code WEFT_SERVICE_HOST}, ...) and any other
 * unknown {@code WEFT_*} variable never stop start-up, comma-separated lists work from the environment and
 * the command line, and typos still stop start-up where they are typed: the command line and
 * {@code SPRING_APPLICATION_JSON}. Each test starts the real application against a PostgreSQL database it creates.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigFromEnvironmentIT {
    private static final Map<String, String> KUBERNETES_SERVICE_LINKS = Map.of(
            "WEFT_PORT", "tcp://10.0.0.1:8080",
            "WEFT_PORT_8080_TCP", "tcp://10.0.0.1:8080",
            "WEFT_PORT_8080_TCP_ADDR", "10.0.0.1",
            "WEFT_PORT_8080_TCP_PORT", "8080",
            "WEFT_PORT_8080_TCP_PROTO", "tcp",
            "WEFT_SERVICE_HOST", "10.0.0.1",
            "WEFT_SERVICE_PORT", "8080",
            "WEFT_SERVICE_PORT_HTTP", "8080");

    private static TestDatabase db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.postgres();
        db.execute("CREATE TABLE products (id INT PRIMARY KEY, name TEXT)",
                "CREATE TABLE orders (id INT PRIMARY KEY, product_id INT REFERENCES products(id))",
                "CREATE TABLE customers (id INT PRIMARY KEY)",
                "CREATE TABLE audit_log (id INT PRIMARY KEY)",
                "INSERT INTO products VALUES (1, 'loom'), (2, 'shuttle')",
                "INSERT INTO orders VALUES (10, 2), (11, 1)");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void startsWithKubernetesServiceLinksAndListsFromTheEnvironment(CapturedOutput output) throws Exception {
        Map<String, String> env = new HashMap<>(shopFromEnvironment());
        env.putAll(KUBERNETES_SERVICE_LINKS);
        env.put("WEFT_SERVICES_SHOP_INCLUDE", "orders,products,customers");
        env.put("WEFT_SERVICES_SHOP_USRNAME", "a typo in the ambient environment: a warning only");

        try (ConfigurableApplicationContext weft = EnvironmentStart.run(env, "--weft.services.shop.exclude=customers,audit_*")) {
            int port = EnvironmentStart.port(weft);
            String sdl = get(port, "/graphql/schema");
            assertThat(sdl).contains("shop_orders(", "shop_products(").doesNotContain("shop_customers", "shop_audit_log");
            String data = post(port, "{ shop_orders(order_by: [{id: asc}]) { id product { name } } }");
            assertThat(data).isEqualTo("{\"data\":{\"shop_orders\":[{\"id\":10,\"product\":{\"name\":\"shuttle\"}},"
                    + "{\"id\":11,\"product\":{\"name\":\"loom\"}}]}}");
        }
        assertThat(output.getOut()).contains("Ignored weft.services.shop.usrname", "WEFT_SERVICES_SHOP_USRNAME", "unknown key")
                .doesNotContain("Ignored weft.port", "Ignored weft.service.");
    }

    @Test
    void indexedListsFromTheEnvironmentWorkToo() throws Exception {
        Map<String, String> env = new HashMap<>(shopFromEnvironment());
        env.put("WEFT_SERVICES_SHOP_INCLUDE_0", "customers");
        env.put("WEFT_SERVICES_SHOP_INCLUDE_1", "audit_log");
        try (ConfigurableApplicationContext weft = EnvironmentStart.run(env)) {
            assertThat(get(EnvironmentStart.port(weft), "/graphql/schema"))
                    .contains("shop_customers(", "shop_audit_log(").doesNotContain("shop_orders");
        }
    }

    @Test
    void aTypoOnTheCommandLineStillStopsStartUp() {
        WeftConfigException failure = startFails(shopFromEnvironment(), "--weft.services.shop.usrname=admin");
        assertThat(failure.problems()).extracting(ConfigProblem::key).containsExactly("weft.services.shop.usrname");
        assertThat(failure.problems().get(0).message()).startsWith("unknown key");
    }

    @Test
    void aTypoInSpringApplicationJsonStillStopsStartUp() {
        Map<String, String> env = new HashMap<>(shopFromEnvironment());
        env.put("SPRING_APPLICATION_JSON", "{\"weft\": {\"services\": {\"shop\": {\"pool\": {\"size\": 3}}}}}");
        WeftConfigException failure = startFails(env);
        assertThat(failure.problems()).extracting(ConfigProblem::key).containsExactly("weft.services.shop.pool.size");
    }

    private static Map<String, String> shopFromEnvironment() {
        try {
            Path relationships = Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n");
            return Map.of("WEFT_SERVICES_SHOP_KIND", "postgres",
                    "WEFT_SERVICES_SHOP_URL", db.url("postgres"),
                    "WEFT_SERVICES_SHOP_USERNAME", "postgres",
                    "WEFT_RELATIONSHIPS", relationships.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WeftConfigException startFails(Map<String, String> env, String... args) {
        return FailedStart.of(() -> EnvironmentStart.run(env, args).close());
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String post(int port, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query.replace("\"", "\\\"") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
