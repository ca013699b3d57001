package dev.weft.it;

import dev.weft.config.AccessSpec;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real-sized dataset, generated in SQL in a few seconds, in four databases on the two servers:
 * <ul>
 *   <li>{@code hrm} (MariaDB): {@code employees}, 50,000 rows (emp_no 10001..60000, hire dates spread over
 *       1985..2000);</li>
 *   <li>{@code hrs} (PostgreSQL): {@code employee_status}, 44,911 rows, one per employee for a scattered
 *       subset of them (emp_no = 10001 + g * 7 mod 50000), 70% 'active';</li>
 *   <li>{@code crm} (MariaDB): {@code customers}, 10,000 rows, names repeating every 3,000 ids (ties);</li>
 *   <li>{@code shop} (PostgreSQL): {@code orders}, 100,000 rows, some of customers that do not exist.</li>
 * </ul>
 * Every table has a {@code tenant} column ('t0' or 't1'), set independently on each side, for row filters.
 * The relationships: {@code hrm_employees.status} (has_one, to hrs), {@code shop_orders.customer}
 * (belongs_to, to crm) and {@code crm_customers.orders} (has_many, to shop).
 */
final class ScaleDataset implements AutoCloseable {
    static final String RELATIONSHIPS = """
            relationships:
              - { service: hrm, table: employees, name: status, type: has_one, field: emp_no,
                  ref_service: hrs, ref_table: employee_status, ref_field: emp_no }
              - { service: hrs, table: employee_status, name: employee, type: belongs_to, field: emp_no,
                  ref_service: hrm, ref_table: employees, ref_field: emp_no }
              - { service: shop, table: orders, name: customer, type: belongs_to, field: customer_id,
                  ref_service: crm, ref_table: customers, ref_field: id }
              - { service: crm, table: customers, name: orders, type: has_many, field: id,
                  ref_service: shop, ref_table: orders, ref_field: customer_id }
            """;

    final TestDatabase hrm;
    final TestDatabase hrs;
    final TestDatabase crm;
    final TestDatabase shop;

    private ScaleDataset(TestDatabase hrm, TestDatabase hrs, TestDatabase crm, TestDatabase shop) {
        this.hrm = hrm;
        this.hrs = hrs;
        this.crm = crm;
        this.shop = shop;
    }

    static ScaleDataset create() {
        List<TestDatabase> made = new ArrayList<>();
        try {
            made.add(TestDatabase.mariadb());
            made.add(TestDatabase.postgres());
            made.add(TestDatabase.mariadb());
            made.add(TestDatabase.postgres());
            ScaleDataset data = new ScaleDataset(made.get(0), made.get(1), made.get(2), made.get(3));
            data.seed();
            return data;
        } catch (RuntimeException | Error e) {
            made.forEach(TestDatabase::close);
            throw e;
        }
    }

    private void seed() {
        hrm.execute("CREATE TABLE employees (emp_no INT PRIMARY KEY, first_name VARCHAR(20) NOT NULL,"
                        + " last_name VARCHAR(20) NOT NULL, hire_date DATE NOT NULL, tenant VARCHAR(4) NOT NULL)",
                "INSERT INTO employees SELECT 10000 + seq, CONCAT('F', seq % 997), CONCAT('L', seq % 1009),"
                        + " DATE_ADD('1985-01-01', INTERVAL (seq * 7919) % 5475 DAY), CONCAT('t', seq % 2) FROM seq_1_to_50000",
                "CREATE INDEX employees_hired ON employees (hire_date)");
        hrs.execute("CREATE TABLE employee_status (emp_no INT PRIMARY KEY, status VARCHAR(10) NOT NULL,"
                        + " tenant VARCHAR(4) NOT NULL)",
                "INSERT INTO employee_status SELECT 10001 + (g * 7) % 50000, CASE WHEN g % 10 < 7 THEN 'active'"
                        + " ELSE 'inactive' END, 't' || ((g / 3) % 2) FROM generate_series(0, 44910) g",
                "ANALYZE employee_status");
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL, tenant VARCHAR(4) NOT NULL)",
                "INSERT INTO customers SELECT seq, CONCAT('Name ', LPAD(seq % 3000, 4, '0')), CONCAT('t', seq % 2)"
                        + " FROM seq_1_to_10000");
        shop.execute("CREATE TABLE orders (order_id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10, 2) NOT NULL,"
                        + " tenant VARCHAR(4) NOT NULL)",
                "INSERT INTO orders SELECT g, 1 + (g * 7919) % 10007, ((g * 37) % 100000) / 100.0, 't' || ((g / 5) % 2)"
                        + " FROM generate_series(1, 100000) g",
                "CREATE INDEX orders_customer ON orders (customer_id)", "ANALYZE orders");
    }

    static List<RelationshipSpec> relationships() {
        return RelationshipsFile.parse("scale-relationships.yml", RELATIONSHIPS);
    }

    WeftRuntime start(AccessSpec access) {
        return start(WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS_IN_MEMORY, access);
    }

    WeftRuntime start(int maxKeysInMemory, AccessSpec access) {
        Map<String, dev.weft.config.ServiceProperties> services = new LinkedHashMap<>();
        services.put("hrm", hrm.propertiesFor("mariadb"));
        services.put("hrs", hrs.propertiesFor("postgres"));
        services.put("crm", crm.propertiesFor("mariadb"));
        services.put("shop", shop.propertiesFor("postgres"));
        return WeftRuntime.start(TestDatabase.services(services), relationships(), maxKeysInMemory, access);
    }

    /** The rows of a query on one database, each as a list of column values: the oracle's side of a test. */
    static List<List<Object>> rows(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("oracle query failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        for (TestDatabase db : List.of(shop, crm, hrs, hrm)) {
            db.close();
        }
    }
}
