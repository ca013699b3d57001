package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.ApiKey;
import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rate limits follow a hot reload of access.yml (README, "Rate limits"), on an instance that counts in the machine's
 * Redis (a key prefix of this run, deleted afterwards) and on one that counts in itself, each with an access.yml of
 * its own: a lowered rate refuses after the new rate (a fresh bucket), a raised one admits, an unchanged rate keeps
 * its count, and a removed one no longer limits.
 */
class RateLimitReloadIT {
    private static final String PREFIX = "weft:test:rate-reload:" + UUID.randomUUID() + ":";
    private static final Map<String, String> KEYS = Map.of("admin", "rl-reload-admin", "counted", "rl-reload-counted",
            "steady", "rl-reload-steady", "keyed", "rl-reload-keyed");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private static TestDatabase db;
    private static ConfigurableApplicationContext redis;
    private static ConfigurableApplicationContext local;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.postgres();
        db.execute("CREATE TABLE things (id INT PRIMARY KEY)", "INSERT INTO things VALUES (1)");
        Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n");
        redis = start("redis", "spring:\n  data:\n    redis: { host: 127.0.0.1, port: " + TestServers.redis().port() + " }\n");
        local = start("local", "");
    }

    private static ConfigurableApplicationContext start(String name, String redisYml) throws Exception {
        write(name, accessYml("requests-per-minute: 10", "{ requests-per-minute: 1 }"));
        Path weftYml = Files.writeString(dir.resolve("weft-" + name + ".yml"), redisYml + """
                management.endpoints.web.exposure.include: health,weft
                weft:
                  rate-limits: { redis-prefix: "%s" }
                  relationships: %s
                  security: { access: %s }
                  services:
                    shop:
                      kind: postgres
                      url: %s
                      username: postgres
                """.formatted(PREFIX, dir.resolve("relationships.yml"), dir.resolve("access-" + name + ".yml"),
                db.url("postgres")));
        return EnvironmentStart.run(Map.of(), "--spring.config.additional-location=file:" + weftYml);
    }

    /** Role counted's limits, key keyed's limits (or empty: none); role steady keeps 3 per minute throughout. */
    private static String accessYml(String counted, String keyed) {
        return """
                api-keys:
                  - { name: admin, key-sha256: %s, role: admin }
                  - { name: counted, key-sha256: %s, role: counted }
                  - { name: steady, key-sha256: %s, role: steady }
                  - { name: keyed, key-sha256: %s, role: free%s }
                roles:
                  admin:
                    actuator: true
                  counted:
                    limits: { %s }
                    shop.things:
                  steady:
                    limits: { requests-per-minute: 3 }
                    shop.things:
                  free:
                    shop.things:
                """.formatted(ApiKey.sha256Hex(KEYS.get("admin")), ApiKey.sha256Hex(KEYS.get("counted")),
                ApiKey.sha256Hex(KEYS.get("steady")), ApiKey.sha256Hex(KEYS.get("keyed")),
                keyed.isEmpty() ? "" : ", limits: " + keyed, counted);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {redis, local}) {
            if (context != null) {
                context.close();
            }
        }
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestServers.redis().port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> left = connection.sync().keys(PREFIX + "*");
            if (!left.isEmpty()) {
                connection.sync().del(left.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void withRedisTheRatesFollowAReload() throws Exception {
        ratesFollowAReload("redis", redis);
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestServers.redis().port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().keys(PREFIX + "*")).as("one bucket per rate that was used")
                    .contains(PREFIX + "role:counted@10/m", PREFIX + "role:counted@2/m", PREFIX + "role:counted@50/m,20/s",
                            PREFIX + "role:steady@3/m", PREFIX + "api-key:keyed@1/m");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void inTheInstanceTheRatesFollowAReload() throws Exception {
        ratesFollowAReload("local", local);
    }

    private static void ratesFollowAReload(String name, ConfigurableApplicationContext weft) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(status(weft, "counted")).isEqualTo(200);
        }
        assertThat(status(weft, "steady")).isEqualTo(200);
        assertThat(status(weft, "steady")).isEqualTo(200);
        assertThat(status(weft, "keyed")).isEqualTo(200);
        assertThat(status(weft, "keyed")).isEqualTo(429);

        reload(name, weft, accessYml("requests-per-minute: 2", "{ requests-per-minute: 1 }"));
        assertThat(status(weft, "counted")).as("a lowered rate: a fresh bucket of 2").isEqualTo(200);
        assertThat(status(weft, "counted")).isEqualTo(200);
        assertThat(status(weft, "counted")).as("over the new rate").isEqualTo(429);
        assertThat(status(weft, "steady")).as("an unchanged rate: its third of 3").isEqualTo(200);
        assertThat(status(weft, "steady")).as("an unchanged rate keeps its count").isEqualTo(429);
        assertThat(status(weft, "keyed")).as("the key's unchanged rate is still used up").isEqualTo(429);

        reload(name, weft, accessYml("requests-per-minute: 50, requests-per-second: 20", ""));
        for (int i = 0; i < 5; i++) {
            assertThat(status(weft, "counted")).as("a raised rate admits").isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(status(weft, "keyed")).as("a removed rate no longer limits").isEqualTo(200);
        }
    }

    private static void reload(String name, ConfigurableApplicationContext weft, String access) throws Exception {
        write(name, access);
        HttpResponse<String> reload = send(weft, "POST", "/actuator/weft/reload", "admin");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(reload.body()).containsAnyOf("\"loaded\"", "\"unchanged\""); // unchanged: the file watch was first
    }

    /** Replaces a file at once, as editors and ConfigMap updates do. */
    private static void write(String name, String content) throws IOException {
        Path tmp = dir.resolve(".access-" + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve("access-" + name + ".yml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static int status(ConfigurableApplicationContext weft, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + EnvironmentStart.port(weft) + "/graphql")).header("Content-Type", "application/json")
                .header("X-API-Key", KEYS.get(key))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ shop_things { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            assertThat(response.body()).isEqualTo("{\"data\":{\"shop_things\":[{\"id\":1}]}}");
        } else {
            assertThat(response.body()).contains("RATE_LIMITED");
        }
        return response.statusCode();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext weft, String method, String path, String key)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EnvironmentStart.port(weft) + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-API-Key", KEYS.get(key)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
