package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.config.BreakerSettings;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceProperties.PoolProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.TestServers;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README, "Errors": a source that is down or slow fails only its own fields (null at that path plus an
 * error with a code and no SQL, driver text or stack trace), the rest of the response is served, and
 * the source is used again within seconds of its return, without a restart: after three failed statements its
 * circuit breaker opens and its fields fail at once, and a probe two seconds later closes it again. MariaDB is reached through a
 * {@link TcpProxy} that the test stops and starts; PostgreSQL is reached directly.
 */
class SourceOutageIT {
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final String BOTH = "{ shop_things(order_by: [{id: asc}]) { id name } crm_accounts(order_by: [{id: asc}]) { id name } }";

    @Test
    void aSourceThatGoesDownFailsOnlyItsOwnFieldsAndIsUsedAgainWhenItIsBack() throws InterruptedException {
        try (TestDatabase maria = TestDatabase.mariadb(); TestDatabase pg = TestDatabase.postgres();
             TcpProxy proxy = TcpProxy.to(TestServers.mariadb())) {
            maria.execute("CREATE TABLE things (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO things VALUES (1, 'bolt'), (2, 'nut')");
            pg.execute("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO accounts VALUES (1, 'acme'), (2, 'globex')");
            String proxiedUrl = "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + maria.name();
            List<ServiceSettings> services = TestDatabase.services(Map.of(
                    "shop", with(maria.propertiesFor("mariadb"), proxiedUrl, Duration.ofSeconds(5)),
                    "crm", with(pg.propertiesFor("postgres"), null, Duration.ofSeconds(5))));

            SourceBreakers breakers = new SourceBreakers(BreakerSettings.DEFAULT);
            try (WeftRuntime weft = WeftRuntime.start(services, List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                    null, dev.weft.config.LimitSettings.DEFAULTS, new SourceOperations(breakers, null))) {
                assertBothServed(weft.execute(BOTH, Map.of()));
                assertThat(proxy.liveConnections()).as("pooled connections through the proxy").isPositive();

                proxy.stop();
                long downSince = System.nanoTime();
                // the first requests meet the pool's dead connections, the later ones a refused new connection;
                // after minimum-calls (3) of them the breaker of 'shop' opens and the field fails at once
                for (int attempt = 1; attempt <= 6; attempt++) {
                    long start = System.nanoTime();
                    ExecutionResult down = weft.execute(BOTH, Map.of());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("[SourceOutageIT] shop down, attempt %d: %d ms, breaker %s, errors %s%n", attempt, millis,
                            breakers.state("shop").orElseThrow(), down.getErrors().stream().map(GraphQLError::toSpecification).toList());
                    assertShopFailedOnly(down, proxy.port());
                    assertThat(millis).as("a refused source answers within its connection timeout, not a minute")
                            .isLessThan(15_000);
                    if (attempt > BreakerSettings.DEFAULT.minimumCalls()) {
                        assertThat(breakers.state("shop")).contains("OPEN");
                        assertThat(millis).as("once the breaker is open, the request does not wait for a connection")
                                .isLessThan(1_000);
                    }
                }
                assertThat(breakers.state("crm")).contains("CLOSED");
                // a failure during execution stays a field error on both paths; an argument judged before it fails the request
                assertShopFailedOnly(weft.executeFieldByField(BOTH, Map.of()), proxy.port());
                ExecutionResult judged = weft.execute("{ shop_things { id } crm_accounts(limit: -1) { id } }", Map.of());
                assertThat(judged.isDataPresent()).isFalse();
                assertThat(judged.getErrors()).extracting(GraphqlAssertions::code).containsExactly("BAD_USER_INPUT");
                assertThat(judged.getErrors().get(0).getPath()).isEqualTo(List.of("crm_accounts"));
                assertThat(weft.executors().get(new ServiceName("shop")).isHealthy()).isFalse();
                assertThat(weft.executors().get(new ServiceName("crm")).isHealthy()).isTrue();

                // HikariCP retries a failed source with a backoff that doubles up to 5 s: after 3.5 s of outage its
                // next retry is seconds away, so the requests below show whether the source is used again soon
                Thread.sleep(Math.max(0, 3_500 - (System.nanoTime() - downSince) / 1_000_000));
                proxy.start();
                long backSince = System.nanoTime();
                ExecutionResult back = weft.execute(BOTH, Map.of());
                int requests = 1;
                while (!back.getErrors().isEmpty() && System.nanoTime() - backSince < 15_000_000_000L) {
                    assertShopFailedOnly(back, proxy.port());
                    Thread.sleep(100);
                    back = weft.execute(BOTH, Map.of());
                    requests++;
                }
                long recoveryMillis = (System.nanoTime() - backSince) / 1_000_000;
                System.out.printf("[SourceOutageIT] shop back: served again after %d ms (%d requests), errors %s%n",
                        recoveryMillis, requests, back.getErrors());
                assertBothServed(back);
                assertThat(recoveryMillis).as("a half-open probe closes the breaker within seconds of the source's return")
                        .isLessThan(BreakerSettings.DEFAULT.openDuration().toMillis() + 3_000);
                assertThat(breakers.state("shop")).contains("CLOSED");
                assertThat(weft.executors().get(new ServiceName("shop")).isHealthy()).isTrue();
            }
        }
    }

    /** shop_things null with one client-safe SOURCE_UNAVAILABLE (or TIMEOUT) error; crm_accounts served. */
    private static void assertShopFailedOnly(ExecutionResult down, int proxyPort) {
        Map<String, Object> data = down.getData();
        assertThat(data).containsKey("shop_things");
        assertThat(data.get("shop_things")).isNull();
        assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(data, "crm_accounts"))
                .extracting(row -> row.get("name")).containsExactly("acme", "globex");
        assertThat(down.getErrors()).hasSize(1);
        GraphQLError error = down.getErrors().get(0);
        assertThat(error.getPath()).isEqualTo(List.of("shop_things"));
        assertThat(GraphqlAssertions.code(error)).isIn("SOURCE_UNAVAILABLE", "TIMEOUT");
        assertThat(error.getMessage()).contains("shop");
        assertClientSafe(error, proxyPort);
    }

    @Test
    void aSlowSourceFailsItsFieldWithTimeout() {
        try (TestDatabase pg = TestDatabase.postgres(); TestDatabase maria = TestDatabase.mariadb()) {
            pg.execute("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO accounts VALUES (1, 'acme'), (2, 'globex')",
                    "CREATE VIEW slow_accounts AS SELECT a.id, a.name FROM accounts a, (SELECT pg_sleep(30)) s");
            maria.execute("CREATE TABLE things (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO things VALUES (1, 'bolt'), (2, 'nut')");
            List<ServiceSettings> services = TestDatabase.services(Map.of(
                    "crm", with(pg.propertiesFor("postgres"), null, Duration.ofSeconds(1)),
                    "shop", with(maria.propertiesFor("mariadb"), null, Duration.ofSeconds(5))));
            try (WeftRuntime weft = WeftRuntime.start(services)) {
                long start = System.nanoTime();
                ExecutionResult result = weft.execute("{ crm_slow_accounts { id name } shop_things { id } crm_accounts { id } }",
                        Map.of());
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("[SourceOutageIT] slow view with query-timeout 1s: %d ms, errors %s%n", millis,
                        result.getErrors().stream().map(GraphQLError::toSpecification).toList());
                Map<String, Object> data = result.getData();
                assertThat(data).containsKey("crm_slow_accounts");
                assertThat(data.get("crm_slow_accounts")).isNull();
                assertThat(GraphqlAssertions.<List<?>>at(data, "shop_things")).hasSize(2);
                assertThat(GraphqlAssertions.<List<?>>at(data, "crm_accounts")).hasSize(2);
                assertThat(result.getErrors()).hasSize(1);
                GraphQLError error = result.getErrors().get(0);
                assertThat(error.getPath()).isEqualTo(List.of("crm_slow_accounts"));
                assertThat(GraphqlAssertions.code(error)).isEqualTo("TIMEOUT");
                assertThat(error.getMessage()).isEqualTo("source 'crm' did not answer within 1s");
                assertClientSafe(error, TestServers.postgres().port());
                assertThat(millis).as("the statement was cancelled, not waited for (the view sleeps 30 s)")
                        .isLessThan(20_000);
                // the source stays usable after a cancelled statement
                assertThat(GraphqlAssertions.<List<?>>at(GraphqlAssertions.data(weft.execute("{ crm_accounts { id } }",
                        Map.of())), "crm_accounts")).hasSize(2);
            }
        }
    }

    private static void assertBothServed(ExecutionResult result) {
        Map<String, Object> data = GraphqlAssertions.data(result);
        assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(data, "shop_things"))
                .extracting(row -> row.get("name")).containsExactly("bolt", "nut");
        assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(data, "crm_accounts"))
                .extracting(row -> row.get("name")).containsExactly("acme", "globex");
    }

    /** No SQL, driver text, host, port or stack trace in anything the client receives for this error. */
    private static void assertClientSafe(GraphQLError error, int port) {
        Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
        assertThat(spec.keySet()).containsOnly("message", "locations", "path", "extensions");
        Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
        extensions.remove("classification"); // graphql-java's own DataFetchingException marker
        assertThat(extensions).containsOnlyKeys("code");
        String text = error.getMessage() + " " + error.getPath() + " " + extensions;
        String lower = text.toLowerCase(Locale.ROOT);
        for (String leak : List.of("select", "from ", "sql", "jdbc", "exception", "mariadb", "postgres", "connection",
                "refused", "socket", "hikari", "127.0.0.1", "localhost", "\tat ", "caused by", "org.", "java.")) {
            assertThat(lower).as("client-visible error %s", spec).doesNotContain(leak);
        }
        assertThat(text).doesNotContain(":" + port).doesNotContain("\n");
    }

    private static ServiceProperties with(ServiceProperties p, String url, Duration queryTimeout) {
        return new ServiceProperties(p.kind(), url == null ? p.url() : url, p.username(), p.password(), p.schema(),
                p.include(), p.exclude(), p.prefix(), p.typePrefix(), new PoolProperties(2, CONNECTION_TIMEOUT),
                queryTimeout, p.batchSize(), null, null);
    }
}
