package dev.weft.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ForeignKey;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.Db2Dialect;
import dev.weft.dialect.H2Dialect;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.PostgresDialect;
import dev.weft.dialect.SqlDialect;
import dev.weft.testing.Db2Database;
import dev.weft.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The keys read in bulk (PostgreSQL, MariaDB and MySQL: two catalog queries per source) are the keys JDBC's
 * {@code DatabaseMetaData} gives table by table, on every engine: composite primary keys in key order (not column order), composite
 * foreign keys, two foreign keys to the same table, a self reference, a view (no keys), and on PostgreSQL
 * a foreign key into another schema.
 */
class BulkKeysIT {
    private static final String[] DDL = {
            "CREATE TABLE other (id INT NOT NULL PRIMARY KEY, label VARCHAR(20))",
            "CREATE TABLE parent (a INT NOT NULL, name VARCHAR(20), b VARCHAR(10) NOT NULL, PRIMARY KEY (b, a))",
            "CREATE TABLE child (id INT NOT NULL PRIMARY KEY, pa INT, pb VARCHAR(10), first_id INT, second_id INT, self_id INT,"
                    + " CONSTRAINT fk_child_parent FOREIGN KEY (pb, pa) REFERENCES parent (b, a),"
                    + " CONSTRAINT fk_child_first FOREIGN KEY (first_id) REFERENCES other (id),"
                    + " CONSTRAINT fk_child_second FOREIGN KEY (second_id) REFERENCES other (id),"
                    + " CONSTRAINT fk_child_self FOREIGN KEY (self_id) REFERENCES child (id))",
            "CREATE TABLE nokey (x INT, y INT)",
            "CREATE VIEW child_view AS SELECT id, pa FROM child"};

    @Test
    void postgres() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute(DDL);
            db.execute("CREATE SCHEMA aux", "CREATE TABLE aux.target (k INT NOT NULL, j INT NOT NULL, PRIMARY KEY (j, k))",
                    "CREATE TABLE cross_ref (id INT PRIMARY KEY, k INT, j INT, CONSTRAINT fk_cross FOREIGN KEY (j, k) REFERENCES aux.target (j, k))");
            ServiceSettings service = db.service("shop");
            try (Connection c = db.connect()) {
                assertSameKeys(service, new PostgresDialect(), c, 4);
            }
        }
    }

    @Test
    void mariadbAndMysqlDrivers() throws SQLException {
        try (TestDatabase db = TestDatabase.mariadb()) {
            db.execute(DDL);
            for (String kind : List.of("mariadb", "mysql")) {
                ServiceSettings service = db.service("shop", kind);
                try (Connection c = DriverManager.getConnection(db.url(kind), "root", "")) {
                    assertSameKeys(service, new MySqlDialect(), c, 3);
                }
            }
        }
    }

    @Test
    void h2() throws SQLException {
        String url = "jdbc:h2:mem:bulk_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        ServiceSettings service = TestDatabase.services(Map.of("shop", new ServiceProperties("h2", url, null, null, null,
                null, null, null, null, null, null, null, null, null))).get(0);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : DDL) {
                s.execute(sql);
            }
            assertSameKeys(service, new H2Dialect(), c, 3);
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void db2() throws SQLException {
        try (Db2Database db = Db2Database.create()) {
            db.execute(DDL);
            try (Connection c = db.connect()) {
                assertSameKeys(db.service("shop"), new Db2Dialect(), c, 3);
            }
        }
    }

    private static void assertSameKeys(ServiceSettings service, SqlDialect dialect, Connection c, int tablesWithKeys)
            throws SQLException {
        Source source = new JdbcIntrospector(service, dialect).read(c);
        DatabaseMetaData meta = c.getMetaData();
        int compared = 0;
        for (Table table : source.tables()) {
            TableRef ref = table.ref();
            List<String> primaryKey = table.view() ? List.of() : primaryKey(meta, c.getCatalog(), ref.schema(), ref.name());
            List<ForeignKey> foreignKeys = table.view() ? List.of() : foreignKeys(meta, c.getCatalog(), ref);
            assertThat(table.primaryKey()).as("primary key of %s", ref).isEqualTo(primaryKey);
            // drivers list foreign keys in different orders (MariaDB's by name); Weft in JDBC's, on every engine
            assertThat(table.foreignKeys()).as("foreign keys of %s", ref).containsExactlyInAnyOrderElementsOf(foreignKeys)
                    .isSortedAccordingTo(TableKeys.JDBC_ORDER);
            compared += primaryKey.isEmpty() && foreignKeys.isEmpty() ? 0 : 1;
        }
        assertThat(compared).as("tables with keys on %s", service.kind()).isEqualTo(tablesWithKeys);
        Table child = source.tables().stream().filter(t -> t.ref().name().equalsIgnoreCase("child")).findFirst().orElseThrow();
        assertThat(child.foreignKeys()).hasSize(4);
    }

    /** JDBC's answer for one table, as Weft read keys before (one call per table). */
    private static List<String> primaryKey(DatabaseMetaData meta, String catalog, String schema, String table) throws SQLException {
        Map<Integer, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(columns.values());
    }

    private static List<ForeignKey> foreignKeys(DatabaseMetaData meta, String catalog, TableRef table) throws SQLException {
        Map<String, TreeMap<Integer, String[]>> keys = new LinkedHashMap<>();
        Map<String, TableRef> targets = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, table.schema(), table.name())) {
            while (rs.next()) {
                String targetSchema = rs.getString("PKTABLE_SCHEM");
                String name = rs.getString("FK_NAME") + "|" + rs.getString("PKTABLE_NAME");
                targets.put(name, new TableRef(table.service(), targetSchema == null ? table.schema() : targetSchema,
                        rs.getString("PKTABLE_NAME")));
                keys.computeIfAbsent(name, n -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"),
                        new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<ForeignKey> result = new ArrayList<>();
        keys.forEach((name, pairs) -> result.add(new ForeignKey(name.substring(0, name.indexOf('|')),
                pairs.values().stream().map(p -> p[0]).toList(), targets.get(name),
                pairs.values().stream().map(p -> p[1]).toList())));
        return result;
    }
}
