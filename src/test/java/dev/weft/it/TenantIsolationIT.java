package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.config.AccessFile;
import dev.weft.config.ClaimPath;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.security.TokenClaims;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Tenant isolation, randomized: customers in MariaDB, orders in PostgreSQL, joined by virtual
 * relationships both ways; the seed links some orders of one tenant to customers of the other, so a
 * filter missing anywhere would show. Thousands of generated queries (aliases, fragments, variables,
 * {@code where} through relationships, aggregates, nested chains, both execution paths) run for each
 * tenant, and every object they return must belong to that tenant. The seed is fixed, so a failure
 * reproduces; it is printed with the failing query.
 *
 * <p>Three kinds of claims take turns: a string claim ({@code tenant}), list claims in {@code _in} and
 * {@code _nin} as a JSON array and as a PostgreSQL array literal ({@code listed}), and claims of a real
 * HMAC token laid out as Hasura's identity providers issue them ({@code hasura}): under the
 * {@code https://hasura.io/jwt/claims} namespace, with {@code x-hasura-allowed-roles},
 * {@code x-hasura-default-role} and {@code x-hasura-tenant-id} as a string for an INT column, and a
 * top-level {@code tenant_id} of the other tenant as a trap that must not be read.
 */
class TenantIsolationIT {
    private static final int QUERIES_PER_TENANT = 1500;
    private static final String NAMESPACE = "https://hasura.io/jwt/claims";
    private static final String SECRET = "a-secret-of-the-identity-provider-at-least-32-bytes";
    private static TestDatabase crm;
    private static TestDatabase shop;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        crm = TestDatabase.mariadb();
        shop = TestDatabase.postgres();
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, name VARCHAR(40) NOT NULL,"
                + " email VARCHAR(80), tenant_no INT NOT NULL)");
        shop.execute("CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, customer_id INT,"
                + " total NUMERIC(10, 2) NOT NULL, status VARCHAR(10) NOT NULL, tenant_no INT NOT NULL)");
        Random random = new Random(42);
        StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers VALUES ", "");
        for (int id = 1; id <= 60; id++) {
            customers.add("(" + id + ", '" + (id % 2 == 0 ? "t2" : "t1") + "', 'customer " + id + "', 'c" + id + "@example.com', "
                    + (id % 2 == 0 ? 2 : 1) + ")");
        }
        StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders VALUES ", "");
        for (int id = 1; id <= 300; id++) {
            String tenant = id % 2 == 0 ? "t2" : "t1";
            int customer = 1 + random.nextInt(60); // often a customer of the other tenant: the trap
            orders.add("(" + id + ", '" + tenant + "', " + customer + ", " + random.nextInt(1000) + ".50, '"
                    + List.of("new", "paid", "shipped").get(random.nextInt(3)) + "', " + (id % 2 == 0 ? 2 : 1) + ")");
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
                          listed:
                            crm.customers:
                              select: { filter: { tenant_id: { _in: "@claims.tenants" } } }
                            shop.orders:
                              select: { filter: { tenant_id: { _in: "@claims.tenant_set" }, tenant_no: { _nin: "@claims.other_nos" } } }
                          hasura:
                            crm.customers:
                              select: { filter: { tenant_no: { _eq: "@claims.X-Hasura-Tenant-Id" } } }
                            shop.orders:
                              select: { filter: { tenant_no: { _eq: "@claims.x-hasura-tenant-id" } } }
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
            List<Caller> callers = callers(tenant);
            for (int i = 0; i < QUERIES_PER_TENANT; i++) {
                Generated q = generate(random);
                Caller caller = callers.get(i % callers.size());
                ExecutionResult result = i % 4 == 0 ? weft.executeFieldByField(q.text(), q.variables(), caller)
                        : weft.execute(q.text(), q.variables(), caller);
                assertThat(result.getErrors()).as("errors of %s %s as %s", q.text(), q.variables(), caller).isEmpty();
                objects += checkTenant(result.getData(), tenant, q);
            }
        }
        System.out.println("[TenantIsolationIT] " + 2 * QUERIES_PER_TENANT + " queries, " + objects
                + " objects checked, none of the other tenant");
        assertThat(objects).isGreaterThan(10_000);
    }

    @Test
    void aNamespacedTokenLeavesItsTopLevelClaimsOutOfReach() {
        // the token's top-level tenant_id is the other tenant's: the role that reads it finds no such claim
        Caller hasura = tokenCaller("t1");
        Caller asTenant = new Caller("tenant", hasura.claims());
        for (ExecutionResult result : List.of(weft.execute("{ crm_customers { id tenant_id } }", Map.of(), asTenant),
                weft.executeFieldByField("{ crm_customers { id tenant_id } }", Map.of(), asTenant))) {
            assertThat(result.getErrors()).hasSize(1);
            assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
            assertThat(result.getErrors().get(0).getMessage()).contains("no claim 'tenant_id'");
            assertThat(result.isDataPresent()).as("a missing claim fails the request, as Hasura does").isFalse();
        }
        assertThat(hasura.claims()).containsEntry("sub", "user-of-t1").doesNotContainKey("tenant_id");
    }

    @Test
    void aClaimThatANestedRowFilterNeedsFailsTheWholeRequest() {
        // role 'listed' reads customers by 'tenants' and orders by 'tenant_set' and 'other_nos': this caller lacks the latter
        Caller partial = new Caller("listed", Map.of("tenants", List.of("t1")));
        String query = "{ crm_customers(order_by: [{id: asc}], limit: 2) { id orders(limit: 1) { id } } }";
        for (ExecutionResult result : List.of(weft.execute(query, Map.of(), partial), weft.executeFieldByField(query, Map.of(), partial))) {
            assertThat(result.isDataPresent()).as("no data at all, not customers with null orders").isFalse();
            assertThat(result.getErrors()).hasSize(1);
            assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
            assertThat(result.getErrors().get(0).getPath()).containsExactly("crm_customers", "orders");
            assertThat(result.getErrors().get(0).getMessage()).contains("no claim 'tenant_set'");
        }
        ExecutionResult without = weft.execute("{ crm_customers(order_by: [{id: asc}], limit: 2) { id } }", Map.of(), partial);
        assertThat(without.getErrors()).as("the claims of the tables it reads are all there").isEmpty();
        assertThat(GraphqlAssertions.<List<?>>at(without.getData(), "crm_customers")).hasSize(2);
    }

    /** The callers of one tenant: by a string claim, by list claims, by the claims of a namespaced token. */
    private static List<Caller> callers(String tenant) {
        String other = tenant.equals("t1") ? "t2" : "t1";
        Map<String, Object> listed = Map.of("tenants", List.of(tenant, "t9"), "tenant_set", "{" + tenant + ", \"t 9\"}",
                "other_nos", "{" + other.substring(1) + "}");
        return List.of(new Caller("tenant", Map.of("tenant_id", tenant)), new Caller("listed", listed), tokenCaller(tenant));
    }

    /**
     * The caller of a real HS256 token as an identity provider issues it for Hasura: string claims under
     * the namespace, verified by Spring Security's decoder and read as the server reads them ({@link TokenClaims}),
     * acting as its default role.
     */
    private static Caller tokenCaller(String tenant) {
        String other = tenant.equals("t1") ? "t2" : "t1";
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user-of-" + tenant).issuer("https://idp.example")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim(NAMESPACE, Map.of("x-hasura-allowed-roles", List.of("tenant", "hasura"),
                        "x-hasura-default-role", "hasura", "x-hasura-tenant-id", tenant.substring(1)))
                .claim("tenant_id", other)
                .build();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            token.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            Jwt verified = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                    .build().decode(token.serialize());
            TokenClaims read = new TokenClaims(ClaimPath.parse("x-hasura-allowed-roles"), ClaimPath.key(NAMESPACE),
                    ClaimPath.parse("x-hasura-default-role"));
            Map<String, Object> callerClaims = read.claims(verified.getClaims());
            List<String> roles = read.roles(callerClaims, weft.securityModel().roles().keySet());
            assertThat(roles).containsExactly("hasura", "tenant"); // the default role first
            return new Caller(roles.get(0), callerClaims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aggregatesCountOnlyTheCallersRows() {
        for (String tenant : List.of("t1", "t2")) {
            for (Caller caller : callers(tenant)) {
                Map<String, Object> data = weft.execute("{ shop_orders_aggregate { aggregate { count } } "
                        + "crm_customers_aggregate { aggregate { count } } }", Map.of(), caller).getData();
                assertThat(data.toString()).as("%s", caller).contains("count=150").contains("count=30");
            }
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
