package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.BreakerSettings;
import dev.weft.ops.SourceBreakers;
import dev.weft.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * README, "Circuit breakers": a service's own {@code weft.services.<name>.breaker.*} overrides the global
 * {@code weft.breaker.*} key by key, a service may switch its breaker off, and {@code /actuator/health} shows every
 * source's breaker state (DISABLED for the one that has none).
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceBreakersIT {
    private static final TestDatabase shop = TestDatabase.postgres();
    private static final TestDatabase crm = TestDatabase.mariadb();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        shop.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
        for (var service : new Object[][] {{"shop", shop}, {"crm", crm}}) {
            TestDatabase db = (TestDatabase) service[1];
            String prefix = "weft.services." + service[0] + ".";
            registry.add(prefix + "kind", db::defaultKind);
            registry.add(prefix + "url", () -> db.url(db.defaultKind()));
            registry.add(prefix + "username", () -> db.server().endpoint().user());
            registry.add(prefix + "password", () -> db.server().endpoint().password());
        }
        registry.add("weft.relationships", () -> emptyRelationships()); // not the demo's, in the working directory
        registry.add("weft.breaker.minimum-calls", () -> "5");
        registry.add("weft.breaker.open-duration", () -> "3s");
        registry.add("weft.services.shop.breaker.open-duration", () -> "30s");
        registry.add("weft.services.crm.breaker.enabled", () -> "false");
        registry.add("management.endpoint.health.show-details", () -> "always");
        registry.add("management.endpoint.health.show-components", () -> "always");
    }

    private static String emptyRelationships() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("relationships", ".yml");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, "relationships: []\n").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void drop() {
        shop.close();
        crm.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    SourceBreakers breakers;

    @Test
    void aServiceOverridesTheGlobalBreakerSettingsAndHealthShowsEverySourcesBreaker() throws Exception {
        assertThat(breakers.settings("shop")).as("its own open-duration, the global minimum-calls")
                .isEqualTo(new BreakerSettings(true, 10, 5, 50, Duration.ofSeconds(30), 1));
        assertThat(breakers.settings("crm").enabled()).isFalse();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.at("/components/sources/components/shop/details/breaker").asString()).as(response.body()).isEqualTo("CLOSED");
        assertThat(health.at("/components/sources/components/crm/details/breaker").asString()).as(response.body()).isEqualTo("DISABLED");
        assertThat(health.at("/components/sources/components/crm/status").asString()).isEqualTo("UP");
    }
}
