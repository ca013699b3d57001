package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.ServerStatements;
import dev.weft.testing.ServerStatements.MariadbUser;
import dev.weft.testing.ServerStatements.PostgresLog;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * N+1 check across databases, counted at both servers ({@link ServerStatements}): 1,000 customers in
 * MariaDB, their 2,500 orders in PostgreSQL and the orders' 3,750 lines back in MariaDB, in one request.
 * With a batch size above every level's key count each level is one statement on its child's server
 * (PostgreSQL: the orders, and the GROUP BY of {@code orders_aggregate}; MariaDB: the customers, and the
 * lines); with {@code batch-size: 400} a level of n keys takes ceil(n / 400) statements. Both executors
 * (direct, and field by field with DataLoaders) are counted.
 */
class CrossDatabaseStatementCountIT {
    private static final int CUSTOMERS = 1_000;
    private static final int ORDERS = CUSTOMERS * 5 / 2; // 2 or 3 each
    private static final int LINES = ORDERS * 3 / 2; // 1 or 2 each
    private static final String RELATIONSHIPS = """
            relationships:
              - service: crm
                table: customers
                name: orders
                type: has_many
                field: id
                ref_service: shop
                ref_table: orders
                ref_field: customer_id
              - service: shop
                table: orders
                name: lines
                type: has_many
                field: id
                ref_service: crm
                ref_table: order_lines
                ref_field: order_id
            """;
    private static final String QUERY = """
            { crm_customers(order_by: [{id: asc}]) {
                id name
                orders(order_by: [{id: asc}]) { id total lines(order_by: [{id: asc}]) { sku } }
                orders_aggregate { aggregate { count } }
            } }""";

    @Test
    void eachLevelIsOneStatementOnItsChildsServerPlusBatchSplits() throws Exception {
        try (TestDatabase maria = TestDatabase.mariadb(); TestDatabase pg = TestDatabase.postgres()) {
            seed(maria, pg);
            PostgresLog pgLog = PostgresLog.enable(pg);
            try (MariadbUser user = MariadbUser.create(maria)) {
                for (int batchSize : new int[] {5_000, 400}) {
                    List<ServiceSettings> services = TestDatabase.services(new LinkedHashMap<>(Map.of(
                            "crm", user.properties(maria, batchSize),
                            "shop", withBatchSize(pg.propertiesFor("postgres"), batchSize))));
                    try (WeftRuntime weft = WeftRuntime.start(services, RelationshipsFile.parse("counted.yml", RELATIONSHIPS),
                            WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                        for (String executor : List.of("direct", "field-by-field")) {
                            BiFunction<String, Map<String, Object>, ExecutionResult> run = executor.equals("direct")
                                    ? weft::execute : weft::executeFieldByField;
                            checkData(run.apply(QUERY, Map.of())); // warm the pools and the drivers' caches

                            long pgFrom = pgLog.position();
                            long mariaFrom = user.selects();
                            checkData(run.apply(QUERY, Map.of()));
                            List<String> pgSelects = pgLog.selectsSince(pgFrom);
                            long mariaSelects = user.selectsSince(mariaFrom);

                            int orderStatements = ceil(CUSTOMERS, batchSize);
                            int lineStatements = ceil(ORDERS, batchSize);
                            System.out.printf("[CrossDatabaseStatementCountIT] %s, batch-size %d: %d customers (MariaDB), "
                                    + "%d orders (PostgreSQL), %d lines (MariaDB) -> PostgreSQL %d SELECTs (server log; per "
                                    + "table %s), MariaDB %d SELECTs (USER_STATISTICS of the service's own user)%n", executor,
                                    batchSize, CUSTOMERS, ORDERS, LINES, pgSelects.size(), ServerStatements.perTable(pgSelects),
                                    mariaSelects);
                            pgSelects.forEach(s -> System.out.println("[CrossDatabaseStatementCountIT]   PostgreSQL: "
                                    + ServerStatements.abbreviate(s)));

                            // PostgreSQL: the orders level, and the count per customer (GROUP BY), each split at the batch size
                            assertThat(pgSelects).as("PostgreSQL statements").hasSize(2 * orderStatements);
                            assertThat(pgSelects.stream().filter(s -> s.contains("GROUP BY")).count())
                                    .as("orders_aggregate statements").isEqualTo(orderStatements);
                            assertThat(pgSelects).allSatisfy(s -> assertThat(placeholders(s)).isLessThanOrEqualTo(batchSize));
                            // MariaDB: the customers (root field), and the lines level split at the batch size
                            assertThat(mariaSelects).as("MariaDB statements").isEqualTo(1 + lineStatements);
                            if (batchSize >= LINES) {
                                assertThat(pgSelects).hasSize(2); // one per level (orders, orders_aggregate)
                                assertThat(mariaSelects).isEqualTo(2); // one for the root, one for the lines level
                            }
                        }
                    }
                }
            }
        }
    }

    private static void seed(TestDatabase maria, TestDatabase pg) {
        maria.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "CREATE TABLE order_lines (id INT PRIMARY KEY, order_id INT NOT NULL, sku VARCHAR(20) NOT NULL, "
                        + "INDEX lines_order (order_id))");
        pg.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10, 2) NOT NULL)",
                "CREATE INDEX orders_customer ON orders (customer_id)");
        StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers (id, name) VALUES ", "");
        StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders (id, customer_id, total) VALUES ", "");
        StringJoiner lines = new StringJoiner(", ", "INSERT INTO order_lines (id, order_id, sku) VALUES ", "");
        int orderId = 0;
        int lineId = 0;
        for (int c = 1; c <= CUSTOMERS; c++) {
            customers.add("(" + c + ", 'customer " + c + "')");
            for (int o = 0; o < 2 + c % 2; o++) {
                orderId++;
                orders.add("(" + orderId + ", " + c + ", " + (orderId % 100) + ".25)");
                for (int l = 0; l < 1 + orderId % 2; l++) {
                    lineId++;
                    lines.add("(" + lineId + ", " + orderId + ", 'sku-" + lineId + "')");
                }
            }
        }
        assertThat(orderId).isEqualTo(ORDERS);
        assertThat(lineId).isEqualTo(LINES);
        maria.execute(customers.toString(), lines.toString());
        pg.execute(orders.toString());
    }

    private static ServiceProperties withBatchSize(ServiceProperties p, int batchSize) {
        return new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), p.schema(), p.include(), p.exclude(),
                p.prefix(), p.typePrefix(), p.pool(), p.queryTimeout(), batchSize, null, null);
    }

    /** Every customer with its own orders (2 or 3), each order with its own lines (1 or 2), in id order. */
    private static void checkData(ExecutionResult result) {
        List<Map<String, Object>> customers = GraphqlAssertions.at(GraphqlAssertions.data(result), "crm_customers");
        assertThat(customers).hasSize(CUSTOMERS);
        int orders = 0;
        int lines = 0;
        int expectedOrderId = 0;
        for (int c = 0; c < customers.size(); c++) {
            Map<String, Object> customer = customers.get(c);
            int id = ((Number) customer.get("id")).intValue();
            assertThat(id).isEqualTo(c + 1);
            List<Map<String, Object>> own = GraphqlAssertions.at(customer, "orders");
            assertThat(own).as("orders of customer %d", id).hasSize(2 + id % 2);
            assertThat(GraphqlAssertions.<Object>at(customer, "orders_aggregate.aggregate.count")).isEqualTo(2 + id % 2);
            for (Map<String, Object> order : own) {
                int orderId = ((Number) order.get("id")).intValue();
                assertThat(orderId).isEqualTo(++expectedOrderId);
                assertThat(order.get("total")).hasToString((orderId % 100) + ".25");
                List<Map<String, Object>> orderLines = GraphqlAssertions.at(order, "lines");
                assertThat(orderLines).as("lines of order %d", orderId).hasSize(1 + orderId % 2);
                lines += orderLines.size();
            }
            orders += own.size();
        }
        assertThat(orders).isEqualTo(ORDERS);
        assertThat(lines).isEqualTo(LINES);
    }

    private static int placeholders(String sql) {
        Matcher m = Pattern.compile("\\$\\d+").matcher(sql);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int ceil(int keys, int batch) {
        return (keys + batch - 1) / batch;
    }
}
