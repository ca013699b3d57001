package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.GraphqlAssertions;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Operators keep the database's own semantics: {@code _like}/{@code _nlike} and the comparisons on every text
 * column of {@code words} give exactly the rows the database's own operator gives on the same column, with the
 * same bound value (its collation, {@code citext}, CHAR padding), asked over plain JDBC as the oracle; and
 * numbers a column cannot hold compare correctly instead of being wrapped or costing minutes.
 *
 * <pre>
 * words id | text columns (per engine) | small SMALLINT | amount DECIMAL(12,2)
 *       1  | 'T1'                      | 0              | 0.00
 *       2  | 't1'                      | 32767          | 12.50
 *       3  | 'ab'                      | -32768         | -3.25
 *       4  | 'AB'                      | 7              | 9999999999.99
 *       5  | 'Grüße'                   | -              | -
 *       6  | 'x_y'                     | -              | -
 *       7  | -                         | -              | -
 *       8  | 'ab  '                    | -              | -
 * </pre>
 */
abstract class OperatorSemanticsScenarios extends TargetScenario {
    static final String[] TEXTS = {"'T1'", "'t1'", "'ab'", "'AB'", "'Grüße'", "'x_y'", "NULL", "'ab  '"};
    static final String[] SMALLS = {"0", "32767", "-32768", "7", "NULL", "NULL", "NULL", "NULL"};
    static final String[] AMOUNTS = {"0.00", "12.50", "-3.25", "9999999999.99", "NULL", "NULL", "NULL", "NULL"};
    private static final List<String> PATTERNS = List.of("T1", "t1", "ab", "AB", "ab%", "ab %", "ab  ", "%b", "%B", "a_", "_b",
            "%", "x\\_y", "gr%", "GRÜ%", "%ü%", "%%1", "%a%b%");
    private static final List<String> VALUES = List.of("t1", "T1", "ab", "ab  ", "AB", "Grüße", "GRÜSSE", "b", "");

    /** The text columns of {@code words} on this engine. */
    protected abstract List<String> textColumns();

    /**
     * A plain JDBC connection to the same database, through the same driver as Weft's and, on PostgreSQL, with
     * Weft's {@code stringtype=unspecified} (a bound text takes the column's type, as {@code citext}).
     */
    protected Connection oracle() throws SQLException {
        var p = db.propertiesFor(target().kind);
        return java.sql.DriverManager.getConnection(p.url() + (target().isPostgres() ? "?stringtype=unspecified" : ""),
                p.username(), p.password());
    }

    /** The engine's limit of bound values per statement, as Weft's message names it. */
    protected abstract String bindLimit();

    /**
     * The engine's own case-sensitive ({@code ci} false) or case-insensitive regular-expression match of
     * {@code column} against one bound pattern, as the oracle of {@code _regex}/{@code _iregex}; null where the engine
     * has none (then the operators are not offered).
     */
    protected String regexCondition(String column, boolean ci) {
        return null;
    }

    /** Whether the engine has {@code SIMILAR TO} (then {@code _similar}/{@code _nsimilar} are offered). */
    protected boolean similar() {
        return false;
    }

    /** The text columns whose {@code _regex} is case-sensitive by the engine's rules (not PostgreSQL's citext). */
    protected List<String> caseSensitiveRegexColumns() {
        return textColumns();
    }

    /** Whether a LIKE pattern ending in a backslash is the engine's error (then the request is refused before it runs). */
    protected boolean likeEscapeAtEndIsError() {
        return false;
    }

    /** Inserts of the rows of the class comment, each text column taking the row's text. */
    static List<String> inserts(int textColumns) {
        List<String> inserts = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++) {
            String texts = String.join(", ", java.util.Collections.nCopies(textColumns, TEXTS[i]));
            inserts.add("INSERT INTO words VALUES (" + (i + 1) + ", " + texts + ", " + SMALLS[i] + ", " + AMOUNTS[i] + ")");
        }
        return inserts;
    }

    private List<Object> weft(String column, String op, String type, Object value) {
        return column(data("query($v: " + type + ") { hr_words(where: {" + column + ": {" + op + ": $v}}, order_by: {id: asc})"
                + " { id } }", Map.of("v", value)), "hr_words", "id");
    }

    private List<Object> database(String condition, Object... values) {
        try (Connection c = oracle();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM words WHERE " + condition + " ORDER BY id")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
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

    @Test
    void likeAnswersAsTheDatabasesOwnLikeOnTheSameColumn() {
        for (String column : textColumns()) {
            String field = column.toLowerCase(java.util.Locale.ROOT);
            for (String pattern : PATTERNS) {
                assertThat(weft(field, "_like", "String", pattern)).as("%s LIKE '%s'", column, pattern)
                        .isEqualTo(database(column + " LIKE ?", pattern));
                assertThat(weft(field, "_nlike", "String", pattern)).as("%s NOT LIKE '%s'", column, pattern)
                        .isEqualTo(database(column + " NOT LIKE ?", pattern));
            }
        }
    }

    private static final List<String> REGEXES = List.of("^t1", "1$", "^[a-z]+$", "b", "B", "^gr", "ü", "^x_y$", "^.b", "(ab|T)", "\\d");

    /** Where the engine has no regular expressions: asserts that {@code _regex} is not in the schema, and says so. */
    private boolean regexRefusedHere() {
        if (regexCondition("x", false) != null) {
            return false;
        }
        String field = textColumns().get(0).toLowerCase(java.util.Locale.ROOT);
        for (String op : List.of("_regex", "_iregex", "_nregex", "_niregex", "_similar", "_nsimilar")) {
            assertThat(codes(execute("{ hr_words(where: {" + field + ": {" + op + ": \"a\"}}) { id } }"))).as(op)
                    .containsExactly("GRAPHQL_VALIDATION_FAILED");
        }
        return true;
    }

    @Test
    void regexAnswersAsTheDatabasesOwnRegexOnTheSameColumn() {
        if (regexRefusedHere()) {
            return;
        }
        for (String column : textColumns()) {
            String field = column.toLowerCase(java.util.Locale.ROOT);
            for (String pattern : REGEXES) {
                assertThat(weft(field, "_regex", "String", pattern)).as("%s _regex '%s'", column, pattern)
                        .isEqualTo(database(regexCondition(column, false), pattern));
                assertThat(weft(field, "_iregex", "String", pattern)).as("%s _iregex '%s'", column, pattern)
                        .isEqualTo(database(regexCondition(column, true), pattern));
                assertThat(weft(field, "_nregex", "String", pattern)).as("%s _nregex '%s'", column, pattern)
                        .isEqualTo(database("NOT (" + regexCondition(column, false) + ")", pattern));
                assertThat(weft(field, "_niregex", "String", pattern)).as("%s _niregex '%s'", column, pattern)
                        .isEqualTo(database("NOT (" + regexCondition(column, true) + ")", pattern));
            }
        }
    }

    @Test
    void regexIsCaseSensitiveAndIregexIsNotWhateverTheCollation() {
        if (regexRefusedHere()) {
            return;
        }
        for (String column : caseSensitiveRegexColumns()) {
            String field = column.toLowerCase(java.util.Locale.ROOT);
            assertThat(weft(field, "_regex", "String", "^t1")).as(column).containsExactly(2);
            assertThat(weft(field, "_iregex", "String", "^t1")).as(column).containsExactly(1, 2);
            assertThat(weft(field, "_nregex", "String", "^t1")).as(column).containsExactly(1, 3, 4, 5, 6, 8);
            assertThat(weft(field, "_niregex", "String", "^T1")).as(column).containsExactly(3, 4, 5, 6, 8);
            assertThat(weft(field, "_iregex", "String", "^GR")).as(column).containsExactly(5);
        }
    }

    @Test
    void aMalformedRegexFailsTheRequestWhenSurelyMalformedAndTheFieldOtherwise() {
        if (regexRefusedHere()) {
            return;
        }
        String field = textColumns().get(0).toLowerCase(java.util.Locale.ROOT);
        for (String pattern : List.of("a(", "a)", "[ab", "ab\\")) {
            ExecutionResult r = execute("query($v: String) { hr_words(where: {" + field + ": {_regex: $v}}) { id } }", Map.of("v", pattern));
            assertThat(codes(r)).as(pattern).containsExactly("BAD_USER_INPUT");
            assertThat(r.isDataPresent()).as(pattern).isFalse();
        }
        ExecutionResult r = execute("query($v: String) { hr_words(where: {" + field + ": {_iregex: $v}}) { id } }", Map.of("v", "a{2,1}"));
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.isDataPresent()).isTrue(); // judged by the engine: a field error
    }

    @Test
    void similarIsOfferedOnlyWhereTheEngineHasIt() {
        String field = textColumns().get(0).toLowerCase(java.util.Locale.ROOT);
        if (!similar()) {
            assertThat(codes(execute("{ hr_words(where: {" + field + ": {_similar: \"a%\"}}) { id } }")))
                    .containsExactly("GRAPHQL_VALIDATION_FAILED");
            regexRefusedHere();
            return;
        }
        for (String column : textColumns()) {
            String f = column.toLowerCase(java.util.Locale.ROOT);
            for (String pattern : List.of("t%", "(a|x)%", "%[bB]%", "%\\_%", "ab", "_1")) {
                assertThat(weft(f, "_similar", "String", pattern)).as("%s SIMILAR TO '%s'", column, pattern)
                        .isEqualTo(database(column + " SIMILAR TO ?", pattern));
                assertThat(weft(f, "_nsimilar", "String", pattern)).as("%s NOT SIMILAR TO '%s'", column, pattern)
                        .isEqualTo(database(column + " NOT SIMILAR TO ?", pattern));
            }
        }
    }

    @Test
    void aLikePatternEndingInAnEscapeFailsTheRequestWhereTheEngineRefusesIt() {
        String column = textColumns().get(0);
        String field = column.toLowerCase(java.util.Locale.ROOT);
        ExecutionResult r = execute("query($v: String) { hr_words(where: {" + field + ": {_like: $v}}) { id } }", Map.of("v", "ab\\"));
        if (likeEscapeAtEndIsError()) {
            assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
            assertThat(r.isDataPresent()).isFalse();
            assertThat(r.getErrors().get(0).getMessage()).contains("ends with the escape character");
            aLikePatternEndingInAnEscapeFailsEveryConditionOfAMutationOrVariable(field);
        } else {
            assertThat(r.getErrors()).isEmpty();
            assertThat(weft(field, "_like", "String", "ab\\")).isEqualTo(database(column + " LIKE ?", "ab\\"));
            assertThat(weft(field, "_like", "String", "ab\\\\")).isEqualTo(database(column + " LIKE ?", "ab\\\\"));
        }
    }

    /**
     * The engine's rule holds in every condition the request carries, whatever argument or variable holds it: each of
     * {@code update_many}'s {@code where}s, a {@code delete}/{@code update} {@code where}, an {@code on_conflict}'s
     * {@code where}, a whole {@code where} in a variable or in a variable's default value. Nothing runs or changes.
     */
    private void aLikePatternEndingInAnEscapeFailsEveryConditionOfAMutationOrVariable(String field) {
        List<Map<String, Object>> keys = GraphqlAssertions.at(data("{ __type(name: \"HrWordsConstraint\") { enumValues { name } } }"),
                "__type.enumValues");
        String key = (String) keys.get(0).get("name");
        Map<String, Object> v = Map.of("v", "ab\\");
        Map<String, Map<String, Object>> refused = new java.util.LinkedHashMap<>();
        refused.put("mutation($v: String) { update_hr_words_many(updates: [{where: {id: {_eq: 1}}, _set: {small: 1}},"
                + " {where: {" + field + ": {_like: $v}}, _set: {small: 2}}]) { affected_rows } }", v);
        refused.put("mutation($v: String) { delete_hr_words(where: {" + field + ": {_nlike: $v}}) { affected_rows } }", v);
        refused.put("mutation($v: String) { update_hr_words(where: {_not: {" + field + ": {_ilike: $v}}}, _set: {small: 3})"
                + " { affected_rows } }", v);
        refused.put("mutation($v: String) { insert_hr_words(objects: [{id: 1}], on_conflict: {constraint: " + key
                + ", update_columns: [small], where: {" + field + ": {_like: $v}}}) { affected_rows } }", v);
        refused.put("query($w: HrWordsBoolExp) { hr_words(where: $w) { id } }",
                Map.of("w", Map.of("_or", List.of(Map.of(field, Map.of("_nilike", "ab\\"))))));
        refused.put("query($w: HrWordsBoolExp = {" + field + ": {_like: \"ab\\\\\"}}) { hr_words(where: $w) { id } }", Map.of());
        List<Object> smalls = column(data("{ hr_words(order_by: {id: asc}) { small } }"), "hr_words", "small");
        for (var request : refused.entrySet()) {
            ExecutionResult r = execute(request.getKey(), request.getValue());
            assertThat(codes(r)).as(request.getKey()).containsExactly("BAD_USER_INPUT");
            assertThat(r.isDataPresent()).as(request.getKey()).isFalse();
            assertThat(r.getErrors().get(0).getMessage()).as(request.getKey()).contains("ends with the escape character");
        }
        assertThat(column(data("{ hr_words(order_by: {id: asc}) { small } }"), "hr_words", "small")).isEqualTo(smalls);
        assertThat(get(data("{ hr_words_aggregate { aggregate { count } } }"), "hr_words_aggregate.aggregate.count"))
                .isEqualTo(TEXTS.length);
    }

    @Test
    void comparisonsAnswerAsTheDatabasesOwnOperatorsOnTheSameColumn() {
        for (String column : textColumns()) {
            String field = column.toLowerCase(java.util.Locale.ROOT);
            for (String value : VALUES) {
                for (String[] op : new String[][] {{"_eq", "="}, {"_neq", "<>"}, {"_gt", ">"}, {"_lte", "<="}}) {
                    assertThat(weft(field, op[0], "String", value)).as("%s %s '%s'", column, op[1], value)
                            .isEqualTo(database(column + " " + op[1] + " ?", value));
                }
            }
            assertThat(weft(field, "_in", "[String!]", List.of("T1", "ab"))).as("%s IN ('T1', 'ab')", column)
                    .isEqualTo(database(column + " IN (?, ?)", "T1", "ab"));
        }
    }

    @Test
    void decimalsTheColumnCannotHoldCompareCorrectlyAndQuickly() {
        long start = System.nanoTime();
        assertThat(weft("amount", "_eq", "BigDecimal", new BigDecimal("1e131072"))).isEmpty();
        assertThat(weft("amount", "_gt", "BigDecimal", new BigDecimal("1e131072"))).isEmpty();
        assertThat(weft("amount", "_gte", "BigDecimal", new BigDecimal("1e9999999"))).isEmpty();
        assertThat(weft("amount", "_lt", "BigDecimal", new BigDecimal("1e131072"))).containsExactly(1, 2, 3, 4);
        assertThat(weft("amount", "_neq", "BigDecimal", new BigDecimal("1e131072"))).containsExactly(1, 2, 3, 4);
        assertThat(weft("amount", "_gt", "BigDecimal", new BigDecimal("-1e131072"))).containsExactly(1, 2, 3, 4);
        assertThat(weft("amount", "_gt", "BigDecimal", new BigDecimal("1e-99999999"))).containsExactly(2, 4);
        assertThat(weft("amount", "_lte", "BigDecimal", new BigDecimal("1e-99999999"))).containsExactly(1, 3);
        assertThat(weft("amount", "_lt", "BigDecimal", new BigDecimal("-1e-99999999"))).containsExactly(3);
        assertThat(weft("amount", "_gte", "BigDecimal", new BigDecimal("0.005"))).containsExactly(2, 4);
        assertThat(weft("amount", "_eq", "BigDecimal", new BigDecimal("12.5"))).containsExactly(2);
        assertThat(weft("amount", "_eq", "BigDecimal", new BigDecimal("12.505"))).isEmpty();
        assertThat(weft("amount", "_in", "[BigDecimal!]", List.of(new BigDecimal("1e131072"), new BigDecimal("12.50"))))
                .containsExactly(2);
        assertThat(weft("amount", "_nin", "[BigDecimal!]", List.of(new BigDecimal("1e131072")))).containsExactly(1, 2, 3, 4);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("14 queries").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDecimalWithAHugeExponentOrTooManyDigitsIsRefusedWithinMilliseconds() {
        long start = System.nanoTime();
        ExecutionResult r = execute("query($v: BigDecimal) { hr_words(where: {amount: {_gt: $v}}) { id } }",
                Map.of("v", new BigDecimal("1." + "3".repeat(1000))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getMessage()).isEqualTo("the value for 'amount' has 1001 digits; at most 1000 are allowed");
    }

    @Test
    void integersOutsideASmallintCompareCorrectly() {
        assertThat(weft("small", "_eq", "Int", 40_000)).isEmpty();
        assertThat(weft("small", "_gt", "Int", 40_000)).isEmpty();
        assertThat(weft("small", "_lt", "Int", 40_000)).containsExactly(1, 2, 3, 4);
        assertThat(weft("small", "_gte", "Int", -40_000)).containsExactly(1, 2, 3, 4);
        assertThat(weft("small", "_neq", "Int", -40_000)).containsExactly(1, 2, 3, 4);
        assertThat(weft("small", "_in", "[Int!]", List.of(40_000, 7))).containsExactly(4);
        assertThat(weft("small", "_nin", "[Int!]", List.of(40_000, 7))).containsExactly(1, 2, 3);
        assertThat(weft("small", "_eq", "Int", 32_767)).containsExactly(2);
    }

    @Test
    void anInListOverTheBindLimitIsRefusedNamingTheLimit() {
        int limit = Integer.parseInt(bindLimit().replace(",", ""));
        List<Integer> ids = IntStream.rangeClosed(1, limit + 1).boxed().toList();
        ExecutionResult r = execute("query($ids: [Int!]) { hr_words(where: {id: {_in: $ids}}) { id } }", Map.of("ids", ids));
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getMessage()).contains("at most " + bindLimit() + ": use shorter _in/_nin lists");
        assertThat(weft("id", "_in", "[Int!]", IntStream.rangeClosed(1, 5_000).boxed().toList())).hasSize(8);
    }
}
