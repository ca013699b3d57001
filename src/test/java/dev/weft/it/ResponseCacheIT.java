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

/**
 * The response cache with two Weft instances (A and B) over one PostgreSQL database and the machine's Redis
 * (a key prefix of this run, deleted afterwards): a {@code @cached} query answered on A is answered on B without
 * reaching the database (a row changed behind Weft's back still shows its old value), another tenant never gets
 * the first tenant's entry, {@code refresh: true} replaces it, errors are not kept, a mutation on A evicts on B,
 * and a third instance whose Redis goes away (a {@link TcpProxy} stopped) keeps answering from its own tier.
 */
class ResponseCacheIT {
    private static final RedisPrefix PREFIX = RedisPrefix.random("cache");
    private static final Map<String, String> KEYS = Map.of("t1", "cache-key-tenant-1", "t2", "cache-key-tenant-2",
            "none", "cache-key-no-claim");
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
        for (String table : List.of("hits", "tenants", "refreshed", "failing", "evicted", "outage")) {
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, total INT NOT NULL)",
                    "INSERT INTO " + table + " VALUES (1, 't1', 10), (2, 't2', 20), (3, 't1', 30)");
        }
        StringBuilder roles = new StringBuilder();
        for (String table : List.of("hits", "tenants", "refreshed", "failing", "evicted", "outage")) {
            roles.append("    shop.").append(table).append(":\n      select: { filter: { tenant_id: { _eq: \"@claims.tenant_id\" } } }\n")
                    .append("      insert: { columns: [id, total], set: { tenant_id: \"@claims.tenant_id\" } }\n");
        }
        Path access = Files.writeString(dir.resolve("access.yml"), """
                api-keys:
                  - { name: t1, key-sha256: %s, role: tenant, claims: { tenant_id: "t1", sub: "one" } }
                  - { name: t2, key-sha256: %s, role: tenant, claims: { tenant_id: "t2" } }
                  - { name: none, key-sha256: %s, role: tenant }
                roles:
                  tenant:
                %s""".formatted(ApiKey.sha256Hex(KEYS.get("t1")), ApiKey.sha256Hex(KEYS.get("t2")),
                ApiKey.sha256Hex(KEYS.get("none")), roles));
        weft = ScaleOutInstances.start(dir, access,
                "cache: { redis-prefix: \"%s\", max-ttl: 120, redis-timeout: 300ms }".formatted(PREFIX), db.url("postgres"));
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
        PREFIX.deleteKeys();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aQueryCachedOnAIsAnsweredOnBWithoutTheDatabase() throws Exception {
        String query = "query Hits @cached(ttl: 60) { shop_hits(order_by: {id: asc}) { id total } }";
        HttpResponse<String> first = post(a, "t1", query);
        assertThat(first.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(first.body()).isEqualTo("{\"data\":{\"shop_hits\":[{\"id\":1,\"total\":10},{\"id\":3,\"total\":30}]}}");

        db.execute("UPDATE hits SET total = total + 1"); // behind Weft's back: only a query that reaches the database sees it
        HttpResponse<String> onB = post(b, "t1", "query Hits   @cached(ttl: 60) {\n shop_hits(order_by: {id: asc}) { id, total } }");
        assertThat(onB.headers().firstValue("X-Weft-Cache")).hasValue("hit");
        assertThat(onB.body()).isEqualTo(first.body());
        HttpResponse<String> byGet = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EnvironmentStart.port(a)
                + "/graphql?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-API-Key", KEYS.get("t1")).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byGet.headers().firstValue("X-Weft-Cache")).hasValue("hit");
        assertThat(byGet.body()).isEqualTo(first.body());
        HttpResponse<String> uncached = post(b, "t1", "query Hits { shop_hits(order_by: {id: asc}) { id total } }");
        assertThat(uncached.headers().firstValue("X-Weft-Cache")).isEmpty();
        assertThat(uncached.body()).contains("{\"id\":1,\"total\":11}");
        assertThat(counter(b, "hit")).isGreaterThanOrEqualTo(1);
        assertThat(counter(a, "miss")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anotherTenantNeverGetsTheFirstTenantsEntry() throws Exception {
        String query = "query T($min: Int) @cached(ttl: 60) { shop_tenants(where: {total: {_gte: $min}}) { id tenant_id } }";
        HttpResponse<String> t1 = post(a, "t1", query, "{\"min\": 0}");
        assertThat(t1.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        HttpResponse<String> t2 = post(b, "t2", query, "{\"min\": 0}");
        assertThat(t2.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(t2.body()).contains("\"t2\"").doesNotContain("\"t1\"");
        HttpResponse<String> t2Again = post(a, "t2", query, "{\"min\": 0}");
        assertThat(t2Again.headers().firstValue("X-Weft-Cache")).hasValue("hit");
        assertThat(t2Again.body()).isEqualTo(t2.body());
        HttpResponse<String> t1Again = post(b, "t1", query, "{\"min\": 0}");
        assertThat(t1Again.body()).isEqualTo(t1.body()).contains("\"t1\"").doesNotContain("\"t2\"");
        // other variables: another entry
        assertThat(post(b, "t1", query, "{\"min\": 20}").headers().firstValue("X-Weft-Cache")).hasValue("miss");
    }

    @Test
    void refreshRunsTheQueryAndReplacesTheEntry() throws Exception {
        String query = "query R @cached(ttl: 60) { shop_refreshed(order_by: {id: asc}) { id total } }";
        assertThat(post(a, "t1", query).body()).contains("{\"id\":1,\"total\":10}");
        db.execute("UPDATE refreshed SET total = 99 WHERE id = 1");
        assertThat(post(b, "t1", query).body()).contains("{\"id\":1,\"total\":10}");
        HttpResponse<String> refreshed = post(b, "t1", "query R @cached(ttl: 60, refresh: true) { shop_refreshed(order_by: {id: asc}) { id total } }");
        assertThat(refreshed.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(refreshed.body()).contains("{\"id\":1,\"total\":99}");
        HttpResponse<String> after = post(a, "t1", query);
        assertThat(after.headers().firstValue("X-Weft-Cache")).hasValue("hit");
        assertThat(after.body()).contains("{\"id\":1,\"total\":99}");
    }

    @Test
    void responsesWithErrorsAreNotKept() throws Exception {
        String query = "query F @cached(ttl: 60) { shop_failing { id } }";
        HttpResponse<String> first = post(a, "none", query); // the key has no tenant_id claim: FORBIDDEN
        assertThat(first.body()).contains("FORBIDDEN");
        HttpResponse<String> second = post(a, "none", query);
        assertThat(second.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(second.body()).contains("FORBIDDEN");
    }

    @Test
    void aMutationOnAEvictsTheEntriesThatReadItsTableOnB() throws Exception {
        String query = "query E @cached(ttl: 60) { shop_evicted(order_by: {id: asc}) { id total } }";
        assertThat(post(b, "t1", query).headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(post(b, "t1", query).headers().firstValue("X-Weft-Cache")).hasValue("hit");
        HttpResponse<String> insert = post(a, "t1", "mutation { insert_shop_evicted(objects: [{id: 7, total: 70}]) { affected_rows } }");
        assertThat(insert.body()).isEqualTo("{\"data\":{\"insert_shop_evicted\":{\"affected_rows\":1}}}");
        Thread.sleep(200); // B hears the eviction through Redis pub/sub
        HttpResponse<String> after = post(b, "t1", query);
        assertThat(after.headers().firstValue("X-Weft-Cache")).hasValue("miss");
        assertThat(after.body()).contains("{\"id\":7,\"total\":70}");
    }

    @Test
    void withoutRedisAnInstanceAnswersFromItsOwnTier() throws Exception {
        String query = "query O @cached(ttl: 60) { shop_outage(order_by: {id: asc}) { id total } }";
        assertThat(post(c, "t1", query).headers().firstValue("X-Weft-Cache")).hasValue("miss");
        redisProxy.stop();
        try {
            long start = System.nanoTime();
            HttpResponse<String> hit = post(c, "t1", query);
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.headers().firstValue("X-Weft-Cache")).hasValue("hit");
            HttpResponse<String> other = post(c, "t2", query); // needs Redis for its lookup: fails over to a miss
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("X-Weft-Cache")).hasValue("miss");
            assertThat(other.body()).contains("{\"id\":2,\"total\":20}");
            assertThat(post(c, "t2", query).headers().firstValue("X-Weft-Cache")).hasValue("hit");
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
            assertThat(c.getBean(MeterRegistry.class).counter("weft.cache.shared.failures").count()).isGreaterThanOrEqualTo(1);
        } finally {
            redisProxy.start();
        }
    }

    private static double counter(ConfigurableApplicationContext weft, String result) {
        return weft.getBean(MeterRegistry.class).counter("weft.cache.requests", "result", result).count();
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext weft, String tenant, String query) throws Exception {
        return post(weft, tenant, query, "{}");
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext weft, String tenant, String query, String variables)
            throws Exception {
        String body = "{\"query\": \"" + query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + "\", \"variables\": " + variables + "}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EnvironmentStart.port(weft) + "/graphql"))
                .header("Content-Type", "application/json").header("X-API-Key", KEYS.get(tenant))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
