package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.ApiKey;
import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.RedisPrefix;
import dev.weft.testing.ScaleOutInstances;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits of access.yml held across two Weft instances (A and B) that count in the machine's Redis (a key
 * prefix of this run, deleted afterwards): 30 requests split between A and B under 20 per minute give exactly
 * 20 answers and 10 times HTTP 429 with {@code Retry-After} and a {@code RATE_LIMITED} error; an API key's own
 * rate holds beside its role's; a third instance whose Redis goes away (a {@link TcpProxy} stopped) admits
 * requests (fail open, the default) and counts the failures.
 */
class RateLimitIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RedisPrefix PREFIX = RedisPrefix.random("rate");
    private static final Map<String, String> KEYS = Map.of("limited", "rate-key-limited", "burst", "rate-key-burst",
            "outage", "rate-key-outage");
    @TempDir
    static Path dir;
    private static TestDatabase db;
    private static ScaleOutInstances weft;
    private static TcpProxy redisProxy;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static ConfigurableApplicationContext c;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.postgres();
        db.execute("CREATE TABLE things (id INT PRIMARY KEY)", "INSERT INTO things VALUES (1)");
        Path access = Files.writeString(dir.resolve("access.yml"), """
                api-keys:
                  - { name: limited, key-sha256: %s, role: counted }
                  - { name: burst, key-sha256: %s, role: free, limits: { requests-per-second: 3 } }
                  - { name: outage, key-sha256: %s, role: outage }
                roles:
                  counted:
                    limits: { requests-per-minute: 20 }
                    shop.things:
                  free:
                    shop.things:
                  outage:
                    limits: { requests-per-minute: 1 }
                    shop.things:
                """.formatted(ApiKey.sha256Hex(KEYS.get("limited")), ApiKey.sha256Hex(KEYS.get("burst")),
                ApiKey.sha256Hex(KEYS.get("outage"))));
        weft = ScaleOutInstances.start(dir, access,
                "rate-limits: { redis-prefix: \"%s\", redis-timeout: 300ms }".formatted(PREFIX), db.url("postgres"));
        redisProxy = weft.redisProxy;
        a = weft.a;
        b = weft.b;
        c = weft.c;
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        assertThat(PREFIX.deleteKeys()).as("buckets in Redis under the run's prefix").isNotEmpty();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void twentyPerMinuteHoldAcrossTwoInstances() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> audit = new ch.qos.logback.core.read.ListAppender<>();
        audit.start();
        ch.qos.logback.classic.Logger auditLogger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("weft.audit");
        auditLogger.addAppender(audit);
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = post(i % 2 == 0 ? a : b, "limited");
            if (response.statusCode() == 200) {
                assertThat(response.body()).isEqualTo("{\"data\":{\"shop_things\":[{\"id\":1}]}}");
                answered++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertThat(retryAfter).isBetween(1L, 60L);
                JsonNode error = JSON.readTree(response.body()).at("/errors/0");
                assertThat(error.at("/extensions/code").asString()).isEqualTo("RATE_LIMITED");
                assertThat(error.at("/message").asString()).contains("role 'counted'");
                refused++;
            }
        }
        assertThat(answered).isEqualTo(20);
        assertThat(refused).isEqualTo(10);
        double counted = a.getBean(MeterRegistry.class).counter("weft.requests.refused", "reason", "rate").count()
                + b.getBean(MeterRegistry.class).counter("weft.requests.refused", "reason", "rate").count();
        assertThat(counted).isEqualTo(10);
        auditLogger.detachAppender(audit);
        List<String> limited = audit.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("RATE_LIMITED")).toList();
        assertThat(limited).hasSize(10).allSatisfy(line -> assertThat(line)
                .contains("\"caller\":\"api-key limited\"", "\"role\":\"counted\"", "\"status\":429", "\"outcome\":\"refused\""));
    }

    @Test
    void anApiKeysOwnRatePerSecond() throws Exception {
        long statuses429 = 0;
        for (int i = 0; i < 6; i++) {
            if (post(i % 2 == 0 ? a : b, "burst").statusCode() == 429) {
                statuses429++;
            }
        }
        assertThat(statuses429).as("6 requests in well under 2 s against 3 per second").isBetween(1L, 3L);
        Thread.sleep(1100);
        assertThat(post(a, "burst").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRedisRequestsAreAdmittedAndTheFailureCounted() throws Exception {
        assertThat(post(c, "outage").statusCode()).isEqualTo(200);
        assertThat(post(c, "outage").statusCode()).isEqualTo(429); // 1 per minute, counted in Redis
        redisProxy.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(post(c, "outage").statusCode()).isEqualTo(200); // fail open
            }
            assertThat(c.getBean(MeterRegistry.class).counter("weft.rate-limits.redis.failures").count()).isGreaterThanOrEqualTo(3);
        } finally {
            redisProxy.start();
        }
        // requests keep coming every 0.5 s (closer than the 2 s rest): Redis is still tried again, and its count holds
        long until = System.nanoTime() + 6_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < until) {
            Thread.sleep(500);
            status = post(c, "outage").statusCode();
        }
        assertThat(status).as("the minute's rate, counted in Redis again once it answers").isEqualTo(429);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext weft, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EnvironmentStart.port(weft) + "/graphql"))
                .header("Content-Type", "application/json").header("X-API-Key", KEYS.get(key))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ shop_things { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
