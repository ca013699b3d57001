package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code jsonb} operators give the rows PostgreSQL's own {@code @>}, {@code <@}, {@code ?}, {@code ?|} and
 * {@code ?&} give on the same column (asked over plain JDBC, {@code ?} escaped as {@code ??}), keys and documents
 * with quotes, {@code ?} and SQL in them included; a {@code json} column has none of them.
 */
class PostgresJsonbIT extends TargetScenario {
    private static final String[] DOCS = {
            "{\"a\": 1, \"tags\": [\"x\", \"y\"]}",
            "{\"a\": 2, \"b\": {\"c\": [1, 2]}}",
            "{\"?\": true, \"a?b\": \"q\", \"tags\": []}",
            "[\"x\", \"a\"]",
            "{\"'; DROP TABLE docs; --\": 1, \"a\": \"1); DELETE FROM docs; --\"}",
            null,
            "{}",
            "\"a\""};
    private static final List<Object> DOCUMENTS = List.of(Map.of("a", 1), Map.of("tags", List.of("x")), List.of(),
            Map.of(), Map.of("b", Map.of("c", List.of(2))), List.of("x"), "a", Map.of("a", "1); DELETE FROM docs; --"),
            Map.of("'; DROP TABLE docs; --", 1), Map.of("a", 1, "tags", List.of("x", "y", "z"), "b", Map.of("c", List.of(1, 2))));
    private static final List<String> KEYS = List.of("a", "tags", "x", "?", "a?b", "'; DROP TABLE docs; --", "", "zz", "b");

    @Override
    protected Target target() {
        return Target.POSTGRES;
    }

    @Override
    protected List<String> setup(Target t) {
        List<String> setup = new ArrayList<>(List.of("CREATE TABLE docs (id INT PRIMARY KEY, data JSONB, plain JSON)"));
        for (int i = 0; i < DOCS.length; i++) {
            String literal = DOCS[i] == null ? "NULL" : "'" + DOCS[i].replace("'", "''") + "'";
            setup.add("INSERT INTO docs VALUES (" + (i + 1) + ", " + literal + ", " + literal + ")");
        }
        return setup;
    }

    private List<Object> weft(String op, String type, Object value) {
        return column(data("query($v: " + type + ") { hr_docs(where: {data: {" + op + ": $v}}, order_by: {id: asc}) { id } }",
                Map.of("v", value)), "hr_docs", "id");
    }

    private List<Object> database(String condition, Object value) {
        var p = db.propertiesFor("postgres");
        try (Connection c = java.sql.DriverManager.getConnection(p.url(), p.username(), p.password());
             PreparedStatement ps = c.prepareStatement("SELECT id FROM docs WHERE " + condition + " ORDER BY id")) {
            ps.setObject(1, value instanceof List<?> l ? c.createArrayOf("text", l.toArray()) : value);
            List<Object> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new AssertionError(condition + ": " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
    }

    @Test
    void containmentAnswersAsPostgresOwnOperators() {
        for (Object document : DOCUMENTS) {
            assertThat(weft("_contains", "JSON", document)).as("data @> %s", json(document))
                    .isEqualTo(database("data @> ?::jsonb", json(document)));
            assertThat(weft("_contained_in", "JSON", document)).as("data <@ %s", json(document))
                    .isEqualTo(database("data <@ ?::jsonb", json(document)));
        }
        assertThat(weft("_contains", "JSON", Map.of("a", 1))).containsExactly(1);
    }

    @Test
    void keyOperatorsAnswerAsPostgresOwnOperators() {
        for (String key : KEYS) {
            assertThat(weft("_has_key", "String", key)).as("data ? '%s'", key).isEqualTo(database("data ?? ?", key));
        }
        List<List<String>> keyLists = List.of(List.of("a", "?"), List.of("zz"), List.of(), List.of("a", "tags"),
                List.of("'; DROP TABLE docs; --", "a"), KEYS);
        for (List<String> keys : keyLists) {
            assertThat(weft("_has_keys_any", "[String!]", keys)).as("data ?| %s", keys).isEqualTo(database("data ??| ?", keys));
            assertThat(weft("_has_keys_all", "[String!]", keys)).as("data ?& %s", keys).isEqualTo(database("data ??& ?", keys));
        }
        assertThat(weft("_has_key", "String", "?")).containsExactly(3);
        assertThat(weft("_has_keys_all", "[String!]", List.of("a", "tags"))).containsExactly(1);
        assertThat(database("id > ?", 0)).as("no statement harmed the table").hasSize(DOCS.length);
    }

    private static final Object[][] PATHS = {{"a", new String[] {"a"}}, {"a.b", new String[] {"a", "b"}},
            {"b.c[1]", new String[] {"b", "c", "1"}}, {"b.c[-1]", new String[] {"b", "c", "-1"}}, {"$.tags[0]", new String[] {"tags", "0"}},
            {"tags[5]", new String[] {"tags", "5"}}, {"[1]", new String[] {"1"}}, {"[\"?\"]", new String[] {"?"}},
            {"[\"a?b\"]", new String[] {"a?b"}}, {"'; DROP TABLE docs; --", new String[] {"'; DROP TABLE docs; --"}},
            {"b[\"c\"][0]", new String[] {"b", "c", "0"}}};

    @Test
    @SuppressWarnings("unchecked")
    void pathAnswersAsPostgresHashGreaterThan() throws SQLException {
        var p = db.propertiesFor("postgres");
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        try (Connection c = java.sql.DriverManager.getConnection(p.url(), p.username(), p.password());
             PreparedStatement ps = c.prepareStatement("SELECT data #> ?, plain #> ? FROM docs ORDER BY id")) {
            for (Object[] path : PATHS) {
                ps.setArray(1, c.createArrayOf("text", (String[]) path[1]));
                ps.setArray(2, c.createArrayOf("text", (String[]) path[1]));
                List<Object> data = new ArrayList<>();
                List<Object> plain = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        data.add(rs.getString(1) == null ? null : mapper.readValue(rs.getString(1), Object.class));
                        plain.add(rs.getString(2) == null ? null : mapper.readValue(rs.getString(2), Object.class));
                    }
                }
                // the direct path, and graphql-java's data fetchers (an introspection field sends the request there)
                for (String extra : List.of("", "__schema { queryType { name } }")) {
                    Map<String, Object> answer = data("query($p: String) { " + extra + " hr_docs(order_by: {id: asc})"
                            + " { d: data(path: $p) plain(path: $p) whole: data } }", Map.of("p", path[0]));
                    List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.get("hr_docs");
                    assertThat(rows.stream().map(r -> r.get("d")).toList()).as("data #> %s %s", path[0], extra).isEqualTo(data);
                    assertThat(rows.stream().map(r -> r.get("plain")).toList()).as("plain #> %s", path[0]).isEqualTo(plain);
                    assertThat(rows.get(0).get("whole")).isEqualTo(Map.of("a", 1, "tags", List.of("x", "y")));
                }
            }
        }
        assertThat(database("id > ?", 0)).hasSize(DOCS.length);
    }

    /** A malformed path fails the whole request before anything is read (Hasura refuses it when it parses the request). */
    @Test
    void aMalformedPathIsBadInput() {
        for (String path : List.of("a..b", "a[", "a[x]", ".a")) {
            ExecutionResult result = execute("query($p: String) { hr_docs { id } other: hr_docs { data(path: $p) } }", Map.of("p", path));
            assertThat(codes(result)).as(path).containsExactly("BAD_USER_INPUT");
            assertThat(result.getErrors().get(0).getMessage()).as(path).startsWith("malformed JSON path");
            assertThat(result.getErrors().get(0).getPath()).as(path).containsExactly("other", "data");
            assertThat(result.isDataPresent()).as(path).isFalse();
        }
    }

    @Test
    void onlyJsonbColumnsHaveTheOperators() {
        ExecutionResult onJson = execute("{ hr_docs(where: {plain: {_has_key: \"a\"}}) { id } }");
        assertThat(codes(onJson)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(column(data("{ hr_docs(where: {plain: {_is_null: true}, data: {_is_null: true}}) { id } }"), "hr_docs", "id"))
                .containsExactly(6);
    }
}
