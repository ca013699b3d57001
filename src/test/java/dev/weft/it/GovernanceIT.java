package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exact governance on PostgreSQL and MariaDB, with SQL as the oracle: {@code max-limit} caps the rows
 * returned but never what {@code aggregate} computes; {@code _by_pk} exists only for roles that see the
 * whole key unmasked; claims are read as tokens carry them (strings for numbers, booleans, dates and
 * timestamps; lists as JSON arrays or PostgreSQL array literals in {@code _in}/{@code _nin}; Hasura's
 * {@code x-hasura-*} names in any case), and a claim that cannot be read is FORBIDDEN with a clear message.
 * Every query runs on both execution paths.
 */
class GovernanceIT {
    private static final int CUSTOMERS = 2000;
    private static final int TENANT_ONE = 1250;
    private static final String ACCESS = """
            roles:
              capped:
                limits: { max-limit: 100 }
                gov.customers:
                  select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                gov.orders:
                gov.tags:
                gov.customer_tags:
              nokey:
                gov.customers:
                  select: { columns: [name, region] }
              maskedkey:
                gov.customers:
                  select: { columns: [id, name] }
                  mask: { id: redact }
              keyed:
                gov.customers:
                  select: { columns: [id, name] }
              typed:
                gov.customers:
                  select:
                    filter:
                      tenant_id: { _eq: "@claims.X-Hasura-Tenant-Id" }
                      big: { _gte: "@claims.big" }
                      credit: { _gte: "@claims.credit" }
                      vip: { _eq: "@claims.vip" }
                      since: { _gte: "@claims.since" }
                      seen: { _lt: "@claims.seen" }
                      region: { _in: "@claims.regions" }
                      id: { _nin: "@claims.banned" }
              listed:
                gov.customers:
                  select: { filter: { id: { _in: ["@claims.first", "@claims.more", 7] } } }
            """;
    private static final Map<TestDatabase.Server, Fixture> FIXTURES = new EnumMap<>(TestDatabase.Server.class);

    private record Fixture(TestDatabase db, WeftRuntime weft) {
    }

    @BeforeAll
    static void start() {
        for (TestDatabase.Server server : List.of(TestDatabase.Server.POSTGRES, TestDatabase.Server.MARIADB)) {
            TestDatabase db = TestDatabase.create(server);
            boolean postgres = server == TestDatabase.Server.POSTGRES;
            db.execute("CREATE TABLE customers (id INT PRIMARY KEY, tenant_id INT NOT NULL, region VARCHAR(8) NOT NULL,"
                            + " name VARCHAR(40) NOT NULL, credit NUMERIC(12, 2) NOT NULL, vip BOOLEAN NOT NULL, since DATE NOT NULL,"
                            + " seen " + (postgres ? "TIMESTAMP" : "DATETIME") + " NOT NULL, big BIGINT NOT NULL)",
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, amount NUMERIC(10, 2) NOT NULL,"
                            + " FOREIGN KEY (customer_id) REFERENCES customers (id))",
                    "CREATE TABLE tags (id INT PRIMARY KEY, weight INT NOT NULL)",
                    "CREATE TABLE customer_tags (customer_id INT NOT NULL, tag_id INT NOT NULL, PRIMARY KEY (customer_id, tag_id))");
            StringJoiner tags = new StringJoiner(", ", "INSERT INTO tags VALUES ", "");
            StringJoiner links = new StringJoiner(", ", "INSERT INTO customer_tags VALUES ", "");
            for (int id = 1; id <= 300; id++) {
                tags.add("(" + id + ", " + id % 7 + ")");
                links.add("(1, " + id + ")");
            }
            db.execute(tags.toString(), links.toString());
            StringJoiner customers = new StringJoiner(", ", "INSERT INTO customers VALUES ", "");
            for (int id = 1; id <= CUSTOMERS; id++) {
                customers.add("(" + id + ", " + (id <= TENANT_ONE ? 1 : 2) + ", '" + List.of("north", "south", "east").get(id % 3)
                        + "', 'customer " + id + "', " + (id * 37 % 1000) + ".25, " + (id % 5 == 0) + ", '"
                        + LocalDate.of(2020, 1, 1).plusDays(id % 400) + "', '"
                        + LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(id * 7L).toString().replace('T', ' ') + "', "
                        + (5_000_000_000L + id % 4) + ")");
            }
            StringJoiner orders = new StringJoiner(", ", "INSERT INTO orders VALUES ", "");
            for (int id = 1; id <= 900; id++) {
                orders.add("(" + id + ", " + (id <= 600 ? 1 : 1300) + ", " + (id % 97) + ".10)");
            }
            db.execute(customers.toString(), orders.toString());
            WeftRuntime weft = WeftRuntime.start(TestDatabase.services(Map.of("gov", db.propertiesFor(db.defaultKind()))),
                    RelationshipsFile.parse("relationships.yml", """
                            relationships:
                              - { service: gov, table: customers, name: tags, type: many_to_many, field: id,
                                  ref_service: gov, ref_table: tags, ref_field: id,
                                  junction_table: customer_tags, junction_field: customer_id, junction_ref_field: tag_id }
                            """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, AccessFile.parse("access.yml", ACCESS));
            FIXTURES.put(server, new Fixture(db, weft));
        }
    }

    @AfterAll
    static void stop() {
        FIXTURES.values().forEach(f -> {
            f.weft().close();
            f.db().close();
        });
    }

    // ---- max-limit caps rows returned, never what aggregate computes

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void maxLimitDoesNotCutWhatAnAggregateComputes(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        List<Object> sql = sqlRow(f, "SELECT COUNT(*), SUM(credit) FROM customers WHERE tenant_id = ?", 1);
        assertThat(((Number) sql.get(0)).longValue()).isEqualTo(TENANT_ONE);
        for (var run : paths(f, capped())) {
            Map<String, Object> data = data(run.apply("{ gov_customers_aggregate { aggregate { count sum { credit } } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers_aggregate.aggregate.count")).longValue()).isEqualTo(TENANT_ONE);
            assertThat((BigDecimal) at(data, "gov_customers_aggregate.aggregate.sum.credit")).isEqualByComparingTo((BigDecimal) sql.get(1));

            data = data(run.apply("{ gov_customers_aggregate(order_by: [{id: asc}]) { aggregate { count } nodes { id } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers_aggregate.aggregate.count")).longValue()).isEqualTo(TENANT_ONE);
            assertThat(ids(at(data, "gov_customers_aggregate.nodes"))).hasSize(100).startsWith(1, 2, 3).endsWith(100);

            data = data(run.apply("{ gov_customers_aggregate(offset: 1200) { aggregate { count } nodes { id } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers_aggregate.aggregate.count")).longValue()).isEqualTo(50);
            assertThat(ids(at(data, "gov_customers_aggregate.nodes"))).hasSize(50);

            // the caller's own limit still bounds what the aggregate computes (Hasura's semantics); without nodes it may exceed max-limit
            data = data(run.apply("{ gov_customers_aggregate(limit: 500) { aggregate { count } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers_aggregate.aggregate.count")).longValue()).isEqualTo(500);
            assertThat(codes(run.apply("{ gov_customers_aggregate(limit: 500) { aggregate { count } nodes { id } } }", Map.of())))
                    .containsExactly("BAD_USER_INPUT");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void maxLimitCapsListsAndNodesOfRelationships(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        List<Object> sql = sqlRow(f, "SELECT COUNT(*), SUM(amount) FROM orders WHERE customer_id = ?", 1);
        for (var run : paths(f, capped())) {
            assertThat(ids(at(data(run.apply("{ gov_customers(order_by: [{id: asc}]) { id } }", Map.of())), "gov_customers")))
                    .hasSize(100);
            assertThat(codes(run.apply("{ gov_customers(limit: 101) { id } }", Map.of()))).containsExactly("BAD_USER_INPUT");
            Map<String, Object> data = data(run.apply("{ gov_customers(where: {id: {_eq: 1}}) { orders { id }"
                    + " orders_aggregate { aggregate { count sum { amount } } nodes { id } } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers.0.orders_aggregate.aggregate.count")).longValue())
                    .isEqualTo(((Number) sql.get(0)).longValue()).isEqualTo(600);
            assertThat((BigDecimal) at(data, "gov_customers.0.orders_aggregate.aggregate.sum.amount"))
                    .isEqualByComparingTo((BigDecimal) sql.get(1));
            assertThat(ids(at(data, "gov_customers.0.orders_aggregate.nodes"))).hasSize(100);
            assertThat(ids(at(data, "gov_customers.0.orders"))).hasSize(100);

            // through a junction the aggregate is computed from the rows: all of them, the nodes cut
            data = data(run.apply("{ gov_customers(where: {id: {_eq: 1}}) { tags { id }"
                    + " tags_aggregate { aggregate { count sum { weight } } nodes { id } } } }", Map.of()));
            assertThat(((Number) at(data, "gov_customers.0.tags_aggregate.aggregate.count")).longValue()).isEqualTo(300);
            assertThat(((Number) at(data, "gov_customers.0.tags_aggregate.aggregate.sum.weight")).longValue())
                    .isEqualTo(((Number) sqlRow(f, "SELECT SUM(weight) FROM tags").get(0)).longValue());
            assertThat(ids(at(data, "gov_customers.0.tags_aggregate.nodes"))).hasSize(100);
            assertThat(ids(at(data, "gov_customers.0.tags"))).hasSize(100);
        }
    }

    // ---- _by_pk only for roles that see the whole key, unmasked

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void byPkNeedsEveryKeyColumnUnmasked(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        for (String role : List.of("nokey", "maskedkey")) {
            for (var run : paths(f, new Caller(role, Map.of()))) {
                ExecutionResult probe = run.apply("{ gov_customers_by_pk(id: 1) { name } }", Map.of());
                assertThat(codes(probe)).as(role).containsExactly("GRAPHQL_VALIDATION_FAILED");
                assertThat((Object) probe.getData()).isNull();
                assertThat(rootFields(run)).as(role).contains("gov_customers", "gov_customers_aggregate")
                        .doesNotContain("gov_customers_by_pk");
            }
        }
        for (var run : paths(f, new Caller("keyed", Map.of()))) {
            assertThat(rootFields(run)).contains("gov_customers_by_pk");
            assertThat((Object) at(data(run.apply("{ gov_customers_by_pk(id: 3) { name } }", Map.of())), "gov_customers_by_pk.name"))
                    .isEqualTo("customer 3");
        }
    }

    // ---- claims as tokens carry them

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void stringClaimsAreReadAsTheColumnsTypesAndListClaimsWorkInIn(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        List<Object> expected = sqlIds(f, "SELECT id FROM customers WHERE tenant_id = ? AND big >= ? AND credit >= ? AND vip = ?"
                        + " AND since >= ? AND seen < ? AND region IN (?, ?) AND id NOT IN (?, ?, ?) ORDER BY id",
                1, 5_000_000_002L, new BigDecimal("500.25"), false, LocalDate.of(2020, 6, 1),
                LocalDateTime.of(2024, 1, 5, 12, 0), "north", "east", 4, 8, 13);
        assertThat(expected).hasSizeGreaterThan(20);
        Map<String, Object> hasura = typedClaims();
        hasura.put("regions", "{north, \"east\"}");      // a PostgreSQL array literal, as Hasura sends lists
        hasura.put("banned", "{4,8,13}");
        Map<String, Object> json = typedClaims();
        json.put("regions", List.of("north", "east"));  // a JSON array
        json.put("banned", List.of("4", 8, "13"));
        for (Map<String, Object> claims : List.of(hasura, json)) {
            for (var run : paths(f, new Caller("typed", claims))) {
                Map<String, Object> data = data(run.apply("{ gov_customers(order_by: [{id: asc}]) { id } "
                        + "gov_customers_aggregate { aggregate { count } } }", Map.of()));
                assertThat(ids(at(data, "gov_customers"))).as("%s", claims).containsExactlyElementsOf(expected);
                assertThat(((Number) at(data, "gov_customers_aggregate.aggregate.count")).longValue()).isEqualTo(expected.size());
            }
        }
        for (var run : paths(f, new Caller("listed", Map.of("first", "3", "more", "{5,6}")))) {
            assertThat(ids(at(data(run.apply("{ gov_customers(order_by: [{id: asc}]) { id } }", Map.of())), "gov_customers")))
                    .containsExactly(3, 5, 6, 7);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void aClaimThatIsNotAValueOfTheColumnsTypeIsForbiddenWithAClearMessage(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("x-hasura-tenant-id=abc", "'abc' is not an int, as 'tenant_id' needs");
        wrong.put("x-hasura-tenant-id=[1, 2]", "it holds a list where 'tenant_id' needs one value; a list claim works with _in and _nin");
        wrong.put("vip=yes", "'yes' is not a boolean (true or false)");
        wrong.put("since=01/06/2020", "'01/06/2020' is not a date (ISO-8601, 2024-05-01)");
        wrong.put("credit=1,5", "'1,5' is not a decimal");
        wrong.put("regions={north,NULL}", "holds NULL, which matches no row");
        wrong.put("big=+5", "'+5' is not a bigint");
        for (var entry : wrong.entrySet()) {
            String[] claim = entry.getKey().split("=", 2);
            Map<String, Object> claims = typedClaims();
            claims.put(claim[0], claim[1].startsWith("[") ? List.of("1", "2") : claim[1]);
            for (var run : paths(f, new Caller("typed", claims))) {
                ExecutionResult result = run.apply("{ gov_customers { id } }", Map.of());
                assertThat(codes(result)).as(entry.getKey()).containsExactly("FORBIDDEN");
                assertThat(result.getErrors().get(0).getMessage()).as(entry.getKey())
                        .containsIgnoringCase("the claim '" + claim[0] + "'").contains(entry.getValue());
                assertThat(result.isDataPresent()).as("a claim the row filter cannot use fails the request").isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Server.class, names = {"POSTGRES", "MARIADB"})
    void startUpRefusesWhatNoCallerCouldPass(TestDatabase.Server server) {
        Fixture f = FIXTURES.get(server);
        assertThatThrownBy(() -> WeftRuntime.start(TestDatabase.services(Map.of("gov", f.db().propertiesFor(f.db().defaultKind()))),
                List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, AccessFile.parse("access.yml", """
                        roles:
                          listed:
                            gov.customers:
                              select: { filter: { tenant_id: { _eq: ["@claims.a", 2] } } }
                          unsure:
                            gov.customers:
                              select: { filter: { vip: { _eq: "maybe" } } }
                        """)))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("2 problems")
                .hasMessageMatching("(?s).*access.yml:4: roles.listed.gov.*customers.select.filter: [^\\n]*is not an int.*")
                .hasMessageMatching("(?s).*access.yml:7: roles.unsure.gov.*customers.select.filter: [^\\n]*is not a boolean \\(true or false\\): maybe.*");
    }

    private static Map<String, Object> typedClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("x-hasura-tenant-id", "1"); // the filter names it X-Hasura-Tenant-Id: Hasura's names match in any case
        claims.put("big", "5000000002");
        claims.put("credit", "500.25");
        claims.put("vip", "false");
        claims.put("since", "2020-06-01");
        claims.put("seen", "2024-01-05T12:00:00");
        claims.put("regions", List.of("north", "east"));
        claims.put("banned", List.of("4", "8", "13"));
        return claims;
    }

    private static Caller capped() {
        return new Caller("capped", Map.of("tenant_id", 1));
    }

    /** The query runners of both execution paths for one caller. */
    private static List<BiFunction<String, Map<String, Object>, ExecutionResult>> paths(Fixture f, Caller caller) {
        return List.of((q, v) -> f.weft().execute(q, v, caller), (q, v) -> f.weft().executeFieldByField(q, v, caller));
    }

    private static List<String> rootFields(BiFunction<String, Map<String, Object>, ExecutionResult> run) {
        List<Map<String, Object>> fields = at(data(run.apply("{ __schema { queryType { fields { name } } } }", Map.of())),
                "__schema.queryType.fields");
        return fields.stream().map(m -> (String) m.get("name")).toList();
    }

    private static Map<String, Object> data(ExecutionResult result) {
        assertThat(result.getErrors()).as("errors").isEmpty();
        return result.getData();
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    private static List<Object> sqlRow(Fixture f, String sql, Object... binds) {
        return query(f, sql, binds).get(0);
    }

    private static List<Object> sqlIds(Fixture f, String sql, Object... binds) {
        return query(f, sql, binds).stream().map(row -> (Object) ((Number) row.get(0)).intValue()).toList();
    }

    private static List<List<Object>> query(Fixture f, String sql, Object... binds) {
        try (Connection c = f.db().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                s.setObject(i + 1, binds[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
