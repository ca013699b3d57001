package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, randomized: customers in MariaDB, orders in PostgreSQL, joined by virtual
 * relationships both ways; the seed links some orders of one tenant to customers of the other, so a
 * filter missing anywhere would show. Thousands of generated queries (aliases, fragments, variables,
 * {@code where} through relationships, aggregates, nested chains, both execution paths) run for each
 * tenant, and every object they return must belong to that tenant. The seed is fixed, so a failure
 * reproduces; it is printed with the failing query.
 */
class TenantIsolationIT {
    private static final int QUERIES_PER_TENANT = 1500;
    private static TestDatabase crm;
    private static TestDatabase shop;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        crm = TestDatabase.mariadb();
        shop = TestDatabase.postgres();
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, name VARCHAR(40) NOT NULL,"
                + " email VARCHAR(80))");
        shop.execute("CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, customer_id INT,"
                + " total NUMERIC(10, 2) NOT NULL, status VARCHAR(10) NOT NULL)");
        Random random = new Random(42);
        StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers VALUES ", "");
        for (int id = 1; id <= 60; id++) {
            customers.add("(" + id + ", '" + (id % 2 == 0 ? "t2" : "t1") + "', 'customer " + id + "', 'c" + id + "@example.com')");
        }
        StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders VALUES ", "");
        for (int id = 1; id <= 300; id++) {
            String tenant = id % 2 == 0 ? "t2" : "t1";
            int customer = 1 + random.nextInt(60); // often a customer of the other tenant: the trap
            orders.add("(" + id + ", '" + tenant + "', " + customer + ", " + random.nextInt(1000) + ".50, '"
                    + List.of("new", "paid", "shipped").get(random.nextInt(3)) + "')");
        }
        crm.execute(customers.toString());
        shop.execute(orders.toString());
        weft = WeftRuntime.start(TestDatabase.services(Map.of("crm", crm.propertiesFor("mariadb"),
                        "shop", shop.propertiesFor("postgres"))),
                RelationshipsFile.parse("relationships.yml", """
                        relationships:
                          - { service: crm, table: customers, name: orders, type: has_many, field: id,
                              ref_service: shop, ref_table: orders, ref_field: customer_id }
                          - { service: shop, table: orders, name: customer, type: belongs_to, field: customer_id,
                              ref_service: crm, ref_table: customers, ref_field: id }
                        """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", """
                        roles:
                          tenant:
                            crm.customers:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                            shop.orders:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                        """));
    }

    @AfterAll
    static void stop() {
        weft.close();
        crm.close();
        shop.close();
    }

    @Test
    void noQueryReturnsARowOfTheOtherTenant() {
        Random random = new Random(7);
        int objects = 0;
        for (String tenant : List.of("t1", "t2")) {
            Caller caller = new Caller("tenant", Map.of("tenant_id", tenant));
            for (int i = 0; i < QUERIES_PER_TENANT; i++) {
                Generated q = generate(random);
                ExecutionResult result = i % 4 == 0 ? weft.executeFieldByField(q.text(), q.variables(), caller)
                        : weft.execute(q.text(), q.variables(), caller);
                assertThat(result.getErrors()).as("errors of %s %s", q.text(), q.variables()).isEmpty();
                objects += checkTenant(result.getData(), tenant, q);
            }
        }
        System.out.println("[TenantIsolationIT] " + 2 * QUERIES_PER_TENANT + " queries, " + objects
                + " objects checked, none of the other tenant");
        assertThat(objects).isGreaterThan(10_000);
    }

    @Test
    void aggregatesCountOnlyTheCallersRows() {
        for (String tenant : List.of("t1", "t2")) {
            Caller caller = new Caller("tenant", Map.of("tenant_id", tenant));
            Map<String, Object> data = weft.execute("{ shop_orders_aggregate { aggregate { count } } "
                    + "crm_customers_aggregate { aggregate { count } } }", Map.of(), caller).getData();
            assertThat(data.toString()).contains("count=150").contains("count=30");
        }
    }

    private record Generated(String text, Map<String, Object> variables) {
    }

    /** A random query over both tables, always selecting tenant_id wherever an object is returned. */
    private static Generated generate(Random random) {
        List<String> roots = new ArrayList<>();
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        int fields = 1 + random.nextInt(3);
        boolean fragment = random.nextBoolean();
        for (int f = 0; f < fields; f++) {
            String alias = "a" + f + ": ";
            int variable = random.nextInt(1000);
            String name = "v" + f;
            switch (random.nextInt(6)) {
                case 0 -> {
                    declarations.add("$" + name + ": BigDecimal");
                    variables.put(name, new java.math.BigDecimal(variable));
                    roots.add(alias + "crm_customers(where: {orders: {total: {_gt: $" + name + "}}}, limit: "
                            + (1 + random.nextInt(20)) + ") { ...C orders(order_by: [{total: desc}], limit: 3) { ...O } }");
                }
                case 1 -> roots.add(alias + "shop_orders(where: {customer: {name: {_like: \"customer " + random.nextInt(6)
                        + "%\"}}}, order_by: [{customer: {name: asc}}, {id: asc}]) { ...O customer { ...C orders { ...O } } }");
                case 2 -> {
                    declarations.add("$" + name + ": Int!");
                    variables.put(name, 1 + random.nextInt(60));
                    roots.add(alias + "crm_customers_by_pk(id: $" + name + ") { ...C orders_aggregate { aggregate { count }"
                            + " nodes { ...O } } }");
                }
                case 3 -> roots.add(alias + "shop_orders_aggregate(where: {_or: [{status: {_eq: \"paid\"}},"
                        + " {customer: {id: {_lt: " + random.nextInt(60) + "}}}]}) { aggregate { count } nodes { ...O customer { ...C } } }");
                case 4 -> roots.add(alias + "crm_customers(where: {_not: {orders: {status: {_eq: \"new\"}}}}) { ...C"
                        + " orders(where: {customer: {}}) { ...O customer { ...C } } }");
                default -> roots.add(alias + "shop_orders(limit: " + (1 + random.nextInt(40)) + ", offset: "
                        + random.nextInt(20) + ") { ...O customer { ...C orders(limit: 2) { ...O } } }");
            }
        }
        String header = declarations.isEmpty() ? "query" : "query(" + String.join(", ", declarations) + ")";
        String text = header + " { " + String.join(" ", roots) + " }"
                + " fragment C on CrmCustomers { id tenant_id name } fragment O on ShopOrders { id tenant_id total }";
        if (!fragment) {
            text = text.replace("...C", "id tenant_id name").replace("...O", "id tenant_id total")
                    .replace(" fragment C on CrmCustomers { id tenant_id name } fragment O on ShopOrders { id tenant_id total }", "");
        }
        return new Generated(text, variables);
    }

    /** Walks the response: every object with a tenant_id must be the caller's; returns how many were checked. */
    @SuppressWarnings("unchecked")
    private static int checkTenant(Object value, String tenant, Generated q) {
        int checked = 0;
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("tenant_id")) {
                assertThat(map.get("tenant_id")).as("tenant of %s in %s %s", map, q.text(), q.variables()).isEqualTo(tenant);
                checked++;
            }
            for (Object child : map.values()) {
                checked += checkTenant(child, tenant, q);
            }
        } else if (value instanceof List<?> list) {
            for (Object child : list) {
                checked += checkTenant(child, tenant, q);
            }
        }
        return checked;
    }
}
