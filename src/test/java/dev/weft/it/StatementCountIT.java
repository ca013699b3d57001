package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.ServerStatements;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * N+1 check counted at the database server, not in Weft: 500 customers, their 1250 orders and the
 * orders' 2500 items read in one request take one SELECT per level when the batch size exceeds every
 * level's key count, and a service {@code batch-size} (default 1000) splits a level into
 * ceil(keys / batch-size) statements.
 *
 * <p>PostgreSQL: {@code ALTER DATABASE <test db> SET log_statement = 'all'} and the statements the
 * server logged for that database (the backend writes the line before it runs the statement, so
 * nothing is left to flush). MariaDB: the service connects as a user of its own, and the server's
 * per-user counter {@code information_schema.USER_STATISTICS.SELECT_COMMANDS} ({@code userstat = ON})
 * before and after. The global {@code Com_select} is no use on a shared server: other test runs add
 * dozens of SELECTs to it during one request.
 */
class StatementCountIT {
    private static final int CUSTOMERS = 500;
    private static final int ORDERS = CUSTOMERS * 2 + CUSTOMERS / 2; // 2 or 3 orders each
    private static final int ITEMS = ORDERS * 2;
    private static final int BATCH_SIZE = 200;

    private static final String QUERY = """
            { shop_customers(order_by: [{id: asc}]) {
                id name
                orders { id total order_items { id sku } }
            } }""";

    /**
     * Batch sizes to run with: above every level's key count (one statement per level), the default
     * (1000: the 1250 order keys of the item level take two statements) and 200.
     */
    private static final List<Integer> BATCH_SIZES = java.util.Arrays.asList(5000, null, BATCH_SIZE);

    @Test
    void postgresReadsEachLevelWithOneStatementPerBatch() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            seed(db);
            ServerStatements.PostgresLog log = ServerStatements.PostgresLog.enable(db);
            for (Integer batchSize : BATCH_SIZES) {
                try (WeftRuntime weft = WeftRuntime.start(List.of(service(db, batchSize)))) {
                    checkData(weft.execute(QUERY, Map.of())); // warm the pool and the drivers' caches
                    long from = log.position();
                    checkData(weft.execute(QUERY, Map.of()));
                    List<String> selects = log.selectsSince(from);
                    int size = batchSize == null ? ServiceSettings.DEFAULT_BATCH_SIZE : batchSize;
                    report("PostgreSQL", "batch-size " + size + (batchSize == null ? " (default)" : ""), selects);
                    assertThat(ServerStatements.perTable(selects)).isEqualTo(Map.of("customers", 1,
                            "orders", ceil(CUSTOMERS, size), "order_items", ceil(ORDERS, size)));
                    assertThat(selects).hasSize(expectedStatements(size));
                    assertThat(selects).filteredOn(s -> !s.contains("\"customers\""))
                            .allSatisfy(s -> assertThat(placeholders(s)).isLessThanOrEqualTo(size));
                }
            }
        }
    }

    @Test
    void mariadbReadsEachLevelWithOneStatementPerBatch() throws Exception {
        try (TestDatabase db = TestDatabase.mariadb()) {
            seed(db);
            try (ServerStatements.MariadbUser user = ServerStatements.MariadbUser.create(db)) {
                for (Integer batchSize : BATCH_SIZES) {
                    try (WeftRuntime weft = WeftRuntime.start(List.of(service("shop", user.properties(db, batchSize))))) {
                        int size = batchSize == null ? ServiceSettings.DEFAULT_BATCH_SIZE : batchSize;
                        checkData(weft.execute(QUERY, Map.of())); // warm the pool and the drivers' caches
                        long before = user.selects();
                        checkData(weft.execute(QUERY, Map.of()));
                        long selects = user.selectsSince(before);
                        System.out.printf("[StatementCountIT] MariaDB, batch-size %d%s: %d SELECT statements "
                                + "(USER_STATISTICS.SELECT_COMMANDS of the service's own user) for "
                                + "%d customers, %d orders, %d items%n", size, batchSize == null ? " (default)" : "",
                                selects, CUSTOMERS, ORDERS, ITEMS);
                        assertThat(selects).isEqualTo(expectedStatements(size));
                    }
                }
            }
        }
    }

    /** One statement for the customers, then ceil(keys / batch size) for the orders and for the items. */
    private static int expectedStatements(int batchSize) {
        int expected = 1 + ceil(CUSTOMERS, batchSize) + ceil(ORDERS, batchSize);
        if (batchSize >= ORDERS) {
            assertThat(expected).isEqualTo(3); // one per level
        }
        return expected;
    }

    private static void seed(TestDatabase db) {
        String money = "DECIMAL(10, 2)";
        db.execute(
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id), total "
                        + money + " NOT NULL)",
                "CREATE TABLE order_items (id INT PRIMARY KEY, order_id INT NOT NULL REFERENCES orders (id), "
                        + "sku VARCHAR(20) NOT NULL)",
                "CREATE INDEX orders_customer ON orders (customer_id)",
                "CREATE INDEX items_order ON order_items (order_id)");
        StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers (id, name) VALUES ", "");
        StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders (id, customer_id, total) VALUES ", "");
        StringJoiner items = new StringJoiner(", ", "INSERT INTO order_items (id, order_id, sku) VALUES ", "");
        int orderId = 0;
        int itemId = 0;
        for (int c = 1; c <= CUSTOMERS; c++) {
            customers.add("(" + c + ", 'customer " + c + "')");
            for (int o = 0; o < 2 + c % 2; o++) {
                orderId++;
                orders.add("(" + orderId + ", " + c + ", " + (orderId % 100) + ".25)");
                for (int i = 0; i < 2; i++) {
                    itemId++;
                    items.add("(" + itemId + ", " + orderId + ", 'sku-" + itemId + "')");
                }
            }
        }
        assertThat(orderId).isEqualTo(ORDERS);
        assertThat(itemId).isEqualTo(ITEMS);
        db.execute(customers.toString(), orders.toString(), items.toString());
    }

    private static ServiceSettings service(TestDatabase db, Integer batchSize) {
        ServiceProperties p = db.propertiesFor(db.defaultKind());
        return service("shop", new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), p.schema(),
                p.include(), p.exclude(), p.prefix(), p.typePrefix(), p.pool(), p.queryTimeout(), batchSize, null, null));
    }

    private static ServiceSettings service(String name, ServiceProperties properties) {
        return TestDatabase.services(Map.of(name, properties)).get(0);
    }

    /** Every customer, order and item arrived, each order under its own customer. */
    private static void checkData(ExecutionResult result) {
        List<Map<String, Object>> customers = GraphqlAssertions.at(GraphqlAssertions.data(result), "shop_customers");
        assertThat(customers).hasSize(CUSTOMERS);
        int orders = 0;
        int items = 0;
        for (Map<String, Object> customer : customers) {
            int id = ((Number) customer.get("id")).intValue();
            List<Map<String, Object>> own = GraphqlAssertions.at(customer, "orders");
            assertThat(own).as("orders of customer %d", id).hasSize(2 + id % 2);
            orders += own.size();
            for (Map<String, Object> order : own) {
                List<?> orderItems = GraphqlAssertions.at(order, "order_items");
                assertThat(orderItems).hasSize(2);
                items += orderItems.size();
            }
        }
        assertThat(orders).isEqualTo(ORDERS);
        assertThat(items).isEqualTo(ITEMS);
    }

    private static int placeholders(String sql) {
        Matcher m = Pattern.compile("\\$\\d+").matcher(sql);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void report(String server, String setting, List<String> selects) {
        System.out.printf("[StatementCountIT] %s, %s: %d SELECT statements logged by the server for %d customers, "
                + "%d orders, %d items; per table %s%n", server, setting, selects.size(), CUSTOMERS, ORDERS, ITEMS,
                ServerStatements.perTable(selects));
        selects.forEach(s -> System.out.println("[StatementCountIT]   " + ServerStatements.abbreviate(s)));
    }

    private static int ceil(int keys, int batch) {
        return (keys + batch - 1) / batch;
    }
}
