package dev.weft.xa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.WeftProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weft stops after both databases prepared and before PostgreSQL committed; the next Weft, started on
 * the same transaction log, finishes the commit at start: the customer and the order are both there and
 * no prepared transaction is left.
 */
class CrossSourceRecoveryAtStartIT {
    @Test
    void theNextStartCommitsWhatTheStoppedProcessLeftPrepared(@TempDir Path dir) throws Exception {
        try (TestDatabase crm = TestDatabase.mariadb();
             TestDatabase shop = TestDatabase.create(TestDatabase.Server.PREPARING_POSTGRES);
             TcpProxy proxy = TcpProxy.to(shop.server().endpoint())) {
            crm.execute("CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL) ENGINE=InnoDB");
            shop.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)");
            Path relationships = Files.writeString(dir.resolve("relationships.yml"), """
                    relationships:
                      - { service: crm, table: customers, name: orders, type: has_many, field: id,
                          ref_service: shop, ref_table: orders, ref_field: customer_id }
                    """);
            Path yml = Files.writeString(dir.resolve("weft.yml"), """
                    weft:
                      relationships: %s
                      transactions:
                        log-dir: %s
                        node-id: %s
                        recovery-period: 1h
                      services:
                        crm: { kind: mariadb, url: "%s", username: %s, password: "%s" }
                        shop: { kind: postgres, url: "jdbc:postgresql://127.0.0.1:%d/%s", username: %s, password: "%s" }
                    """.formatted(relationships, dir.resolve("tx"), "wtr-" + UUID.randomUUID().toString().substring(0, 8),
                    crm.url("mariadb"), crm.server().endpoint().user(), crm.server().endpoint().password(),
                    proxy.port(), shop.name(), shop.server().endpoint().user(), shop.server().endpoint().password()));

            try (WeftProcess first = WeftProcess.start(yml, dir, "-Xmx384m")) {
                first.awaitServing(Duration.ofMinutes(4));
                proxy.cutOn("COMMIT PREPARED");
                String answer = first.post("mutation { insert_crm_customers_one(object: {name: \"Ivy\", orders: {data: [{total: 4}]}}) { name } }");
                assertThat(answer).contains("\"name\":\"Ivy\"").doesNotContain("errors");
            }
            assertThat(rows(shop, "SELECT count(*) FROM pg_prepared_xacts WHERE database = '" + shop.name() + "'"))
                    .as("PostgreSQL's branch, prepared and never committed").containsExactly("1");
            assertThat(rows(shop, "SELECT total FROM orders")).isEmpty();

            proxy.start();
            try (WeftProcess second = WeftProcess.start(yml, dir, "-Xmx384m")) {
                second.awaitServing(Duration.ofMinutes(4));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!rows(shop, "SELECT count(*) FROM pg_prepared_xacts WHERE database = '" + shop.name() + "'").equals(List.of("0"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(rows(shop, "SELECT count(*) FROM pg_prepared_xacts WHERE database = '" + shop.name() + "'"))
                        .as("prepared branches after the start-up recovery:\n" + second.output()).containsExactly("0");
                assertThat(rows(shop, "SELECT total FROM orders")).containsExactly("4");
                assertThat(rows(crm, "SELECT name FROM customers")).containsExactly("Ivy");
                assertThat(second.post("{ crm_customers { name orders { total } } }")).contains("\"total\":4");
            }
        }
    }

    @Test
    void aConfiguredLogDirectoryThatCannotBeWrittenStopsTheStartNamingTheKey(@TempDir Path dir) throws Exception {
        try (TestDatabase crm = TestDatabase.mariadb(); TestDatabase shop = TestDatabase.postgres()) {
            crm.execute("CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
            shop.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)");
            Path relationships = Files.writeString(dir.resolve("relationships.yml"), """
                    relationships:
                      - { service: crm, table: customers, name: orders, type: has_many, field: id,
                          ref_service: shop, ref_table: orders, ref_field: customer_id }
                    """);
            Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
            Path yml = Files.writeString(dir.resolve("weft.yml"), """
                    weft:
                      relationships: %s
                      transactions:
                        log-dir: %s
                      services:
                        crm: { kind: mariadb, url: "%s", username: %s, password: "%s" }
                        shop: { kind: postgres, url: "%s", username: %s, password: "%s" }
                    """.formatted(relationships, notADirectory.resolve("tx"), crm.url("mariadb"), crm.server().endpoint().user(),
                    crm.server().endpoint().password(), shop.url("postgres"), shop.server().endpoint().user(),
                    shop.server().endpoint().password()));
            try (WeftProcess weft = WeftProcess.start(yml, dir, "-Xmx384m")) {
                assertThat(weft.awaitExit(Duration.ofMinutes(4))).isNotZero();
                assertThat(weft.output()).contains("Weft cannot start: 1 problem").contains(yml + ":4: weft.transactions.log-dir")
                        .contains("writable, persistent directory");
            }
        }
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
}
