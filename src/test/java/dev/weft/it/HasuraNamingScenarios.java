package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.BreakerSettings;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.reload.SourceSupply;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Hasura client's documents against a service in Hasura's naming ({@code weft.services.blog.naming: hasura}) with
 * {@code weft.stringify-numeric-types: true}: fragments on {@code author}, variables typed {@code [author_order_by!]},
 * {@code author_bool_exp} and {@code author_select_column}, aggregates through {@code author_aggregate_fields}; the
 * answers are the database's own (asked over plain JDBC), 64-bit integers and decimals as strings, and both
 * execution paths give the same response.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HasuraNamingScenarios {
    static final long BIG = 9_007_199_254_740_993L; // not a double: a JSON number reader would change it

    protected TestDatabase db;
    protected WeftRuntime weft;

    protected abstract Target target();

    /** The DDL of a timestamp with time zone on this engine. */
    protected abstract String timestampType();

    @BeforeAll
    void start() {
        db = TestDatabase.create(target().server);
        try {
            db.execute("CREATE TABLE author (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, followers BIGINT, rating DECIMAL(8, 2), "
                            + "score DOUBLE PRECISION, created_at " + timestampType() + ")",
                    "CREATE TABLE article (id INT PRIMARY KEY, author_id INT NOT NULL REFERENCES author (id), title VARCHAR(80) NOT NULL)",
                    "INSERT INTO author VALUES (1, 'Ada', " + BIG + ", 1234.50, 1.5, '2017-09-21 09:39:44+00')".replace("+00", suffix()),
                    "INSERT INTO author VALUES (2, 'Brian', 12, 3.25, 2.5, '2017-09-21 09:39:44.123456+00')".replace("+00", suffix()),
                    "INSERT INTO author VALUES (3, 'Cleo', NULL, 0.75, NULL, NULL)",
                    "INSERT INTO article VALUES (10, 1, 'Notes'), (11, 1, 'Engines'), (12, 2, 'Unix'), (13, 3, 'Stars')",
                    "CREATE TABLE tag (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL, uses BIGINT NOT NULL)"); // written by mutations only
            ServiceProperties p = db.propertiesFor(target().kind);
            ServiceProperties blog = new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), null, null, null, null,
                    null, null, null, null, null, "hasura");
            var services = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, Map.of("blog", blog)));
            weft = WeftRuntime.start(services, List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, null, LimitSettings.DEFAULTS,
                    new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null), false, FederationSpec.NONE,
                    SourceSupply.fresh(), true, WeftProperties.DEFAULT_SOURCE_JSON_THRESHOLD);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** PostgreSQL takes the offset in the literal; MariaDB's DATETIME has none (the session's zone is irrelevant to it). */
    private String suffix() {
        return target().isPostgres() ? "+00" : "";
    }

    @AfterAll
    void stop() {
        try {
            if (weft != null) {
                weft.close();
            }
        } finally {
            db.close();
        }
    }

    /** The data of {@code query}, after checking that both execution paths give the same response without errors. */
    private Map<String, Object> data(String query, Map<String, Object> variables) {
        ExecutionResult direct = weft.execute(query, variables);
        assertThat(direct.getErrors()).as(query).isEmpty();
        assertThat(direct.toSpecification()).as(query).isEqualTo(weft.executeFieldByField(query, variables).toSpecification());
        return direct.getData();
    }

    private List<Map<String, Object>> oracle(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), hasuraValue(rs.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** What a Hasura server with stringify-numeric-types answers for a value: 64-bit integers and decimals as strings. */
    private static Object hasuraValue(Object value) {
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value;
    }

    @Test
    void fragmentsAndTypedVariablesOfAHasuraClientValidateAndAnswerAsTheDatabase() throws SQLException {
        String query = "fragment A on author { id name followers rating } "
                + "query($o: [author_order_by!], $w: author_bool_exp) { author(order_by: $o, where: $w) { ...A } }";
        Map<String, Object> data = data(query, Map.of("o", List.of(Map.of("name", "desc_nulls_last")),
                "w", Map.of("rating", Map.of("_gt", 1))));
        assertThat(data.get("author")).isEqualTo(oracle(
                "SELECT id, name, followers, rating FROM author WHERE rating > 1 ORDER BY name DESC"));
        assertThat(((List<?>) data.get("author"))).hasSize(2);
        assertThat(data.toString()).contains("followers=" + BIG);
    }

    @Test
    void relationshipListsAreNonNullAndAnswerAsTheDatabase() throws SQLException {
        String query = "query($w: article_bool_exp) { author(order_by: [{id: asc}]) { id article(where: $w, order_by: [{id: asc}]) { id title } } }";
        Map<String, Object> data = data(query, Map.of("w", Map.of("title", Map.of("_nlike", "U%"))));
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> author : oracle("SELECT id FROM author ORDER BY id")) {
            Map<String, Object> row = new LinkedHashMap<>(author);
            row.put("article", oracle("SELECT id, title FROM article WHERE title NOT LIKE 'U%' AND author_id = " + author.get("id")
                    + " ORDER BY id"));
            expected.add(row);
        }
        assertThat(data.get("author")).isEqualTo(expected);
        var type = weft.schema().schema().getObjectType("author").getFieldDefinition("article").getType();
        assertThat(graphql.schema.GraphQLTypeUtil.simplePrint(type)).isEqualTo("[article!]!");
    }

    @Test
    void aggregatesThroughAuthorAggregateFieldsAnswerAsTheDatabase() throws SQLException {
        String query = "fragment F on author_aggregate_fields { count sum { followers rating } max { rating } avg { score } "
                + "distinct: count(columns: $c, distinct: true) } "
                + "query($c: [author_select_column!]) { author_aggregate { aggregate { ...F } } }";
        Map<String, Object> data = data(query, Map.of("c", List.of("rating")));
        Map<String, Object> row = oracle("SELECT COUNT(*) AS count, SUM(followers) AS followers, SUM(rating) AS rating,"
                + " MAX(rating) AS max_rating, AVG(score) AS score, COUNT(DISTINCT rating) AS distinct_count FROM author").get(0);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("count", Integer.parseInt(row.get("count").toString())); // COUNT(*) is BIGINT in SQL, Int in GraphQL
        expected.put("sum", Map.of("followers", row.get("followers"), "rating", row.get("rating")));
        expected.put("max", Map.of("rating", row.get("max_rating")));
        expected.put("avg", Map.of("score", ((Number) row.get("score")).doubleValue()));
        expected.put("distinct", Integer.parseInt(row.get("distinct_count").toString()));
        assertThat(data.get("author_aggregate")).isEqualTo(Map.of("aggregate", expected));
    }

    @Test
    void mutationsTakeHasurasInputTypesAndWriteWhatTheDatabaseThenHolds() throws SQLException {
        String insert = "mutation($o: [tag_insert_input!]!) { insert_tag(objects: $o) { affected_rows returning { id uses } } }";
        ExecutionResult inserted = weft.execute(insert, Map.of("o", List.of(Map.of("id", 1, "label", "db", "uses", BIG))));
        assertThat(inserted.getErrors()).isEmpty();
        assertThat(inserted.<Map<String, Object>>getData().get("insert_tag")).isEqualTo(
                Map.of("affected_rows", 1, "returning", List.of(Map.of("id", 1, "uses", String.valueOf(BIG)))));
        String update = "mutation($pk: tag_pk_columns_input!, $s: tag_set_input, $i: tag_inc_input) { "
                + "update_tag_by_pk(pk_columns: $pk, _set: $s, _inc: $i) { label uses } }";
        ExecutionResult updated = weft.execute(update, Map.of("pk", Map.of("id", 1), "s", Map.of("label", "sql"), "i", Map.of("uses", 1)));
        assertThat(updated.getErrors()).isEmpty();
        assertThat(oracle("SELECT label, uses FROM tag WHERE id = 1")).isEqualTo(List.of(Map.of("label", "sql", "uses",
                String.valueOf(BIG + 1))));
        assertThat(updated.<Map<String, Object>>getData().get("update_tag_by_pk")).isEqualTo(oracle("SELECT label, uses FROM tag WHERE id = 1").get(0));
        assertThat(weft.schema().schema().getMutationType().getName()).isEqualTo("mutation_root");
        assertThat(weft.schema().schema().getType("tag_mutation_response")).isNotNull();
    }

    @Test
    void namesAndRootTypeAreHasuras() {
        var schema = weft.schema().schema();
        assertThat(schema.getQueryType().getName()).isEqualTo("query_root");
        assertThat(schema.getType("order_by")).isNotNull();
        assertThat(schema.getType("bigint_comparison_exp")).isNotNull();
        assertThat(schema.getType("numeric_comparison_exp")).isNotNull();
        assertThat(schema.getType("author_select_column")).isNotNull();
        assertThat(schema.getMutationType() == null || schema.getMutationType().getName().equals("mutation_root")).isTrue();
    }
}
