package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator, {@code _and}/{@code _or}/{@code _not}, {@code order_by} with every null placement,
 * paging and aggregates on a MongoDB collection (mongo-java-server through the real driver over TCP), with
 * PostgreSQL as the oracle: the same rows live in a PostgreSQL table and a MongoDB collection of the same
 * field names and types, and every query must give exactly the same data on both, nulls and missing
 * fields included (SQL's three-valued logic). Each query also runs field by field through graphql-java,
 * which must agree with the direct executor.
 */
class MongoQueryIT {
    private static MongoTestServer mongo;
    private static TestDatabase pg;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        mongo = MongoTestServer.start();
        pg = TestDatabase.postgres();
        pg.execute("""
                CREATE TABLE items (_id INTEGER PRIMARY KEY, name TEXT COLLATE "C", qty INTEGER, price NUMERIC(10, 2),
                  score DOUBLE PRECISION, big BIGINT, flag BOOLEAN, at TIMESTAMPTZ)""");
        String db = MongoTestServer.uniqueName();
        List<Document> documents = new ArrayList<>();
        Object[][] rows = {
                {1, "apple", 3, "1.50", 0.5, 9007199254740993L, true, 1704103200123L},
                {2, "banana", null, "2.25", 1.25, -5L, false, 1706781600000L},
                {3, "cherry", 10, null, 2.5, 0L, null, null},
                {4, null, 7, "0.10", null, 42L, true, 1709287200500L},
                {5, "a.c%_x\\y", 3, "5.00", 0.5, null, false, 1711965600000L},
                {6, "Apple pie", 1, "3.00", 4.0, 7L, true, 1714557600000L},
                {7, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING},
                {8, "(b)+*?[x]{2}^$|", 3, "0.10", -1.5, 9007199254740992L, null, 1717236000999L},
        };
        String[] names = {"_id", "name", "qty", "price", "score", "big", "flag", "at"};
        for (Object[] row : rows) {
            Document d = new Document();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                Object v = row[i];
                values.add(v == null || v == MISSING ? "NULL" : switch (names[i]) {
                    case "name" -> "'" + v.toString().replace("'", "''") + "'";
                    case "at" -> "TIMESTAMPTZ 'epoch' + " + v + " * INTERVAL '1 millisecond'";
                    default -> v.toString();
                });
                if (v == MISSING) {
                    continue; // a missing field: NULL in PostgreSQL
                }
                d.append(names[i], v == null ? null : switch (names[i]) {
                    case "price" -> new Decimal128(new BigDecimal((String) v));
                    case "at" -> new Date((Long) v);
                    default -> v;
                });
            }
            documents.add(d);
            pg.execute("INSERT INTO items VALUES (" + String.join(", ", values) + ")");
        }
        mongo.database(db).getCollection("items").insertMany(documents);
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("pg", pg.propertiesFor("postgres"));
        services.put("mg", new ServiceProperties("mongodb", mongo.url(db), null, null, null, null, null, null, null, null, null,
                null, null, null));
        List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
        weft = WeftRuntime.start(settings);
    }

    private static final Object MISSING = new Object();

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (pg != null) {
            pg.close();
        }
        mongo.close();
    }

    static List<String> queries() {
        List<String> q = new ArrayList<>();
        String all = "_id name qty price score big flag at";
        q.add("{ r: $_items(order_by: [{_id: asc}]) { " + all + " } }");
        // every comparison operator on every type
        for (String cond : List.of(
                "{name: {_eq: \"apple\"}}", "{name: {_neq: \"apple\"}}", "{name: {_gt: \"b\"}}", "{name: {_gte: \"banana\"}}",
                "{name: {_lt: \"banana\"}}", "{name: {_lte: \"apple\"}}", "{name: {_in: [\"apple\", \"cherry\", \"zzz\"]}}",
                "{name: {_nin: [\"apple\", \"cherry\"]}}", "{name: {_is_null: true}}", "{name: {_is_null: false}}",
                "{name: {_like: \"a%\"}}", "{name: {_like: \"%e\"}}", "{name: {_like: \"_pple\"}}", "{name: {_nlike: \"a%\"}}",
                "{name: {_ilike: \"A%\"}}", "{name: {_nilike: \"a%\"}}", "{name: {_ilike: \"%PIE\"}}",
                "{name: {_like: \"a.c\\\\%\\\\_x%\"}}", "{name: {_like: \"a.c%\"}}", "{name: {_like: \"abc\"}}",
                "{name: {_like: \"(b)+*?[x]{2}^$|\"}}", "{name: {_like: \"%[x]%\"}}", "{name: {_like: \"%\"}}",
                "{name: {_like: \"%p%e%\"}}", "{name: {_like: \"a%%e\"}}", "{name: {_ilike: \"%A%P%\"}}", "{name: {_like: \"%%%\"}}",
                "{name: {_nlike: \"%p%p%\"}}", "{name: {_like: \"%a%a%\"}}", "{name: {_like: \"_%_%e\"}}", "{name: {_nilike: \"%A%_%\"}}",
                "{qty: {_eq: 3}}", "{qty: {_neq: 3}}", "{qty: {_gt: 3}}", "{qty: {_gte: 3}}", "{qty: {_lt: 7}}", "{qty: {_lte: 7}}",
                "{qty: {_in: [1, 10]}}", "{qty: {_nin: [1, 10]}}", "{qty: {_in: []}}", "{qty: {_nin: []}}", "{qty: {_is_null: true}}",
                "{price: {_eq: 0.1}}", "{price: {_gt: 2}}", "{price: {_lte: \"1.5\"}}", "{price: {_in: [0.10, 5]}}", "{price: {_neq: 3}}",
                "{score: {_eq: 0.5}}", "{score: {_lt: 1}}", "{score: {_gte: 2.5}}", "{score: {_nin: [0.5]}}",
                "{big: {_gt: 9007199254740992}}", "{big: {_eq: 9007199254740993}}", "{big: {_lt: 0}}", "{big: {_in: [0, 42]}}",
                "{flag: {_eq: true}}", "{flag: {_neq: true}}", "{flag: {_is_null: true}}",
                "{at: {_gt: \"2024-02-01T10:00:00Z\"}}", "{at: {_eq: \"2024-01-01T10:00:00.123Z\"}}",
                "{at: {_lte: \"2024-03-01T11:00:00.500+01:00\"}}", "{at: {_in: [\"2024-06-01T10:00:00.999Z\"]}}",
                "{_id: {_gt: 5}}", "{_id: {_in: [2, 4, 6, 8]}}",
                // three-valued logic: a condition on a null or missing field is unknown, and so is its negation
                "{_not: {qty: {_gt: 3}}}", "{_not: {name: {_eq: \"apple\"}}}", "{_not: {name: {_like: \"a%\"}}}",
                "{_not: {name: {_nlike: \"a%\"}}}", "{_not: {qty: {_in: [3]}}}", "{_not: {qty: {_nin: [3]}}}",
                "{_not: {_or: [{qty: {_eq: 3}}, {name: {_like: \"b%\"}}]}}", "{_not: {_and: [{qty: {_gte: 3}}, {flag: {_eq: true}}]}}",
                "{_not: {_not: {flag: {_eq: false}}}}", "{_not: {name: {_is_null: true}}}", "{_not: {flag: {_neq: true}}}",
                "{_or: [{qty: {_eq: 3}}, {flag: {_is_null: true}}]}", "{_and: [{qty: {_gte: 3}}, {price: {_lt: 2}}]}",
                "{_or: []}", "{_and: []}", "{_not: {_or: []}}", "{_not: {_and: []}}", "{_or: [{_and: []}, {qty: {_eq: 99}}]}",
                "{qty: {_gt: 1, _lt: 10}, name: {_is_null: false}}", "{_not: {qty: {_gt: 1, _lt: 10}}}")) {
            q.add("{ r: $_items(where: " + cond + ", order_by: [{_id: asc}]) { _id } }");
        }
        // ordering: every direction on nullable columns, several keys
        for (String dir : List.of("asc", "desc", "asc_nulls_first", "asc_nulls_last", "desc_nulls_first", "desc_nulls_last")) {
            for (String column : List.of("name", "qty", "price", "score", "big", "flag", "at")) {
                q.add("{ r: $_items(order_by: [{" + column + ": " + dir + "}, {_id: asc}]) { _id " + column + " } }");
            }
        }
        q.add("{ r: $_items(order_by: [{qty: desc}, {name: asc_nulls_first}, {_id: desc}]) { _id qty name } }");
        q.add("{ r: $_items(order_by: [{flag: asc}, {score: desc_nulls_last}, {_id: asc}], limit: 4, offset: 1) { _id } }");
        // paging
        for (String page : List.of("limit: 3", "limit: 0", "offset: 6", "offset: 20", "limit: 2, offset: 3", "limit: null", "limit: 5, offset: 0")) {
            q.add("{ r: $_items(order_by: [{_id: asc}], " + page + ") { _id } }");
        }
        q.add("{ r: $_items(where: {qty: {_is_null: false}}, order_by: [{qty: asc_nulls_first}, {_id: asc}], limit: 2, offset: 2) { _id qty } }");
        // aggregates
        q.add("{ r: $_items_aggregate { aggregate { count sum { qty price score big } avg { qty price score } "
                + "min { _id name qty price score big at } max { _id name qty price score big at } } } }");
        q.add("{ r: $_items_aggregate(where: {qty: {_gte: 3}}) { aggregate { count sum { qty price } avg { qty } min { name } max { at } } "
                + "nodes { _id } } }");
        q.add("{ r: $_items_aggregate(where: {_id: {_gt: 100}}) { aggregate { count sum { qty price } avg { score } min { name } } } }");
        q.add("{ r: $_items_aggregate(where: {_id: {_eq: 7}}) { aggregate { count sum { qty price score big } max { at } } } }");
        q.add("{ r: $_items_aggregate(order_by: [{qty: desc_nulls_last}, {_id: asc}], limit: 3) { aggregate { count sum { qty } "
                + "max { name } } nodes { _id qty } } }");
        q.add("{ r: $_items_aggregate(order_by: [{_id: asc}], limit: 0) { aggregate { count sum { qty } } nodes { _id } } }");
        q.add("{ r: $_items_aggregate(offset: 5, order_by: [{_id: asc}]) { aggregate { count min { _id } } } }");
        q.add("{ r: $_items_aggregate { aggregate { count a: count(columns: [name]) b: count(columns: [qty, price])"
                + " c: count(columns: [qty], distinct: true) d: count(columns: [price], distinct: true) } } }");
        q.add("{ r: $_items_aggregate(where: {_id: {_gt: 100}}) { aggregate { a: count(columns: [name], distinct: true) } } }");
        // by primary key
        q.add("{ r: $_items_by_pk(_id: 5) { " + all + " } s: $_items_by_pk(_id: 99) { _id } }");
        // errors: negative limit, comparing with null
        q.add("{ r: $_items(limit: -1) { _id } }");
        q.add("{ r: $_items(where: {qty: {_eq: null}}) { _id } }");
        return q;
    }

    @ParameterizedTest
    @MethodSource("queries")
    void mongodbAnswersAsPostgresqlDoes(String template) {
        ExecutionResult onPostgres = weft.execute(template.replace("$_", "pg_"), Map.of());
        ExecutionResult onMongo = weft.execute(template.replace("$_", "mg_"), Map.of());
        assertThat(onMongo.<Object>getData()).as("data of %s", template).isEqualTo(onPostgres.getData());
        assertThat(codes(onMongo.getErrors())).isEqualTo(codes(onPostgres.getErrors()));
        ExecutionResult fieldByField = weft.executeFieldByField(template.replace("$_", "mg_"), Map.of());
        assertThat(fieldByField.toSpecification()).isEqualTo(onMongo.toSpecification());
    }

    /** $stdDevPop/$stdDevSamp (a variance squared) against PostgreSQL's exact numeric statistics, to rounding. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "(where: {qty: {_gte: 3}})", "(where: {_id: {_eq: 2}})",
            "(where: {_id: {_gt: 100}})", "(order_by: [{_id: asc}], limit: 4)"})
    void statisticsOfSpreadMatchPostgresql(String arguments) {
        StringBuilder q = new StringBuilder("{ r: $_items_aggregate" + arguments + " { aggregate {");
        List<String> functions = List.of("stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp");
        functions.forEach(f -> q.append(' ').append(f).append(" { qty price score big }"));
        q.append(" } } }");
        ExecutionResult onPostgres = weft.execute(q.toString().replace("$_", "pg_"), Map.of());
        ExecutionResult onMongo = weft.execute(q.toString().replace("$_", "mg_"), Map.of());
        assertThat(onPostgres.getErrors()).isEmpty();
        assertThat(onMongo.getErrors()).isEmpty();
        Map<?, ?> pgAggregate = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) onPostgres.getData()).get("r")).get("aggregate");
        Map<?, ?> mgAggregate = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) onMongo.getData()).get("r")).get("aggregate");
        int compared = 0;
        for (String f : functions) {
            for (String column : List.of("qty", "price", "score", "big")) {
                Object expected = ((Map<?, ?>) pgAggregate.get(f)).get(column);
                Object actual = ((Map<?, ?>) mgAggregate.get(f)).get(column);
                if (expected == null) {
                    assertThat(actual).as(f + " " + column).isNull();
                } else {
                    double e = ((Number) expected).doubleValue();
                    assertThat(((Number) actual).doubleValue()).as(f + " " + column)
                            .isCloseTo(e, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(e))));
                    compared++;
                }
            }
        }
        assertThat(compared > 0 || arguments.contains("100") || arguments.contains("_eq")).isTrue();
    }

    @Test
    void theOracleSeesEveryRow() {
        ExecutionResult r = weft.execute("{ mg_items_aggregate { aggregate { count } } pg_items_aggregate { aggregate { count } } }", Map.of());
        assertThat(r.toSpecification().get("data")).isEqualTo(Map.of(
                "mg_items_aggregate", Map.of("aggregate", Map.of("count", 8)),
                "pg_items_aggregate", Map.of("aggregate", Map.of("count", 8))));
    }

    @Test
    void likePatternsAreEscapedRegularExpressionsAndValuesNeverBecomeOperators() {
        ExecutionResult r = weft.execute("{ a: mg_items(where: {name: {_like: \".*\"}}) { _id } "
                + "b: mg_items(where: {name: {_eq: \"{\\\"$gt\\\": \\\"\\\"}\"}}) { _id } "
                + "c: mg_items(where: {name: {_like: \"%$where%\"}}) { _id } "
                + "d: mg_items(where: {name: {_ilike: \"%(B)+*?[X]{2}^$|\"}}) { _id } }", Map.of());
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.toSpecification().get("data")).isEqualTo(Map.of("a", List.of(), "b", List.of(), "c", List.of(),
                "d", List.of(Map.of("_id", 8))));
    }

    private static List<String> codes(List<GraphQLError> errors) {
        return errors.stream().map(e -> String.valueOf(e.getExtensions() == null ? null : e.getExtensions().get("code"))).toList();
    }
}
