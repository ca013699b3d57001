package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.testing.CompactJson;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three databases on the two real servers, joined only by relationships.yml:
 * <ul>
 *   <li>{@code crm}, MariaDB: {@code customers}, {@code carriers}, and {@code watchlist} (the junction of a
 *       many_to_many whose junction service defaults to its ref_service);</li>
 *   <li>{@code shop}, PostgreSQL: {@code orders}, {@code products}, {@code loyalty}, {@code accounts}
 *       (composite key), {@code legacy} (INTEGER key against crm's VARCHAR {@code code}) and
 *       {@code regions} (CHAR(6) key against crm's VARCHAR(6) {@code region});</li>
 *   <li>{@code ware}, a second MariaDB database: {@code shipments} (closing the chain crm to shop to ware to crm)
 *       and {@code favourites}, the junction between crm's customers and shop's products, in a third place.</li>
 * </ul>
 * No table has a foreign key, so every relationship field comes from {@link #RELATIONSHIPS}.
 *
 * <pre>
 * customers (crm)                                   orders (shop)
 * id name score code  region acct_region acct_no    id  customer total  status
 * 1  Ada  90    '7'   north  EU          1          101 1        250.00 paid
 * 2  Bob  null  '007' south  EU          2          102 1        620.50 paid
 * 3  Cy   75    'abc' east   US          1          103 1         80.00 open
 * 4  Dee  60    '8'   null   US          2          104 1        999.99 paid
 * 5  Eve  null  null  west   null        null       105 2        510.00 open
 * 6  Fay  80    '9'   north  EU          null       106 2         20.00 paid
 *                                                   107 3        300.00 paid
 * shipments (ware)                                  108 4         45.00 paid
 * id  order carrier recipient status                109 99       700.00 paid   (no customer 99)
 * 501 101   1       1         delivered
 * 502 102   2       1         lost                  accounts (shop): (EU,1) eu-one, (EU,2) eu-two, (US,1) us-one, (US,3) us-three
 * 503 102   1       2         delivered             loyalty (shop): customer 1: 120, 3: 40, 6: 0
 * 504 105   null    2         pending               legacy (shop): 7 seven, 8 eight, 10 ten
 * 505 107   2       3         lost                  regions (shop, CHAR(6)): north, south, east, far
 * 506 109   1       4         delivered             products (shop): P1 Lamp 30.00, P2 Desk 250.00, P3 Chair 99.00, P4 Rug null
 * carriers (crm): 1 Swift, 2 Slow                    favourites (ware): 1-P1, 1-P2, 2-P1, 3-P3, 3-P9, 7-P2 (P9 and 7 dangle)
 *                                                   watchlist (crm): 4-P4, 5-P4, 6-P1, 4-P1
 * </pre>
 */
final class CrossDatabaseFixture implements AutoCloseable {
    static final String RELATIONSHIPS = """
            relationships:
              # MariaDB (crm) -> PostgreSQL (shop)
              - service: crm
                table: customers
                name: orders
                type: has_many
                field: id
                ref_service: shop
                ref_table: orders
                ref_field: customer_id
              - service: crm
                table: customers
                name: loyalty
                type: has_one
                field: id
                ref_service: shop
                ref_table: loyalty
                ref_field: customer_id
              - service: crm
                table: customers
                name: account
                type: belongs_to
                field: [acct_region, acct_no]
                ref_service: shop
                ref_table: accounts
                ref_field: [region, number]
              - service: crm
                table: customers
                name: favourites
                type: many_to_many
                field: id
                ref_service: shop
                ref_table: products
                ref_field: sku
                junction_service: ware
                junction_table: favourites
                junction_field: customer_id
                junction_ref_field: sku
              - service: crm
                table: customers
                name: legacy
                type: belongs_to
                field: code
                ref_service: shop
                ref_table: legacy
                ref_field: id
              - service: crm
                table: customers
                name: home_region
                type: belongs_to
                field: region
                ref_service: shop
                ref_table: regions
                ref_field: code
              # PostgreSQL (shop) -> MariaDB (crm, ware)
              - service: shop
                table: orders
                name: customer
                type: belongs_to
                field: customer_id
                ref_service: crm
                ref_table: customers
                ref_field: id
              - service: shop
                table: orders
                name: shipments
                type: has_many
                field: id
                ref_service: ware
                ref_table: shipments
                ref_field: order_id
              - service: shop
                table: accounts
                name: holder
                type: has_one
                field: [region, number]
                ref_service: crm
                ref_table: customers
                ref_field: [acct_region, acct_no]
              - service: shop
                table: products
                name: fans
                type: many_many
                field: sku
                ref_service: crm
                ref_table: customers
                ref_field: id
                junction_service: ware
                junction_table: favourites
                junction_field: sku
                junction_ref_field: customer_id
              - service: shop
                table: products
                name: watchers
                type: many_to_many
                field: sku
                ref_service: crm
                ref_table: customers
                ref_field: id
                junction_table: watchlist
                junction_field: product_sku
                junction_ref_field: customer_id
              - service: shop
                table: legacy
                name: customers
                type: has_many
                field: id
                ref_service: crm
                ref_table: customers
                ref_field: code
              - service: shop
                table: regions
                name: customers
                type: has_many
                field: code
                ref_service: crm
                ref_table: customers
                ref_field: region
              # ware (second MariaDB database) -> crm and shop
              - service: ware
                table: shipments
                name: carrier
                type: belongs_to
                field: carrier_id
                ref_service: crm
                ref_table: carriers
                ref_field: id
              - service: ware
                table: shipments
                name: recipient
                type: belongs_to
                field: recipient_id
                ref_service: crm
                ref_table: customers
                ref_field: id
              - service: ware
                table: shipments
                name: order
                type: belongs_to
                field: order_id
                ref_service: shop
                ref_table: orders
                ref_field: id
            """;

    final TestDatabase crm;
    final TestDatabase shop;
    final TestDatabase ware;

    private CrossDatabaseFixture(TestDatabase crm, TestDatabase shop, TestDatabase ware) {
        this.crm = crm;
        this.shop = shop;
        this.ware = ware;
    }

    static CrossDatabaseFixture create() {
        TestDatabase crm = TestDatabase.mariadb();
        TestDatabase shop = null;
        TestDatabase ware = null;
        try {
            shop = TestDatabase.postgres();
            ware = TestDatabase.mariadb();
            CrossDatabaseFixture fixture = new CrossDatabaseFixture(crm, shop, ware);
            fixture.seed();
            return fixture;
        } catch (RuntimeException | Error e) {
            for (TestDatabase db : new TestDatabase[] {ware, shop, crm}) {
                if (db != null) {
                    db.close();
                }
            }
            throw e;
        }
    }

    private void seed() {
        crm.execute(
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, score INT NULL, "
                        + "code VARCHAR(10) NULL, region VARCHAR(6) NULL, acct_region VARCHAR(4) NULL, acct_no INT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 90, '7', 'north', 'EU', 1), (2, 'Bob', NULL, '007', 'south', 'EU', 2), "
                        + "(3, 'Cy', 75, 'abc', 'east', 'US', 1), (4, 'Dee', 60, '8', NULL, 'US', 2), "
                        + "(5, 'Eve', NULL, NULL, 'west', NULL, NULL), (6, 'Fay', 80, '9', 'north', 'EU', NULL)",
                "CREATE TABLE carriers (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO carriers VALUES (1, 'Swift'), (2, 'Slow')",
                "CREATE TABLE watchlist (customer_id INT NOT NULL, product_sku VARCHAR(10) NOT NULL, "
                        + "PRIMARY KEY (customer_id, product_sku))",
                "INSERT INTO watchlist VALUES (4, 'P4'), (5, 'P4'), (6, 'P1'), (4, 'P1')");
        shop.execute(
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10, 2) NOT NULL, "
                        + "status VARCHAR(10) NOT NULL)",
                "INSERT INTO orders VALUES (101, 1, 250.00, 'paid'), (102, 1, 620.50, 'paid'), (103, 1, 80.00, 'open'), "
                        + "(104, 1, 999.99, 'paid'), (105, 2, 510.00, 'open'), (106, 2, 20.00, 'paid'), "
                        + "(107, 3, 300.00, 'paid'), (108, 4, 45.00, 'paid'), (109, 99, 700.00, 'paid')",
                "CREATE TABLE products (sku VARCHAR(10) PRIMARY KEY, name VARCHAR(30) NOT NULL, price NUMERIC(10, 2))",
                "INSERT INTO products VALUES ('P1', 'Lamp', 30.00), ('P2', 'Desk', 250.00), ('P3', 'Chair', 99.00), "
                        + "('P4', 'Rug', NULL)",
                "CREATE TABLE loyalty (customer_id INT PRIMARY KEY, points INT NOT NULL)",
                "INSERT INTO loyalty VALUES (1, 120), (3, 40), (6, 0)",
                "CREATE TABLE accounts (region VARCHAR(4) NOT NULL, number BIGINT NOT NULL, label VARCHAR(20) NOT NULL, "
                        + "PRIMARY KEY (region, number))",
                "INSERT INTO accounts VALUES ('EU', 1, 'eu-one'), ('EU', 2, 'eu-two'), ('US', 1, 'us-one'), ('US', 3, 'us-three')",
                "CREATE TABLE legacy (id INTEGER PRIMARY KEY, note VARCHAR(20) NOT NULL)",
                "INSERT INTO legacy VALUES (7, 'seven'), (8, 'eight'), (10, 'ten')",
                "CREATE TABLE regions (code CHAR(6) PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO regions VALUES ('north', 'North'), ('south', 'South'), ('east', 'East'), ('far', 'Far')");
        ware.execute(
                "CREATE TABLE shipments (id INT PRIMARY KEY, order_id INT NOT NULL, carrier_id INT NULL, "
                        + "recipient_id INT NOT NULL, status VARCHAR(10) NOT NULL)",
                "INSERT INTO shipments VALUES (501, 101, 1, 1, 'delivered'), (502, 102, 2, 1, 'lost'), "
                        + "(503, 102, 1, 2, 'delivered'), (504, 105, NULL, 2, 'pending'), (505, 107, 2, 3, 'lost'), "
                        + "(506, 109, 1, 4, 'delivered')",
                "CREATE TABLE favourites (customer_id INT NOT NULL, sku VARCHAR(10) NOT NULL, PRIMARY KEY (customer_id, sku))",
                "INSERT INTO favourites VALUES (1, 'P1'), (1, 'P2'), (2, 'P1'), (3, 'P3'), (3, 'P9'), (7, 'P2')");
    }

    static List<RelationshipSpec> relationships() {
        return RelationshipsFile.parse("cross-database-relationships.yml", RELATIONSHIPS);
    }

    /** The three services, each with its real server's properties as changed by {@code change}. */
    List<ServiceSettings> services(java.util.function.BiFunction<String, ServiceProperties, ServiceProperties> change) {
        Map<String, ServiceProperties> properties = new LinkedHashMap<>();
        properties.put("crm", change.apply("crm", crm.propertiesFor("mariadb")));
        properties.put("shop", change.apply("shop", shop.propertiesFor("postgres")));
        properties.put("ware", change.apply("ware", ware.propertiesFor("mariadb")));
        return TestDatabase.services(properties);
    }

    WeftRuntime start(int crossSourceMaxKeys) {
        return WeftRuntime.start(services((name, p) -> p), relationships(), crossSourceMaxKeys);
    }

    /**
     * Runs the query with the direct executor and field by field (graphql-java with DataLoaders),
     * checks that both give the same response, and returns the direct one.
     */
    static ExecutionResult both(WeftRuntime weft, String query) {
        return both(weft, query, Map.of());
    }

    static ExecutionResult both(WeftRuntime weft, String query, Map<String, Object> variables) {
        ExecutionResult direct = weft.execute(query, variables);
        ExecutionResult fieldByField = weft.executeFieldByField(query, variables);
        // errors of sibling fields that fail concurrently arrive in either order: compare them as a multiset
        Map<String, Object> a = new LinkedHashMap<>(direct.toSpecification());
        Map<String, Object> b = new LinkedHashMap<>(fieldByField.toSpecification());
        @SuppressWarnings("unchecked")
        List<Object> aErrors = (List<Object>) a.remove("errors");
        @SuppressWarnings("unchecked")
        List<Object> bErrors = (List<Object>) b.remove("errors");
        assertThat(a).as("direct execution against field-by-field execution of %s", query).isEqualTo(b);
        assertThat(aErrors == null ? List.of() : aErrors).as("errors of direct against field-by-field execution of %s", query)
                .containsExactlyInAnyOrderElementsOf(bErrors == null ? List.of() : bErrors);
        return direct;
    }

    /** Both executions give no errors and exactly this data (compact JSON, keys in response order). */
    static void assertData(WeftRuntime weft, String query, String expectedJson) {
        ExecutionResult result = both(weft, query);
        assertThat(result.getErrors()).as("errors of %s", query).isEmpty();
        assertThat(CompactJson.write(result.getData())).as(query).isEqualTo(CompactJson.compact(expectedJson));
    }

    @Override
    public void close() {
        try {
            ware.close();
        } finally {
            try {
                shop.close();
            } finally {
                crm.close();
            }
        }
    }
}
