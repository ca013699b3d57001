package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;

import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.testing.Closing;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The databases and runtimes of {@link MutationScenarios}, on the engine a subclass names: service {@code shop}
 * (the engine under test) holds {@code accounts} and {@code orders} (a foreign key to accounts); service
 * {@code crm} (H2) holds {@code customers}, linked to accounts by a virtual relationship. The rows are reset
 * before every test:
 *
 * <pre>
 * accounts id   tenant name  balance customer_id     orders id account_id tenant total
 *          1001 t1     alice 100.00  1                      1  1001       t1     5.00
 *          1002 t1     bob    50.00  2                      2  2001       t2     7.00
 *          2001 t2     carol  70.00  1
 *          2002 t2     dave   10.00  -               customers 1 Ada, 2 Bea
 * </pre>
 *
 * <p>Roles of the secured runtime: {@code tenant} (writes its own accounts), {@code reader}, {@code crossdb} (a check
 * through the virtual relationship), {@code upserter} (claims only in the accounts' insert and update permissions),
 * {@code nester} and {@code inserter} (nested inserts of orders with their account,
 * with and without the update permission an upsert needs). {@link MutationScenarios} holds the scenarios.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MutationFixture {
    protected WriteEngine shop;
    protected WriteEngine crm;
    protected WeftRuntime open;
    protected WeftRuntime secured;

    protected abstract WriteEngine.Kind kind();

    @BeforeAll
    void start() {
        shop = WriteEngine.create(kind());
        crm = WriteEngine.create(WriteEngine.Kind.H2);
        shop.execute("CREATE TABLE accounts (id " + shop.identity() + ", tenant_id VARCHAR(8) NOT NULL,"
                        + " name VARCHAR(40) NOT NULL, balance DECIMAL(10,2) DEFAULT 0 NOT NULL, customer_id INT,"
                        + " updated_by VARCHAR(40), CONSTRAINT accounts_name_key UNIQUE (name),"
                        + " CONSTRAINT ck_balance CHECK (balance > -1000))",
                "CREATE TABLE orders (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, tenant_id VARCHAR(8) NOT NULL,"
                        + " total DECIMAL(10,2), CONSTRAINT fk_orders_account FOREIGN KEY (account_id) REFERENCES accounts (id))",
                "CREATE VIEW rich AS SELECT id, name FROM accounts WHERE balance > 60");
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bea')");
        var services = TestDatabase.services(Map.of("shop", shop.properties(), "crm", crm.properties()));
        var relationships = RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: shop, table: accounts, name: customer, type: belongs_to, field: customer_id,
                      ref_service: crm, ref_table: customers, ref_field: id }
                """);
        open = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
        secured = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", """
                        roles:
                          tenant:
                            limits: { max-rows-affected: 3 }
                            shop.accounts:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert:
                                columns: [id, name, balance, customer_id]
                                set: { tenant_id: "@claims.tenant_id" }
                                check: { balance: { _gte: 0 } }
                              update:
                                columns: [balance, name]
                                filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                                check: { balance: { _gte: 0 } }
                                set: { updated_by: "@claims.sub" }
                              delete:
                                filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                            shop.orders:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                            crm.customers:
                          reader:
                            shop.accounts:
                            crm.customers:
                          crossdb:
                            shop.accounts:
                              update: { columns: [customer_id], check: { customer: { name: { _neq: "Bea" } } } }
                            crm.customers:
                          nester:
                            shop.orders:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert: { columns: [id, total], set: { tenant_id: "@claims.tenant_id" } }
                            shop.accounts:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert: { columns: [name, balance], set: { tenant_id: "@claims.tenant_id" } }
                              update:
                                columns: [balance]
                                filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                                check: { balance: { _lt: 500 } }
                            crm.customers:
                          upserter:
                            shop.orders:
                              select: {}
                              insert: { columns: [id, total, tenant_id] }
                            shop.accounts:
                              select: {}
                              insert: { columns: [name, balance], set: { tenant_id: "@claims.tenant_id" } }
                              update: { columns: [balance], set: { updated_by: "@claims.sub" } }
                            crm.customers:
                          inserter:
                            shop.orders:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert: { columns: [id, total], set: { tenant_id: "@claims.tenant_id" } }
                            shop.accounts:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert: { columns: [name, balance], set: { tenant_id: "@claims.tenant_id" } }
                            crm.customers:
                        """));
    }

    @BeforeEach
    void reset() {
        shop.execute("DELETE FROM orders", "DELETE FROM accounts",
                "INSERT INTO accounts (id, tenant_id, name, balance, customer_id) VALUES (1001, 't1', 'alice', 100.00, 1),"
                        + " (1002, 't1', 'bob', 50.00, 2), (2001, 't2', 'carol', 70.00, 1), (2002, 't2', 'dave', 10.00, NULL)",
                "INSERT INTO orders VALUES (1, 1001, 't1', 5.00), (2, 2001, 't2', 7.00)");
    }

    @AfterAll
    void stop() {
        Closing.quietly(open, secured, shop, crm);
    }

    protected Map<String, Object> data(String query) {
        return TenantCalls.data(open, query);
    }

    protected ExecutionResult asTenant(String tenant, String query) {
        return TenantCalls.asTenant(secured, tenant, query);
    }

    /** id -> "tenant/name/balance/updated_by" of every account, read from the database. */
    protected Map<Object, String> accounts() {
        Map<Object, String> rows = new java.util.TreeMap<>();
        shop.rows("SELECT id, tenant_id, name, balance, updated_by FROM accounts").forEach(r -> rows.put(
                ((Number) r.get("id")).intValue(), r.get("tenant_id") + "/" + r.get("name") + "/"
                        + ((BigDecimal) r.get("balance")).setScale(2) + "/" + r.get("updated_by")));
        return rows;
    }

    protected String constraint(String containing) {
        return constraint("ShopAccountsConstraint", containing);
    }

    /** The value of the enum of unique constraints {@code type} whose name contains {@code containing} (in lower case). */
    protected String constraint(String type, String containing) {
        List<Map<String, Object>> values = at(data("{ __type(name: \"" + type + "\") { enumValues { name } } }"),
                "__type.enumValues");
        return values.stream().map(v -> (String) v.get("name")).filter(n -> n.toLowerCase().contains(containing))
                .findFirst().orElseThrow();
    }

    protected Map<Object, String> ofTenant(String tenant) {
        Map<Object, String> rows = new java.util.TreeMap<>();
        accounts().forEach((id, row) -> {
            if (row.startsWith(tenant + "/")) {
                rows.put(id, row);
            }
        });
        return rows;
    }

    protected static List<Object> each(Object list, String field) {
        return ((List<?>) list).stream().map(e -> ((Map<?, ?>) e).get(field)).map(Object.class::cast).toList();
    }
}
