package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
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
    private static final Path PG_LOG = Path.of(System.getProperty("weft.test.pglog",
            "/var/log/postgresql/postgresql-15-main.log"));

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
            db.execute("ALTER DATABASE " + db.name() + " SET log_statement = 'all'");
            PgLog log = new PgLog(db.name());
            for (Integer batchSize : BATCH_SIZES) {
                try (WeftRuntime weft = WeftRuntime.start(List.of(service(db, batchSize)))) {
                    checkData(weft.execute(QUERY, Map.of())); // warm the pool and the drivers' caches
                    long from = log.position();
                    checkData(weft.execute(QUERY, Map.of()));
                    List<String> selects = log.selectsSince(from);
                    int size = batchSize == null ? ServiceSettings.DEFAULT_BATCH_SIZE : batchSize;
                    report("PostgreSQL", "batch-size " + size + (batchSize == null ? " (default)" : ""), selects);
                    assertThat(perTable(selects)).isEqualTo(Map.of("customers", 1,
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
        String user = "weft_sc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (TestDatabase db = TestDatabase.mariadb()) {
            seed(db);
            db.execute("SET GLOBAL userstat = ON", // per-user statement counters; left on (cheap, and a concurrent run may need them)
                    "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'counted'",
                    "GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'");
            try {
                for (Integer batchSize : BATCH_SIZES) {
                    ServiceProperties p = db.propertiesFor("mariadb");
                    ServiceSettings service = service("shop", new ServiceProperties(p.kind(), p.url(), user, "counted",
                            null, null, null, null, null, null, null, batchSize, null));
                    try (WeftRuntime weft = WeftRuntime.start(List.of(service))) {
                        int size = batchSize == null ? ServiceSettings.DEFAULT_BATCH_SIZE : batchSize;
                        long warm = selectsOf(db, user, weft); // also opens the pool's connections
                        long selects = selectsOf(db, user, weft);
                        System.out.printf("[StatementCountIT] MariaDB, batch-size %d%s: %d SELECT statements "
                                + "(USER_STATISTICS.SELECT_COMMANDS of the service's own user; warm-up run %d) for "
                                + "%d customers, %d orders, %d items%n", size, batchSize == null ? " (default)" : "",
                                selects, warm, CUSTOMERS, ORDERS, ITEMS);
                        assertThat(selects).isEqualTo(expectedStatements(size));
                    }
                }
            } finally {
                db.execute("DROP USER IF EXISTS '" + user + "'@'%'");
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

    /**
     * The SELECTs that MariaDB counted for {@code user} while one request ran. The server updates a
     * user's counters at the end of each statement, so the count is read until it holds still.
     */
    private static long selectsOf(TestDatabase db, String user, WeftRuntime weft) throws Exception {
        try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
            long before = userSelects(s, user);
            checkData(weft.execute(QUERY, Map.of()));
            long after = userSelects(s, user);
            for (int i = 0; i < 40; i++) {
                Thread.sleep(50);
                long again = userSelects(s, user);
                if (again == after && i >= 3) {
                    break;
                }
                after = again;
            }
            return after - before;
        }
    }

    private static long userSelects(Statement s, String user) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT SELECT_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER = '"
                + user + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
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
                p.include(), p.exclude(), p.prefix(), p.typePrefix(), p.pool(), p.queryTimeout(), batchSize, null));
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

    private static Map<String, Integer> perTable(List<String> selects) {
        Pattern from = Pattern.compile("FROM\\s+(?:\"[^\"]+\"\\.)?\"([^\"]+)\"");
        Map<String, Integer> counts = new TreeMap<>();
        for (String sql : selects) {
            Matcher m = from.matcher(sql);
            counts.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
        }
        return counts;
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
                perTable(selects));
        selects.forEach(s -> System.out.println("[StatementCountIT]   " + abbreviate(s)));
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 160 ? sql : sql.substring(0, 160) + "... (" + sql.length() + " chars)";
    }

    private static int ceil(int keys, int batch) {
        return (keys + batch - 1) / batch;
    }

    /** The statements PostgreSQL logged for one database ({@code log_statement = 'all'}), from a byte offset on. */
    private static final class PgLog {
        private final Pattern line;

        PgLog(String database) {
            // log_line_prefix '%m [%p] %q%u@%d ': "... [pid] postgres@db LOG:  execute <unnamed>: SELECT ..."
            this.line = Pattern.compile("^.*\\] \\S*@" + Pattern.quote(database)
                    + " LOG:  (?:statement|execute [^:]*): (.*)$");
            if (!Files.isReadable(PG_LOG)) {
                throw new AssertionError("cannot read the PostgreSQL server log " + PG_LOG
                        + " (set -Dweft.test.pglog=<path> to the cluster's log file)");
            }
        }

        long position() throws IOException {
            return Files.size(PG_LOG);
        }

        List<String> selectsSince(long from) throws IOException {
            byte[] bytes;
            try (RandomAccessFile file = new RandomAccessFile(PG_LOG.toFile(), "r")) {
                long length = file.length();
                if (length < from) {
                    throw new AssertionError("the PostgreSQL log was rotated during the test; run it again");
                }
                bytes = new byte[(int) (length - from)];
                file.seek(from);
                file.readFully(bytes);
            }
            List<String> statements = new ArrayList<>();
            for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = line.matcher(text);
                if (m.matches()) {
                    statements.add(m.group(1).trim());
                }
            }
            assertThat(statements).as("statements logged for the test database (is log_statement applied?)")
                    .isNotEmpty();
            return statements.stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("SELECT")).toList();
        }
    }
}
