package dev.weft.xa;

import static dev.weft.testing.GraphqlAssertions.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.TestServers;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer in MariaDB with their orders in PostgreSQL, inserted by one mutation through a virtual
 * relationship: both databases commit or neither does (two-phase commit under Narayana), with each
 * database as the oracle, and no prepared transaction left behind on either.
 */
class CrossSourceInsertIT {
    private static final List<RelationshipSpec> RELATIONSHIPS = RelationshipsFile.parse("relationships.yml", """
            relationships:
              - { service: crm, table: customers, name: orders, type: has_many, field: id,
                  ref_service: shop, ref_table: orders, ref_field: customer_id }
              - { service: shop, table: orders, name: customer, type: belongs_to, field: customer_id,
                  ref_service: crm, ref_table: customers, ref_field: id }
            """);
    private static TestDatabase crm;
    private static TestDatabase shop;

    @BeforeAll
    static void databases() throws SQLException {
        crm = TestDatabase.mariadb();
        shop = TestDatabase.create(TestDatabase.Server.PREPARING_POSTGRES);
        crm.execute("CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE) ENGINE=InnoDB");
        shop.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INT NOT NULL,"
                + " total INT NOT NULL CONSTRAINT orders_total_positive CHECK (total >= 0))");
        rollBackLeftovers(); // of an earlier run that died, on the shared MariaDB server
    }

    /** A failed test may leave prepared branches: they would hold locks for the next tests and keep the databases from being dropped. */
    @AfterEach
    void afterEach() throws SQLException {
        rollBackLeftovers();
    }

    private static void rollBackLeftovers() throws SQLException {
        for (String gid : rows(shop, "SELECT gid FROM pg_prepared_xacts WHERE database = '" + shop.name() + "'")) {
            shop.execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
        }
        String node = XaCoordinator.started().settings().nodeId();
        List<String> rollbacks = new ArrayList<>();
        try (Connection c = crm.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) {
                byte[] data = rs.getBytes("data");
                int gtrid = rs.getInt("gtrid_length");
                if (new String(data, java.nio.charset.StandardCharsets.ISO_8859_1).contains(node)) {
                    java.util.HexFormat hex = java.util.HexFormat.of();
                    rollbacks.add("XA ROLLBACK X'" + hex.formatHex(data, 0, gtrid) + "', X'"
                            + hex.formatHex(data, gtrid, gtrid + rs.getInt("bqual_length")) + "', " + rs.getLong("formatID"));
                }
            }
        }
        rollbacks.forEach(crm::execute);
    }

    @AfterAll
    static void drop() {
        crm.close();
        shop.close();
    }

    private static WeftRuntime weft(ServiceProperties customers, ServiceProperties orders) {
        return WeftRuntime.start(TestDatabase.services(Map.of("crm", customers, "shop", orders)), RELATIONSHIPS,
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @Test
    void aCustomerAndTheirOrdersCommitOnBothDatabasesAndReturningReadsAcross() throws Exception {
        try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), shop.propertiesFor("postgres"))) {
            Map<String, Object> d = GraphqlAssertions.data(weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Ada", orders: {data: [{total: 10}, {total: 20}]}}) {
                      id name orders(order_by: {total: asc}) { total customer { name } } } }""", Map.of()));
            Map<String, Object> ada = at(d, "insert_crm_customers_one");
            assertThat(ada.get("name")).isEqualTo("Ada");
            assertThat((List<Map<String, Object>>) ada.get("orders")).extracting(o -> o.get("total")).containsExactly(10, 20);
            int id = ((Number) ada.get("id")).intValue();
            assertThat(rows(shop, "SELECT total FROM orders WHERE customer_id = " + id + " ORDER BY total")).containsExactly("10", "20");
            assertThat(rows(crm, "SELECT name FROM customers WHERE id = " + id)).containsExactly("Ada");

            // the other direction: the customer (MariaDB) first, then the order (PostgreSQL) that references it
            d = GraphqlAssertions.data(weft.execute("""
                    mutation { insert_shop_orders(objects: [{total: 5, customer: {data: {name: "Bea"}}}]) {
                      affected_rows returning { total customer { name } } } }""", Map.of()));
            assertThat((Object) at(d, "insert_shop_orders.affected_rows")).isEqualTo(2);
            assertThat((Object) at(d, "insert_shop_orders.returning.0.customer.name")).isEqualTo("Bea");
            List<String> bea = rows(crm, "SELECT id FROM customers WHERE name = 'Bea'");
            assertThat(bea).hasSize(1);
            assertThat(rows(shop, "SELECT total FROM orders WHERE customer_id = " + bea.get(0))).containsExactly("5");
            assertNothingPrepared();
        }
    }

    @Test
    void onConflictIsRefusedWithANestedInsertIntoAnotherDatabase() throws Exception {
        try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), shop.propertiesFor("postgres"))) {
            ExecutionResult result = weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Oz", orders: {data: [{total: 1}],
                      on_conflict: {constraint: orders_pkey, update_columns: [total]}}}) { id } }""", Map.of());
            GraphQLError error = result.getErrors().get(0);
            assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
            assertThat(error.getMessage()).contains("on_conflict cannot be combined with a nested insert into another source");
            assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Oz'")).isEmpty();
        }
    }

    @Test
    void aFailureOnTheSecondDatabaseRollsBackTheFirst() throws Exception {
        try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), shop.propertiesFor("postgres"))) {
            ExecutionResult result = weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Cy", orders: {data: [{total: 1}, {total: -1}]}}) { id } }""",
                    Map.of());
            GraphQLError error = result.getErrors().get(0);
            assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
            assertThat(error.getMessage()).contains("orders_total_positive");
            assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Cy'")).isEmpty();
            assertThat(rows(shop, "SELECT id FROM orders WHERE total = 1")).isEmpty();
            assertNothingPrepared();
        }
    }

    @Test
    void aDatabaseLostBetweenPrepareAndCommitIsCommittedByRecovery() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(shop.server().endpoint())) {
            try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), viaProxy(shop, "postgres", proxy))) {
                proxy.cutOn("COMMIT PREPARED");
                ExecutionResult result = weft.execute("""
                        mutation { insert_crm_customers_one(object: {name: "Dee", orders: {data: [{total: 7}]}}) { id } }""", Map.of());
                // the decision was commit (both prepared, the log written): the field succeeds, PostgreSQL's part follows by recovery
                assertThat(result.getErrors()).isEmpty();
                assertThat(proxy.isRunning()).as("the proxy cut PostgreSQL before its commit").isFalse();
                assertThat(postgresPrepared()).as("PostgreSQL's branch prepared, not committed").isEqualTo(1);
                assertThat(rows(shop, "SELECT total FROM orders WHERE total = 7")).isEmpty();

                proxy.start();
                recoverUntil(() -> postgresPrepared() == 0);
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Dee'")).containsExactly("Dee");
                assertThat(rows(shop, "SELECT o.total FROM orders o WHERE o.total = 7")).containsExactly("7");
                assertNothingPrepared();
            }
        }
    }

    @Test
    void mariadbLostBetweenPrepareAndCommitIsCommittedByRecovery() throws Exception {
        lostBeforeCommitOnMariadb("mariadb", "Gus", 8);
    }

    /** The same through MySQL Connector/J (kind mysql), whose XA resource is its own. */
    @Test
    void mysqlDriverLostBetweenPrepareAndCommitIsCommittedByRecovery() throws Exception {
        lostBeforeCommitOnMariadb("mysql", "Kit", 11);
    }

    private void lostBeforeCommitOnMariadb(String kind, String name, int total) throws Exception {
        try (TcpProxy proxy = TcpProxy.to(crm.server().endpoint())) {
            try (WeftRuntime weft = weft(viaProxy(crm, kind, proxy), shop.propertiesFor("postgres"))) {
                proxy.cutOn("XA COMMIT");
                ExecutionResult result = weft.execute("""
                        mutation { insert_crm_customers_one(object: {name: "%s", orders: {data: [{total: %d}]}}) { id } }"""
                        .formatted(name, total), Map.of());
                assertThat(result.getErrors()).isEmpty();
                assertThat(proxy.isRunning()).as("the proxy cut MariaDB before its commit").isFalse();
                assertThat(mariadbPrepared()).as("MariaDB's branch prepared, not committed").hasSize(1);
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = '" + name + "'")).isEmpty();

                proxy.start();
                recoverUntil(() -> mariadbPrepared().isEmpty());
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = '" + name + "'")).containsExactly(name);
                assertThat(rows(shop, "SELECT total FROM orders WHERE total = " + total)).containsExactly(String.valueOf(total));
                assertNothingPrepared();
            }
        }
    }

    @Test
    void aDatabaseLostWhilePreparingCommitsNeitherAndItsPreparedBranchIsRolledBackByRecovery() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(shop.server().endpoint())) {
            try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), viaProxy(shop, "postgres", proxy))) {
                // PostgreSQL prepares, and the answer never arrives: the coordinator rolls back, and cannot tell PostgreSQL
                proxy.cutAfter("PREPARE TRANSACTION");
                ExecutionResult result = weft.execute("""
                        mutation { insert_crm_customers_one(object: {name: "Hal", orders: {data: [{total: 9}]}}) { id } }""", Map.of());
                GraphQLError error = result.getErrors().get(0);
                assertThat(error.getExtensions()).containsEntry("code", "SOURCE_UNAVAILABLE");
                assertThat(error.getMessage()).contains("rolled back on every source").contains("nothing was written");
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Hal'")).isEmpty();
                assertThat(postgresPrepared()).as("PostgreSQL's prepared branch, which no log entry knows").isEqualTo(1);

                proxy.start();
                // recovery rolls back a branch of its own node that its log does not know, once it is older than
                // Narayana's orphan safety interval (20 s), so that it never takes a transaction still under way
                recoverUntil(() -> postgresPrepared() == 0);
                assertThat(rows(shop, "SELECT total FROM orders WHERE total = 9")).isEmpty();
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Hal'")).isEmpty();
                assertNothingPrepared();
            }
        }
    }

    @Test
    void eachNestedRowFollowsItsOwnTablesInsertPermission() throws Exception {
        try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(Map.of("crm", crm.propertiesFor("mariadb"),
                        "shop", shop.propertiesFor("postgres"))), RELATIONSHIPS, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", """
                        roles:
                          clerk:
                            crm.customers:
                              insert: { columns: [name] }
                            shop.orders:
                              insert: { columns: [total], check: { total: { _lte: 100 } } }
                          viewer:
                            crm.customers:
                              insert: { columns: [name] }
                            shop.orders:
                        """))) {
            Caller clerk = new Caller("clerk", Map.of());
            ExecutionResult tooMuch = weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Lou", orders: {data: [{total: 500}]}}) { id } }""",
                    Map.of(), clerk);
            assertThat(tooMuch.getErrors().get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT");
            assertThat(tooMuch.getErrors().get(0).getMessage()).contains("fail the check").contains("shop.public.orders");
            assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Lou'")).isEmpty();
            assertThat(rows(shop, "SELECT total FROM orders WHERE total = 500")).isEmpty();

            GraphqlAssertions.data(weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Mo", orders: {data: [{total: 50}]}}) { name } }""",
                    Map.of(), clerk));
            assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Mo'")).containsExactly("Mo");
            assertThat(rows(shop, "SELECT total FROM orders WHERE total = 50")).containsExactly("50");

            // a role that may not insert orders has no such nested field
            ExecutionResult viewer = weft.execute("""
                    mutation { insert_crm_customers_one(object: {name: "Ned", orders: {data: [{total: 1}]}}) { name } }""",
                    Map.of(), new Caller("viewer", Map.of()));
            assertThat(viewer.getErrors().get(0).getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
            assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Ned'")).isEmpty();
            assertNothingPrepared();
        }
    }

    @Test
    void aPostgresqlThatCannotPrepareIsRefusedWithTheReason() throws Exception {
        try (TestDatabase plain = TestDatabase.postgres()) {
            assertThat(count(plain, "SELECT setting::int FROM pg_settings WHERE name = 'max_prepared_transactions'"))
                    .as("the test server's max_prepared_transactions").isZero();
            plain.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)");
            try (WeftRuntime weft = weft(crm.propertiesFor("mariadb"), plain.propertiesFor("postgres"))) {
                ExecutionResult result = weft.execute("""
                        mutation { insert_crm_customers_one(object: {name: "Eve", orders: {data: [{total: 3}]}}) { id } }""", Map.of());
                GraphQLError error = result.getErrors().get(0);
                assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                assertThat(error.getMessage()).contains("service 'shop' (PostgreSQL) has max_prepared_transactions = 0")
                        .contains("nothing was written");
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Eve'")).isEmpty();
                assertThat(rows(plain, "SELECT id FROM orders")).isEmpty();
                // a write to one source only needs no two-phase commit
                GraphqlAssertions.data(weft.execute("mutation { insert_crm_customers_one(object: {name: \"Fay\"}) { id } }", Map.of()));
                assertThat(rows(crm, "SELECT name FROM customers WHERE name = 'Fay'")).containsExactly("Fay");
            }
        }
    }

    /** Neither database holds a prepared branch of this JVM's transactions. */
    private static void assertNothingPrepared() throws SQLException {
        assertThat(postgresPrepared()).as("PostgreSQL's prepared branches").isZero();
        assertThat(mariadbPrepared()).as("MariaDB's prepared branches of this JVM's node").isEmpty();
    }

    private static long postgresPrepared() throws SQLException {
        return count(shop, "SELECT count(*) FROM pg_prepared_xacts WHERE database = '" + shop.name() + "'");
    }

    /** The prepared branches on the MariaDB server whose Xid names this JVM's node (the server is shared). */
    private static List<String> mariadbPrepared() throws SQLException {
        String node = XaCoordinator.started().settings().nodeId();
        List<String> ours = new ArrayList<>();
        try (Connection c = crm.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) {
                String data = new String(rs.getBytes("data"), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (data.contains(node)) {
                    ours.add(data);
                }
            }
        }
        return ours;
    }

    private interface Check {
        boolean done() throws SQLException;
    }

    /** Recovery passes until {@code done}, for at most a minute (a pass under way may predate the source's return). */
    private static void recoverUntil(Check done) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!done.done() && System.nanoTime() < deadline) {
            XaCoordinator.started().recover();
        }
        assertThat(done.done()).as("recovery finished within a minute").isTrue();
    }

    private static ServiceProperties viaProxy(TestDatabase db, String kind, TcpProxy proxy) {
        TestServers.Endpoint at = db.server().endpoint();
        String url = "jdbc:" + ("mysql".equals(kind) ? "mysql" : at.scheme()) + "://127.0.0.1:" + proxy.port() + "/" + db.name()
                + ("mysql".equals(kind) ? "?useSSL=false&allowPublicKeyRetrieval=true" : "");
        return new ServiceProperties(kind, url, at.user(),
                at.password(), null, null, null, null, null, null, null, null, null, null);
    }

    private static List<String> rows(TestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        return Long.parseLong(rows(db, sql).get(0));
    }
}
