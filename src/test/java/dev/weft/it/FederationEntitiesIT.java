package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.security.Mask;
import dev.weft.testing.ServerStatements;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * {@code _entities} against PostgreSQL and MariaDB, counted at the servers: 250 customer representations (keys
 * as numbers and as strings, some that no row has, some that the role's row filter hides) and 120 composite-key
 * order lines, shuffled together, take one statement per type (plus one for the customers' orders, a nested
 * relationship), whatever their number up to the batch size; a batch size of 100 splits each type's keys into
 * ceil(keys / 100) statements. Every answer is checked against the seed: in the order asked, null where no
 * visible row has the key, the role's mask on {@code email}.
 */
class FederationEntitiesIT {
    private static final int CUSTOMERS = 300;
    private static final String ACCESS = """
            roles:
              eu:
                shop.customers:
                  select: { filter: { region: { _eq: "eu" } } }
                  mask: { email: email }
                shop.orders: {}
                shop.order_lines: {}
            """;
    private static final String QUERY = """
            query($r: [_Any!]!) { _entities(representations: $r) {
              __typename
              ... on ShopCustomers { id name email orders(order_by: [{id: asc}]) { id total } }
              ... on ShopOrderLines { order_id line_no sku }
            } }""";

    /** The representations: customers 1..250 (every third as a string, plus 5 that do not exist) and 120 lines, interleaved. */
    private static List<Object> representations() {
        List<Object> customers = new ArrayList<>();
        for (int c = 1; c <= 245; c++) {
            customers.add(Map.of("__typename", "ShopCustomers", "id", c % 3 == 0 ? String.valueOf(c) : c));
        }
        for (int c = 9001; c <= 9005; c++) {
            customers.add(Map.of("__typename", "ShopCustomers", "id", c));
        }
        List<Object> lines = new ArrayList<>();
        for (int o = 1; o <= 60; o++) {
            lines.add(Map.of("__typename", "ShopOrderLines", "order_id", o, "line_no", o % 2 == 0 ? "2" : 2));
            lines.add(Map.of("__typename", "ShopOrderLines", "order_id", String.valueOf(o), "line_no", 1));
        }
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < Math.max(customers.size(), lines.size()); i++) {
            if (i < customers.size()) {
                all.add(customers.get(i));
            }
            if (i < lines.size()) {
                all.add(lines.get(i));
            }
        }
        return all;
    }

    @Test
    void postgresAnswersEachTypeWithOneStatement() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            seed(db);
            ServerStatements.PostgresLog log = ServerStatements.PostgresLog.enable(db);
            for (Integer batchSize : java.util.Arrays.asList(null, 100)) {
                try (WeftRuntime weft = start(service(db.propertiesFor("postgres"), batchSize))) {
                    check(run(weft)); // warm the pool
                    assertThat(runFieldByField(weft).toSpecification()).isEqualTo(run(weft).toSpecification());
                    long from = log.position();
                    check(run(weft));
                    List<String> selects = log.selectsSince(from);
                    System.out.printf("[FederationEntitiesIT] PostgreSQL, batch-size %s: %s%n", batchSize,
                            ServerStatements.perTable(selects));
                    assertThat(ServerStatements.perTable(selects)).isEqualTo(expected(batchSize));
                }
            }
        }
    }

    @Test
    void mariadbAnswersEachTypeWithOneStatement() throws Exception {
        try (TestDatabase db = TestDatabase.mariadb()) {
            seed(db);
            try (ServerStatements.MariadbUser user = ServerStatements.MariadbUser.create(db)) {
                for (Integer batchSize : java.util.Arrays.asList(null, 100)) {
                    try (WeftRuntime weft = start(service(user.properties(db, batchSize), batchSize))) {
                        check(run(weft));
                        long before = user.selects();
                        check(run(weft));
                        long selects = user.selectsSince(before);
                        System.out.printf("[FederationEntitiesIT] MariaDB, batch-size %s: %d SELECTs%n", batchSize, selects);
                        assertThat(selects).isEqualTo(expected(batchSize).values().stream().mapToInt(Integer::intValue).sum());
                    }
                }
            }
        }
    }

    /**
     * Statements per table: the 250 customer keys and the 120 line keys in ceil(keys / batch) statements each; the
     * orders of the 164 visible customers found (one statement up to the batch size).
     */
    private static Map<String, Integer> expected(Integer batchSize) {
        int size = batchSize == null ? ServiceSettings.DEFAULT_BATCH_SIZE : batchSize;
        return Map.of("customers", ceil(250, size), "order_lines", ceil(120, size), "orders", ceil(visibleCustomers(), size));
    }

    private static int visibleCustomers() {
        int n = 0;
        for (int c = 1; c <= 245; c++) {
            n += region(c).equals("eu") ? 1 : 0;
        }
        return n;
    }

    private static ExecutionResult run(WeftRuntime weft) {
        return weft.execute(QUERY, Map.of("r", representations()), new Caller("eu", Map.of()));
    }

    /** The same request field by field (graphql-java's path): the same answer. */
    private static ExecutionResult runFieldByField(WeftRuntime weft) {
        return weft.executeFieldByField(QUERY, Map.of("r", representations()), new Caller("eu", Map.of()));
    }

    /** Each answer against the seed's rules, index by index. */
    @SuppressWarnings("unchecked")
    private static void check(ExecutionResult result) {
        assertThat(result.getErrors()).isEmpty();
        List<Object> asked = representations();
        List<Map<String, Object>> entities = (List<Map<String, Object>>) ((Map<String, Object>) result.getData()).get("_entities");
        assertThat(entities).hasSize(asked.size());
        int nulls = 0;
        for (int i = 0; i < asked.size(); i++) {
            Map<String, Object> r = (Map<String, Object>) asked.get(i);
            Map<String, Object> e = entities.get(i);
            if (r.get("__typename").equals("ShopCustomers")) {
                int id = Integer.parseInt(String.valueOf(r.get("id")));
                if (id > CUSTOMERS || !region(id).equals("eu")) {
                    assertThat(e).as("customer %d", id).isNull();
                    nulls++;
                    continue;
                }
                assertThat(e).containsEntry("__typename", "ShopCustomers").containsEntry("id", id)
                        .containsEntry("name", "customer " + id)
                        .containsEntry("email", Mask.apply(MaskStrategy.EMAIL, "c" + id + "@example.com"));
                List<Map<String, Object>> orders = (List<Map<String, Object>>) e.get("orders");
                assertThat(orders).extracting(o -> o.get("id")).containsExactly(id * 2 - 1, id * 2);
            } else {
                int order = Integer.parseInt(String.valueOf(r.get("order_id")));
                int line = Integer.parseInt(String.valueOf(r.get("line_no")));
                assertThat(e).containsEntry("__typename", "ShopOrderLines").containsEntry("order_id", order)
                        .containsEntry("line_no", line).containsEntry("sku", "sku-" + order + "-" + line);
            }
        }
        assertThat(nulls).isEqualTo(245 - visibleCustomers() + 5);
    }

    private static String region(int customer) {
        return customer % 3 == 0 ? "us" : "eu";
    }

    private static WeftRuntime start(ServiceSettings service) {
        return WeftRuntime.start(List.of(service), List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", ACCESS));
    }

    private static ServiceSettings service(ServiceProperties p, Integer batchSize) {
        return TestDatabase.services(Map.of("shop", new ServiceProperties(p.kind(), p.url(), p.username(), p.password(),
                p.schema(), p.include(), p.exclude(), p.prefix(), p.typePrefix(), p.pool(), p.queryTimeout(), batchSize,
                null, null))).get(0);
    }

    private static void seed(TestDatabase db) {
        db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, region VARCHAR(4) NOT NULL,"
                        + " email VARCHAR(60) NOT NULL)",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id),"
                        + " total DECIMAL(10, 2) NOT NULL)",
                "CREATE TABLE order_lines (order_id INT NOT NULL REFERENCES orders (id), line_no INT NOT NULL,"
                        + " sku VARCHAR(20) NOT NULL, PRIMARY KEY (order_id, line_no))");
        StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers (id, name, region, email) VALUES ", "");
        StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders (id, customer_id, total) VALUES ", "");
        StringJoiner lines = new StringJoiner(", ", "INSERT INTO order_lines (order_id, line_no, sku) VALUES ", "");
        for (int c = 1; c <= CUSTOMERS; c++) {
            customers.add("(" + c + ", 'customer " + c + "', '" + region(c) + "', 'c" + c + "@example.com')");
            for (int o = c * 2 - 1; o <= c * 2; o++) {
                orders.add("(" + o + ", " + c + ", " + (o % 50) + ".50)");
                lines.add("(" + o + ", 1, 'sku-" + o + "-1')");
                lines.add("(" + o + ", 2, 'sku-" + o + "-2')");
            }
        }
        db.execute(customers.toString(), orders.toString(), lines.toString());
    }

    private static int ceil(int keys, int batch) {
        return (keys + batch - 1) / batch;
    }
}
