package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.CompactJson;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MongoDB joined with the real MariaDB and PostgreSQL through relationships.yml, in both directions and in
 * all four types, with keys of different types (an integer customer id against a string one, a VARCHAR
 * against an ObjectId, an integer against an ObjectId of decimal digits), {@code where} and {@code order_by}
 * through relationships (between two collections of one MongoDB too), per-parent paging and aggregates, and
 * the commands MongoDB runs counted at the server: one {@code find} or {@code aggregate} per relationship
 * and level (per {@code batch-size} keys).
 *
 * <pre>
 * crm (MariaDB)           sales (PostgreSQL)                                     web (MongoDB)
 * customers               orders                                                 users: u1 ada "1", u2 bert "2", u3 gus "7", u4 nobody "x9"
 * 1 Ada                   101 cust 1 10.00  placed_by u1                          clicks: c1..c8 (customer_id int, user_id ObjectId)
 * 2 Bert                  102 cust 1 25.50  placed_by u2                          tags: t1 gift, t2 rush, t3 bulk
 * 3 Cleo                  103 cust 2  5.00  placed_by u1                          wishlist: 1-p-1, 1-p-3, 2-p-1, 7-p-2, 9-p-9
 * 4 Dina                  104 cust 3 99.99  placed_by null                        legacy: 000...007 migrated, 000...001 first, 65b...0aa other
 * 7 Gus                   105 cust 7  1.00  placed_by "65B0...03" (not u3: upper case)
 *                         order_tags: 101-t1, 101-t2, 102-t2, 104-t3
 *                         products: p-1 Pen, p-2 Paper, p-3 Stapler
 * </pre>
 */
class MongoRelationshipsIT {
    static final ObjectId U1 = new ObjectId("65b000000000000000000001");
    static final ObjectId U2 = new ObjectId("65b000000000000000000002");
    static final ObjectId U3 = new ObjectId("65b000000000000000000003");
    static final ObjectId U4 = new ObjectId("65b000000000000000000004");
    static final ObjectId T1 = new ObjectId("65c000000000000000000001");
    static final ObjectId T2 = new ObjectId("65c000000000000000000002");
    static final ObjectId T3 = new ObjectId("65c000000000000000000003");

    static final String RELATIONSHIPS = """
            relationships:
              - {service: crm, table: customers, name: clicks, type: has_many, field: id, ref_service: web, ref_table: clicks, ref_field: customer_id}
              - {service: web, table: clicks, name: customer, type: belongs_to, field: customer_id, ref_service: crm, ref_table: customers, ref_field: id}
              - {service: crm, table: customers, name: user, type: has_one, field: id, ref_service: web, ref_table: users, ref_field: customer_id}
              - {service: web, table: users, name: customer, type: belongs_to, field: customer_id, ref_service: crm, ref_table: customers, ref_field: id}
              - {service: sales, table: orders, name: placer, type: belongs_to, field: placed_by, ref_service: web, ref_table: users, ref_field: _id}
              - {service: web, table: users, name: orders, type: has_many, field: _id, ref_service: sales, ref_table: orders, ref_field: placed_by}
              - {service: sales, table: orders, name: tags, type: many_to_many, field: id, ref_service: web, ref_table: tags, ref_field: _id,
                 junction_service: sales, junction_table: order_tags, junction_field: order_id, junction_ref_field: tag_id}
              - {service: web, table: tags, name: orders, type: many_to_many, field: _id, ref_service: sales, ref_table: orders, ref_field: id,
                 junction_service: sales, junction_table: order_tags, junction_field: tag_id, junction_ref_field: order_id}
              - {service: crm, table: customers, name: wishes, type: many_to_many, field: id, ref_service: sales, ref_table: products, ref_field: sku,
                 junction_service: web, junction_table: wishlist, junction_field: customer_id, junction_ref_field: sku}
              - {service: sales, table: products, name: wishers, type: many_to_many, field: sku, ref_service: crm, ref_table: customers, ref_field: id,
                 junction_service: web, junction_table: wishlist, junction_field: sku, junction_ref_field: customer_id}
              - {service: web, table: clicks, name: user, type: belongs_to, field: user_id, ref_service: web, ref_table: users, ref_field: _id}
              - {service: web, table: users, name: clicks, type: has_many, field: _id, ref_service: web, ref_table: clicks, ref_field: user_id}
              - {service: crm, table: customers, name: legacy, type: has_one, field: id, ref_service: web, ref_table: legacy, ref_field: _id}
              - {service: web, table: legacy, name: customer, type: has_one, field: _id, ref_service: crm, ref_table: customers, ref_field: id}
            """;

    private static MongoTestServer mongo;
    private static TestDatabase maria;
    private static TestDatabase pg;
    private static String webDatabase;

    @BeforeAll
    static void seed() {
        mongo = MongoTestServer.start();
        maria = TestDatabase.mariadb();
        pg = TestDatabase.postgres();
        maria.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bert'), (3, 'Cleo'), (4, 'Dina'), (7, 'Gus')");
        pg.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10, 2) NOT NULL, placed_by VARCHAR(24))",
                "INSERT INTO orders VALUES (101, 1, 10.00, '" + U1 + "'), (102, 1, 25.50, '" + U2 + "'), (103, 2, 5.00, '" + U1 + "'),"
                        + " (104, 3, 99.99, NULL), (105, 7, 1.00, '65B000000000000000000003')",
                "CREATE TABLE order_tags (order_id INT NOT NULL, tag_id VARCHAR(24) NOT NULL, PRIMARY KEY (order_id, tag_id))",
                "INSERT INTO order_tags VALUES (101, '" + T1 + "'), (101, '" + T2 + "'), (102, '" + T2 + "'), (104, '" + T3 + "')",
                "CREATE TABLE products (sku VARCHAR(8) PRIMARY KEY, title VARCHAR(40) NOT NULL)",
                "INSERT INTO products VALUES ('p-1', 'Pen'), ('p-2', 'Paper'), ('p-3', 'Stapler')");
        webDatabase = MongoTestServer.uniqueName();
        var web = mongo.database(webDatabase);
        web.getCollection("users").insertMany(List.of(
                new Document("_id", U1).append("customer_id", "1").append("login", "ada"),
                new Document("_id", U2).append("customer_id", "2").append("login", "bert"),
                new Document("_id", U3).append("customer_id", "7").append("login", "gus"),
                new Document("_id", U4).append("customer_id", "x9").append("login", "nobody")));
        Object[][] clicks = {
                {1, U1, "/a", "Firefox", 1000}, {1, U1, "/b", "Chrome", 2000}, {1, U2, "/c", "Firefox", 3000},
                {2, U2, "/a", "Safari", 4000}, {2, U2, "/d", "Chrome", 5000}, {3, U3, "/a", "Chrome", 6000},
                {7, U3, "/e", "Firefox", 7000}, {99, U4, "/z", "Lynx", 8000}};
        for (int i = 0; i < clicks.length; i++) {
            Object[] c = clicks[i];
            web.getCollection("clicks").insertOne(new Document("_id", new ObjectId(String.format("65d0000000000000000000%02d", i + 1)))
                    .append("customer_id", c[0]).append("user_id", c[1]).append("page", c[2])
                    .append("payload", new Document("browser", c[3])).append("at", new Date(1714550400000L + (Integer) c[4])));
        }
        web.getCollection("tags").insertMany(List.of(new Document("_id", T1).append("label", "gift"),
                new Document("_id", T2).append("label", "rush"), new Document("_id", T3).append("label", "bulk")));
        web.getCollection("wishlist").insertMany(List.of(
                new Document("customer_id", 1).append("sku", "p-1"), new Document("customer_id", 1).append("sku", "p-3"),
                new Document("customer_id", 2).append("sku", "p-1"), new Document("customer_id", 7).append("sku", "p-2"),
                new Document("customer_id", 9).append("sku", "p-9")));
        web.getCollection("legacy").insertMany(List.of(
                new Document("_id", new ObjectId("000000000000000000000007")).append("note", "migrated"),
                new Document("_id", new ObjectId("000000000000000000000001")).append("note", "first"),
                new Document("_id", new ObjectId("65b0000000000000000000aa")).append("note", "other")));
    }

    @AfterAll
    static void drop() {
        if (maria != null) {
            maria.close();
        }
        if (pg != null) {
            pg.close();
        }
        mongo.close();
    }

    static WeftRuntime start(Integer webBatchSize) {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("crm", maria.propertiesFor("mariadb"));
        services.put("sales", pg.propertiesFor("postgres"));
        services.put("web", new ServiceProperties("mongodb", mongo.url(webDatabase), null, null, null, null, null, null, null,
                null, null, webBatchSize, null, null));
        List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
        return WeftRuntime.start(settings, RelationshipsFile.parse("relationships.yml", RELATIONSHIPS),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    /** Runs a query both ways (direct and field by field), checks they agree and that there is no error; returns the data as JSON. */
    static String run(WeftRuntime weft, String query) {
        ExecutionResult direct = weft.execute(query, Map.of());
        ExecutionResult fieldByField = weft.executeFieldByField(query, Map.of());
        assertThat(direct.getErrors()).as(query).isEmpty();
        assertThat(direct.toSpecification()).as(query).isEqualTo(fieldByField.toSpecification());
        return CompactJson.write(direct.getData());
    }

    static String json(String text) {
        return CompactJson.compact(text);
    }

    @Test
    void relationshipsWorkBothWaysInAllFourTypes() {
        try (WeftRuntime weft = start(null)) {
            // SQL -> MongoDB: has_many, has_one, many_to_many (junction in MongoDB); MongoDB -> SQL: belongs_to
            assertThat(run(weft, """
                    { crm_customers(order_by: [{id: asc}]) { id name
                        clicks(order_by: [{at: asc}]) { page customer { name } }
                        user { login customer { id } }
                        wishes(order_by: [{sku: asc}]) { sku wishers(order_by: [{id: asc}]) { id } } } }""")).isEqualTo(json("""
                    {"crm_customers": [
                      {"id": 1, "name": "Ada", "clicks": [{"page": "/a", "customer": {"name": "Ada"}}, {"page": "/b", "customer": {"name": "Ada"}},
                        {"page": "/c", "customer": {"name": "Ada"}}], "user": {"login": "ada", "customer": {"id": 1}},
                        "wishes": [{"sku": "p-1", "wishers": [{"id": 1}, {"id": 2}]}, {"sku": "p-3", "wishers": [{"id": 1}]}]},
                      {"id": 2, "name": "Bert", "clicks": [{"page": "/a", "customer": {"name": "Bert"}}, {"page": "/d", "customer": {"name": "Bert"}}],
                        "user": {"login": "bert", "customer": {"id": 2}}, "wishes": [{"sku": "p-1", "wishers": [{"id": 1}, {"id": 2}]}]},
                      {"id": 3, "name": "Cleo", "clicks": [{"page": "/a", "customer": {"name": "Cleo"}}], "user": null, "wishes": []},
                      {"id": 4, "name": "Dina", "clicks": [], "user": null, "wishes": []},
                      {"id": 7, "name": "Gus", "clicks": [{"page": "/e", "customer": {"name": "Gus"}}], "user": {"login": "gus", "customer": {"id": 7}},
                        "wishes": [{"sku": "p-2", "wishers": [{"id": 7}]}]}]}"""));
            // MongoDB -> SQL: has_many, many_to_many (junction in SQL); SQL -> MongoDB: belongs_to, many_to_many
            assertThat(run(weft, """
                    { web_users(order_by: [{login: asc}]) { login customer { name }
                        orders(order_by: [{id: asc}]) { id total placer { login } tags(order_by: [{label: asc}]) { label orders(order_by: [{id: asc}]) { id } } }
                        clicks(order_by: [{page: asc}, {_id: asc}]) { page user { login } } } }""")).isEqualTo(json("""
                    {"web_users": [
                      {"login": "ada", "customer": {"name": "Ada"},
                        "orders": [{"id": 101, "total": 10.00, "placer": {"login": "ada"},
                                    "tags": [{"label": "gift", "orders": [{"id": 101}]}, {"label": "rush", "orders": [{"id": 101}, {"id": 102}]}]},
                                   {"id": 103, "total": 5.00, "placer": {"login": "ada"}, "tags": []}],
                        "clicks": [{"page": "/a", "user": {"login": "ada"}}, {"page": "/b", "user": {"login": "ada"}}]},
                      {"login": "bert", "customer": {"name": "Bert"},
                        "orders": [{"id": 102, "total": 25.50, "placer": {"login": "bert"}, "tags": [{"label": "rush", "orders": [{"id": 101}, {"id": 102}]}]}],
                        "clicks": [{"page": "/a", "user": {"login": "bert"}}, {"page": "/c", "user": {"login": "bert"}}, {"page": "/d", "user": {"login": "bert"}}]},
                      {"login": "gus", "customer": {"name": "Gus"}, "orders": [],
                        "clicks": [{"page": "/a", "user": {"login": "gus"}}, {"page": "/e", "user": {"login": "gus"}}]},
                      {"login": "nobody", "customer": null, "orders": [], "clicks": [{"page": "/z", "user": {"login": "nobody"}}]}]}"""));
            assertThat(run(weft, "{ web_tags(order_by: [{label: asc}]) { label orders(order_by: [{total: desc}]) { id } } }"))
                    .isEqualTo(json("""
                    {"web_tags": [{"label": "bulk", "orders": [{"id": 104}]}, {"label": "gift", "orders": [{"id": 101}]},
                                  {"label": "rush", "orders": [{"id": 102}, {"id": 101}]}]}"""));
        }
    }

    @Test
    void keysOfDifferentTypesJoinWhereTheirValuesAgree() {
        try (WeftRuntime weft = start(null)) {
            // INT customers.id against the string users.customer_id ("x9" joins nothing); VARCHAR placed_by against the
            // ObjectId users._id (its hex string in lower case, as drivers print it: "65B..." is other text); INT
            // customers.id against ObjectIds whose hex digits are all decimal
            assertThat(run(weft, """
                    { crm_customers(order_by: [{id: asc}]) { id user { login } legacy { _id note } }
                      sales_orders(order_by: [{id: asc}]) { id placed_by placer { _id login } }
                      web_users(where: {login: {_eq: "nobody"}}) { customer_id customer { id } }
                      web_legacy(order_by: [{_id: asc}]) { _id customer { name } } }""")).isEqualTo(json("""
                    {"crm_customers": [
                       {"id": 1, "user": {"login": "ada"}, "legacy": {"_id": "000000000000000000000001", "note": "first"}},
                       {"id": 2, "user": {"login": "bert"}, "legacy": null},
                       {"id": 3, "user": null, "legacy": null},
                       {"id": 4, "user": null, "legacy": null},
                       {"id": 7, "user": {"login": "gus"}, "legacy": {"_id": "000000000000000000000007", "note": "migrated"}}],
                     "sales_orders": [
                       {"id": 101, "placed_by": "65b000000000000000000001", "placer": {"_id": "65b000000000000000000001", "login": "ada"}},
                       {"id": 102, "placed_by": "65b000000000000000000002", "placer": {"_id": "65b000000000000000000002", "login": "bert"}},
                       {"id": 103, "placed_by": "65b000000000000000000001", "placer": {"_id": "65b000000000000000000001", "login": "ada"}},
                       {"id": 104, "placed_by": null, "placer": null},
                       {"id": 105, "placed_by": "65B000000000000000000003", "placer": null}],
                     "web_users": [{"customer_id": "x9", "customer": null}],
                     "web_legacy": [{"_id": "000000000000000000000001", "customer": {"name": "Ada"}},
                                    {"_id": "000000000000000000000007", "customer": {"name": "Gus"}},
                                    {"_id": "65b0000000000000000000aa", "customer": null}]}"""));
        }
    }

    @Test
    void perParentPagingOrderAndAggregates() {
        try (WeftRuntime weft = start(null)) {
            assertThat(run(weft, """
                    { crm_customers(order_by: [{id: asc}], limit: 3) { id
                        clicks(order_by: [{at: desc}], limit: 2) { page }
                        clicks_aggregate(where: {payload: {browser: {_neq: "Safari"}}}) { aggregate { count max { page } min { at } } }
                        paged: clicks_aggregate(order_by: [{at: asc}], offset: 1, limit: 1) { aggregate { count } nodes { page } } }
                      web_users(order_by: [{login: asc}], limit: 2) { login
                        orders(order_by: [{total: desc}], limit: 1) { id }
                        orders_aggregate { aggregate { count sum { total } avg { total } } } } }""")).isEqualTo(json("""
                    {"crm_customers": [
                       {"id": 1, "clicks": [{"page": "/c"}, {"page": "/b"}],
                        "clicks_aggregate": {"aggregate": {"count": 3, "max": {"page": "/c"}, "min": {"at": "2024-05-01T08:00:01Z"}}},
                        "paged": {"aggregate": {"count": 1}, "nodes": [{"page": "/b"}]}},
                       {"id": 2, "clicks": [{"page": "/d"}, {"page": "/a"}],
                        "clicks_aggregate": {"aggregate": {"count": 1, "max": {"page": "/d"}, "min": {"at": "2024-05-01T08:00:05Z"}}},
                        "paged": {"aggregate": {"count": 1}, "nodes": [{"page": "/d"}]}},
                       {"id": 3, "clicks": [{"page": "/a"}],
                        "clicks_aggregate": {"aggregate": {"count": 1, "max": {"page": "/a"}, "min": {"at": "2024-05-01T08:00:06Z"}}},
                        "paged": {"aggregate": {"count": 0}, "nodes": []}}],
                     "web_users": [
                       {"login": "ada", "orders": [{"id": 101}], "orders_aggregate": {"aggregate": {"count": 2, "sum": {"total": 15.00}, "avg": {"total": 7.5}}}},
                       {"login": "bert", "orders": [{"id": 102}], "orders_aggregate": {"aggregate": {"count": 1, "sum": {"total": 25.50}, "avg": {"total": 25.5}}}}]}"""));
        }
    }

    /** Counts over columns and the statistics of spread per parent, grouped in MongoDB and (paged) over the rows read. */
    @Test
    void perParentStatisticsAndCountsMatchTheirRows() {
        try (WeftRuntime weft = start(null)) {
            String aggregate = "{ aggregate { count pages: count(columns: [page], distinct: true) users: count(columns: [user_id])"
                    + " stddev_pop { customer_id } var_samp { customer_id } } nodes { page user_id customer_id } }";
            Map<String, Object> data = dev.weft.testing.GraphqlAssertions.data(weft.execute("{ crm_customers(order_by: [{id: asc}]) { id"
                    + " all: clicks_aggregate " + aggregate + " paged: clicks_aggregate(order_by: [{at: asc}], limit: 2) " + aggregate
                    + " } }", Map.of()));
            List<Map<String, Object>> customers = dev.weft.testing.GraphqlAssertions.at(data, "crm_customers");
            int checked = 0;
            for (Map<String, Object> customer : customers) {
                for (String field : List.of("all", "paged")) {
                    Map<?, ?> result = (Map<?, ?>) customer.get(field);
                    List<?> nodes = (List<?>) result.get("nodes");
                    Map<?, ?> agg = (Map<?, ?>) result.get("aggregate");
                    assertThat(agg.get("count")).isEqualTo(nodes.size());
                    assertThat(agg.get("pages")).isEqualTo((int) nodes.stream().map(n -> ((Map<?, ?>) n).get("page"))
                            .filter(java.util.Objects::nonNull).distinct().count());
                    assertThat(agg.get("users")).isEqualTo((int) nodes.stream().filter(n -> ((Map<?, ?>) n).get("user_id") != null).count());
                    List<java.math.BigDecimal> ids = nodes.stream().map(n -> ((Map<?, ?>) n).get("customer_id"))
                            .filter(java.util.Objects::nonNull).map(v -> new java.math.BigDecimal(v.toString())).toList();
                    Double pop = AggregateStatisticsScenarios.expected("stddev_pop", ids);
                    Double samp = AggregateStatisticsScenarios.expected("var_samp", ids);
                    assertThat(((Map<?, ?>) agg.get("stddev_pop")).get("customer_id")).isEqualTo(pop);
                    assertThat(((Map<?, ?>) agg.get("var_samp")).get("customer_id")).isEqualTo(samp);
                    checked += nodes.size();
                }
            }
            assertThat(checked).isGreaterThan(4);
        }
    }

    @Test
    void whereAndOrderByReachThroughRelationshipsEitherWay() {
        try (WeftRuntime weft = start(null)) {
            assertThat(run(weft, """
                    { a: crm_customers(where: {clicks: {payload: {browser: {_eq: "Firefox"}}}}, order_by: [{id: asc}]) { id }
                      b: web_clicks(where: {customer: {name: {_in: ["Ada", "Gus"]}}}, order_by: [{_id: asc}]) { page }
                      c: web_clicks(where: {user: {login: {_eq: "bert"}}}, order_by: [{_id: asc}]) { page }
                      d: web_clicks(where: {_not: {user: {login: {_eq: "bert"}}}}, order_by: [{_id: asc}]) { page }
                      e: web_users(where: {clicks: {page: {_eq: "/e"}}}) { login }
                      f: web_tags(where: {orders: {total: {_gt: 20}}}, order_by: [{label: asc}]) { label }
                      g: crm_customers(where: {wishes: {title: {_eq: "Pen"}}}, order_by: [{id: asc}]) { id }
                      h: sales_orders(where: {placer: {customer: {name: {_eq: "Ada"}}}}, order_by: [{id: asc}]) { id } }""")).isEqualTo(json("""
                    {"a": [{"id": 1}, {"id": 7}],
                     "b": [{"page": "/a"}, {"page": "/b"}, {"page": "/c"}, {"page": "/e"}],
                     "c": [{"page": "/c"}, {"page": "/a"}, {"page": "/d"}],
                     "d": [{"page": "/a"}, {"page": "/b"}, {"page": "/a"}, {"page": "/e"}, {"page": "/z"}],
                     "e": [{"login": "gus"}],
                     "f": [{"label": "bulk"}, {"label": "rush"}],
                     "g": [{"id": 1}, {"id": 2}],
                     "h": [{"id": 101}, {"id": 103}]}"""));
            assertThat(run(weft, """
                    { a: web_clicks(order_by: [{customer: {name: desc}}, {_id: asc}], limit: 4) { page customer_id }
                      b: web_clicks(order_by: [{user: {login: asc}}, {at: desc}], offset: 2, limit: 3) { page }
                      c: sales_orders(order_by: [{placer: {login: desc_nulls_last}}, {id: asc}]) { id }
                      d: web_users(order_by: [{customer: {name: asc_nulls_first}}]) { login } }""")).isEqualTo(json("""
                    {"a": [{"page": "/z", "customer_id": 99}, {"page": "/e", "customer_id": 7}, {"page": "/a", "customer_id": 3},
                           {"page": "/a", "customer_id": 2}],
                     "b": [{"page": "/d"}, {"page": "/a"}, {"page": "/c"}],
                     "c": [{"id": 102}, {"id": 101}, {"id": 103}, {"id": 104}, {"id": 105}],
                     "d": [{"login": "nobody"}, {"login": "ada"}, {"login": "bert"}, {"login": "gus"}]}"""));
        }
    }

    @Test
    void mongodbRunsOneCommandPerRelationshipAndLevel() {
        String query = """
                { crm_customers(order_by: [{id: asc}]) { id
                    clicks { page user { login orders { id tags { label } } } }
                    clicks_aggregate { aggregate { count } }
                    user { login clicks { page } }
                    wishes { sku }
                    legacy { note } } }""";
        try (WeftRuntime weft = start(null)) {
            run(weft, query); // warm up
            mongo.resetCounts();
            weft.execute(query, Map.of());
            assertThat(mongo.reads()).isEqualTo(Map.of(
                    "find:clicks", 2,        // customers.clicks; users.clicks (under customers.user)
                    "aggregate:clicks", 1,   // customers.clicks_aggregate
                    "find:users", 2,         // clicks.user; customers.user
                    "find:tags", 1,          // orders.tags (after the junction rows from PostgreSQL)
                    "find:wishlist", 1,      // the junction of customers.wishes (then the products from PostgreSQL)
                    "find:legacy", 1));
            mongo.resetCounts();
            weft.executeFieldByField(query, Map.of());
            assertThat(mongo.reads()).as("field by field, through DataLoaders").isEqualTo(Map.of("find:clicks", 2, "aggregate:clicks", 1,
                    "find:users", 2, "find:tags", 1, "find:wishlist", 1, "find:legacy", 1));
        }
        try (WeftRuntime weft = start(2)) {  // batch-size 2: the 5 customer keys take ceil(5 / 2) commands per level
            run(weft, "{ crm_customers { clicks { page } } }");
            mongo.resetCounts();
            weft.execute("{ crm_customers { clicks { page } } }", Map.of());
            assertThat(mongo.reads()).isEqualTo(Map.of("find:clicks", 3));
        }
    }

    @Test
    void decimalKeysAndValuesSurviveTheJoin() {
        try (WeftRuntime weft = start(null)) {
            ExecutionResult r = weft.execute("{ web_users_by_pk(_id: \"65b000000000000000000001\") { orders_aggregate { aggregate { sum { total } } } } }",
                    Map.of());
            assertThat(r.getErrors()).isEmpty();
            assertThat(CompactJson.write(r.getData())).isEqualTo(json("""
                    {"web_users_by_pk": {"orders_aggregate": {"aggregate": {"sum": {"total": 15.00}}}}}"""));
            assertThat(new BigDecimal("15.00")).isEqualByComparingTo("15");
        }
    }
}
