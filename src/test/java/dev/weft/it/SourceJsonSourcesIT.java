package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessSpec;
import dev.weft.config.BreakerSettings;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.execute.sourcejson.SourceJsonList;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.reload.SourceSupply;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which levels are source-built, and what an attempt costs: the threshold against a root list's limit (a list without
 * one counts as max-rows), one statement per level whatever the source (MariaDB builds no JSON; a text array is read
 * as its text), and a level of more values than a PostgreSQL function takes (100) read as rows. Found in review.
 */
@SuppressWarnings("unchecked")
class SourceJsonSourcesIT {

    private static WeftRuntime start(TestDatabase db, String kind, SimpleMeterRegistry meters, int threshold) {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("shop", db.propertiesFor(kind));
        return WeftRuntime.start(TestDatabase.services(services), List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                (AccessSpec) null, LimitSettings.DEFAULTS,
                new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), meters), true, FederationSpec.NONE,
                SourceSupply.fresh(), false, threshold);
    }

    private static long selects(SimpleMeterRegistry meters) {
        return meters.find("weft.source.statements").tag("kind", "select").timers().stream().mapToLong(Timer::count).sum();
    }

    /** Runs {@code query} on a fresh runtime over {@code db} at the default threshold; answers the metered select calls it made. */
    private static long selectsFor(TestDatabase db, String kind, String query,
                                   java.util.function.BiConsumer<WeftRuntime, ExecutionResult> check) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WeftRuntime weft = start(db, kind, meters, WeftProperties.DEFAULT_SOURCE_JSON_THRESHOLD)) {
            long before = selects(meters);
            ExecutionResult result = weft.execute(query, Map.of());
            long selects = selects(meters) - before;
            check.accept(weft, result);
            return selects;
        }
    }

    /**
     * At the default threshold (5,000) a list of limit 10 is read as rows and one of limit 5,000 is source-built; one
     * without a limit goes by its table's size in PostgreSQL's statistics, once they have been read (in the background):
     * 3 rows are read as rows, 6,000 source-built; before any statistics, it counts as max-rows.
     */
    @Test
    void theThresholdGoesByTheLimitOrTheTablesEstimatedRows() throws InterruptedException {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
                    "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 3) g",
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY, note TEXT NOT NULL)",
                    "INSERT INTO orders SELECT g, 'o' || g FROM generate_series(1, 6000) g",
                    "CREATE TABLE fresh (id BIGINT PRIMARY KEY)", "INSERT INTO fresh VALUES (1)",
                    "ANALYZE customers", "ANALYZE orders");
            try (WeftRuntime weft = start(db, "postgres", new SimpleMeterRegistry(), WeftProperties.DEFAULT_SOURCE_JSON_THRESHOLD)) {
                assertThat(customers(weft, "{ shop_customers(limit: 10) { id name } }")).isNotInstanceOf(SourceJsonList.class);
                assertThat(customers(weft, "{ shop_customers(limit: 5000) { id name } }")).isInstanceOf(SourceJsonList.class);
                String unlimited = "{ shop_customers(order_by: {id: asc}) { id name } }";
                for (int i = 0; i < 100 && customers(weft, unlimited) instanceof SourceJsonList; i++) {
                    Thread.sleep(50); // until the statistics have been read
                }
                assertThat(customers(weft, unlimited)).as("3 rows by the statistics").isNotInstanceOf(SourceJsonList.class);
                String large = "{ shop_orders(order_by: {id: asc}) { id note } }";
                customers(weft, large);
                Thread.sleep(500);
                assertThat(rootList(weft, large, "shop_orders")).as("6,000 rows by the statistics").isInstanceOf(SourceJsonList.class);
                String fresh = "{ shop_fresh { id } }";
                customers(weft, fresh);
                Thread.sleep(500);
                assertThat(rootList(weft, fresh, "shop_fresh")).as("never analyzed: max-rows").isInstanceOf(SourceJsonList.class);
            }
            try (WeftRuntime never = start(db, "postgres", new SimpleMeterRegistry(), -1)) {
                assertThat(customers(never, "{ shop_customers(limit: 5000) { id name } }")).isNotInstanceOf(SourceJsonList.class);
            }
        }
    }

    private static Object rootList(WeftRuntime weft, String query, String field) {
        ExecutionResult r = weft.execute(query, Map.of());
        assertThat(r.getErrors()).isEmpty();
        assertThat(weft.executeFieldByField(query, Map.of()).toSpecification()).isEqualTo(r.toSpecification());
        return ((Map<String, Object>) r.getData()).get(field);
    }

    private static Object customers(WeftRuntime weft, String query) {
        return rootList(weft, query, query.contains("shop_customers") ? "shop_customers" : query.contains("shop_orders")
                ? "shop_orders" : "shop_fresh");
    }

    /**
     * A {@code citext} key: {@code GROUP BY} would merge 'a' and 'A', which Weft keeps apart (found in review), so the
     * level is read as rows and every parent keeps exactly its own related rows.
     */
    @Test
    void aCitextKeyIsReadAsRows() {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE EXTENSION IF NOT EXISTS citext",
                    "CREATE TABLE parents (id INT PRIMARY KEY, code TEXT NOT NULL)",
                    "INSERT INTO parents VALUES (1, 'a'), (2, 'A')",
                    "CREATE TABLE children (id INT PRIMARY KEY, code CITEXT NOT NULL)",
                    "INSERT INTO children VALUES (10, 'a'), (11, 'A'), (12, 'a')");
            Map<String, ServiceProperties> services = new LinkedHashMap<>();
            services.put("shop", db.propertiesFor("postgres"));
            try (WeftRuntime weft = SourceJsonRuntime.start(TestDatabase.services(services), RelationshipsFile.parse("relationships.yml", """
                    relationships:
                      - { service: shop, table: parents, name: children, type: has_many, field: code,
                          ref_service: shop, ref_table: children, ref_field: code }
                    """))) {
                String query = "{ shop_parents(order_by: {id: asc}) { id children(order_by: {id: asc}) { id code } } }";
                ExecutionResult r = weft.execute(query, Map.of());
                assertThat(r.getErrors()).isEmpty();
                assertThat(r.toSpecification()).isEqualTo(weft.executeFieldByField(query, Map.of()).toSpecification());
                List<Map<String, Object>> parents = (List<Map<String, Object>>) ((Map<String, Object>) r.getData()).get("shop_parents");
                assertThat(parents.get(0).get("children")).isNotInstanceOf(SourceJsonList.class).asList().hasSize(2);
                assertThat(parents.get(1).get("children")).asList().hasSize(1);
            }
        }
    }

    /** More than 100 values in JSON_BUILD_ARRAY: PostgreSQL refuses (54023); the row path answers. */
    @Test
    void aHundredAndOneAliasesAnswerAsOnTheRowPath() {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
                    "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 3) g");
            StringBuilder q = new StringBuilder("{ shop_customers(order_by: {id: asc}) {");
            for (int i = 0; i < 101; i++) {
                q.append(" a").append(i).append(": id");
            }
            q.append(" } }");
            try (WeftRuntime weft = start(db, "postgres", new SimpleMeterRegistry(), 0)) {
                assertThat(customers(weft, q.toString())).isNotInstanceOf(SourceJsonList.class);
            }
        }
    }

    /** A root list on MariaDB runs one statement: the metered select count is 1 (the JSON attempt runs none). */
    @Test
    void aMariaDbRootListCountsOneStatement() {
        try (TestDatabase db = TestDatabase.mariadb()) {
            db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO customers VALUES (1, 'a'), (2, 'b')");
            long selects = selectsFor(db, "mariadb", "{ shop_customers { id name } }", (weft, r) -> assertThat(r.getErrors()).isEmpty());
            assertThat(selects).as("metered select calls for one root list").isEqualTo(1);
        }
    }

    /** A text[] column is read as its text ({@code ::text}, as the driver's getString): one statement, source-built. */
    @Test
    void anArrayColumnCostsOneStatement() {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, tags TEXT[] NOT NULL)",
                    "INSERT INTO customers VALUES (1, '{a,b}'), (2, '{}')");
            String query = "{ shop_customers(order_by: {id: asc}) { id tags } }";
            long selects = selectsFor(db, "postgres", query, (weft, r) -> {
                assertThat(((Map<String, Object>) r.getData()).get("shop_customers")).isInstanceOf(SourceJsonList.class);
                assertThat(customers(weft, query)).isInstanceOf(SourceJsonList.class);
            });
            assertThat(selects).as("metered select calls for one root list").isEqualTo(1);
        }
    }
}
