package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code count(columns:, distinct:)}, {@code stddev}, {@code stddev_pop}, {@code stddev_samp}, {@code variance},
 * {@code var_pop} and {@code var_samp} on each SQL engine, at the root and through a relationship, with the expected
 * values computed in Java from the seed rows (the rows are read back through Weft's own {@code nodes} first, so the
 * oracle sees what the database holds).
 *
 * <pre>
 * teams id | name        scores id | team_id | points | rating | tag
 *       1  | 'a'                1  | 1       | 10     | 1.50   | 'x'
 *       2  | 'b'                2  | 1       | 12     | 2.25   | 'x'
 *       3  | 'c'                3  | 1       | -      | 3.75   | 'y'
 *                               4  | 2       | 7      | -      | -
 *                               5  | 2       | 7      | 9.00   | 'z'
 *                               6  | 2       | 20     | 0.10   | 'x'
 *                               7  | 3       | 5      | 4.00   | -
 * </pre>
 */
abstract class AggregateStatisticsScenarios extends TargetScenario {
    private static final String[] FUNCTIONS = {"stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp"};

    @Override
    protected List<String> setup(Target target) {
        return List.of("CREATE TABLE teams (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL)",
                "CREATE TABLE scores (id INT NOT NULL PRIMARY KEY, team_id INT NOT NULL, points INT, rating DECIMAL(6,2),"
                        + " tag VARCHAR(10), CONSTRAINT fk_score_team FOREIGN KEY (team_id) REFERENCES teams (id))",
                "INSERT INTO teams VALUES (1, 'a')", "INSERT INTO teams VALUES (2, 'b')", "INSERT INTO teams VALUES (3, 'c')",
                "INSERT INTO scores VALUES (1, 1, 10, 1.50, 'x')", "INSERT INTO scores VALUES (2, 1, 12, 2.25, 'x')",
                "INSERT INTO scores VALUES (3, 1, NULL, 3.75, 'y')", "INSERT INTO scores VALUES (4, 2, 7, NULL, NULL)",
                "INSERT INTO scores VALUES (5, 2, 7, 9.00, 'z')", "INSERT INTO scores VALUES (6, 2, 20, 0.10, 'x')",
                "INSERT INTO scores VALUES (7, 3, 5, 4.00, NULL)");
    }

    private static String statistics() {
        StringBuilder q = new StringBuilder();
        for (String f : FUNCTIONS) {
            q.append(' ').append(f).append(" { points rating }");
        }
        return q.toString();
    }

    /** Whether the engine takes several COUNT(DISTINCT) over different columns in one SELECT (Derby does not). */
    protected boolean manyDistinctCounts() {
        return true;
    }

    private String counts() {
        return " count c_tag: count(columns: [tag]) c_both: count(columns: [tag, points]) d_tag: count(columns: [tag], distinct: true)"
                + (manyDistinctCounts() ? " d_points: count(columns: [points], distinct: true)" : "");
    }

    @Test
    void distinctCountsOfTwoColumnsWorkOrAreRefusedWithACode() {
        ExecutionResult result = execute("{ hr_scores_aggregate { aggregate { a: count(columns: [tag], distinct: true)"
                + " b: count(columns: [points], distinct: true) } } }");
        if (manyDistinctCounts()) {
            assertThat(result.getErrors()).isEmpty();
            assertThat(get(result.getData(), "hr_scores_aggregate.aggregate.a")).isEqualTo(3);
            assertThat(get(result.getData(), "hr_scores_aggregate.aggregate.b")).isEqualTo(5);
        } else {
            assertThat(codes(result)).containsExactly("BAD_USER_INPUT");
        }
    }

    @Test
    void rootStatisticsAndCountsMatchTheRows() {
        Map<String, Object> data = data("{ hr_scores_aggregate { aggregate {" + counts() + statistics() + " }"
                + " nodes { id points rating tag } } }");
        List<Map<String, Object>> rows = GraphqlAssertions2.rows(get(data, "hr_scores_aggregate.nodes"));
        assertThat(rows).hasSize(7);
        expectMatches(get(data, "hr_scores_aggregate.aggregate"), rows);
    }

    @Test
    void filteredAndPagedStatisticsMatchTheirRows() {
        Map<String, Object> data = data("{ hr_scores_aggregate(where: {id: {_gt: 1}}, order_by: {id: asc}, limit: 4) { aggregate {"
                + counts() + statistics() + " } nodes { id points rating tag } } }");
        List<Map<String, Object>> rows = GraphqlAssertions2.rows(get(data, "hr_scores_aggregate.nodes"));
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(2, 3, 4, 5);
        expectMatches(get(data, "hr_scores_aggregate.aggregate"), rows);
    }

    @Test
    void relationshipStatisticsMatchEachParentsRows() {
        Map<String, Object> data = data("{ hr_teams(order_by: {id: asc}) { id scores_aggregate { aggregate {" + counts()
                + statistics() + " } nodes { id points rating tag } } } }");
        List<Object> teams = get(data, "hr_teams") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        assertThat(teams).hasSize(3);
        for (Object team : teams) {
            Map<?, ?> t = (Map<?, ?>) team;
            Map<?, ?> agg = (Map<?, ?>) t.get("scores_aggregate");
            expectMatches(agg.get("aggregate"), GraphqlAssertions2.rows(agg.get("nodes")));
        }
        // team 3 has one row: sample statistics are null, population ones 0
        Map<?, ?> third = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) teams.get(2)).get("scores_aggregate")).get("aggregate");
        assertThat(((Map<?, ?>) third.get("stddev")).get("points")).isNull();
        assertThat(((Number) ((Map<?, ?>) third.get("var_pop")).get("points")).doubleValue()).isZero();
    }

    @Test
    void noRowsGiveNullStatisticsAndZeroCounts() {
        Map<String, Object> data = data("{ hr_scores_aggregate(where: {id: {_gt: 100}}) { aggregate {" + counts()
                + statistics() + " } } }");
        Map<?, ?> agg = (Map<?, ?>) get(data, "hr_scores_aggregate.aggregate");
        assertThat(List.of(agg.get("count"), agg.get("c_tag"), agg.get("d_tag"))).containsExactly(0, 0, 0);
        for (String f : FUNCTIONS) {
            assertThat(((Map<?, ?>) agg.get(f)).get("points")).as(f).isNull();
        }
    }

    @Test
    void distinctCountOverTwoColumnsIsRefusedWithACode() {
        assertThat(codes(execute("{ hr_scores_aggregate { aggregate { count(columns: [tag, points], distinct: true) } } }")))
                .containsExactly("BAD_USER_INPUT");
    }

    private void expectMatches(Object aggregate, List<Map<String, Object>> rows) {
        Map<?, ?> agg = (Map<?, ?>) aggregate;
        assertThat(agg.get("count")).isEqualTo(rows.size());
        assertThat(agg.get("c_tag")).isEqualTo(count(rows, r -> r.get("tag") != null));
        assertThat(agg.get("c_both")).isEqualTo(count(rows, r -> r.get("tag") != null && r.get("points") != null));
        assertThat(agg.get("d_tag")).isEqualTo((int) rows.stream().map(r -> r.get("tag")).filter(Objects::nonNull).distinct().count());
        assertThat(agg.get("d_points")).isEqualTo(!manyDistinctCounts() ? null : (int) rows.stream().map(r -> r.get("points")).filter(Objects::nonNull).distinct().count());
        for (String column : List.of("points", "rating")) {
            List<BigDecimal> values = rows.stream().map(r -> r.get(column)).filter(Objects::nonNull)
                    .map(v -> new BigDecimal(v.toString())).toList();
            for (String f : FUNCTIONS) {
                Object actual = ((Map<?, ?>) agg.get(f)).get(column);
                Double expected = expected(f, values);
                if (expected == null) {
                    assertThat(actual).as(f + " " + column).isNull();
                } else {
                    assertThat(actual).as(f + " " + column).isNotNull();
                    assertThat(((Number) actual).doubleValue()).as(f + " " + column).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
                }
            }
        }
    }

    private static int count(List<Map<String, Object>> rows, Predicate<Map<String, Object>> p) {
        return (int) rows.stream().filter(p).count();
    }

    /** The statistic computed exactly (BigDecimal) from the values, as the SQL standard defines it. */
    static Double expected(String function, List<BigDecimal> values) {
        boolean sample = !function.endsWith("_pop");
        int n = values.size();
        if (n == 0 || (sample && n == 1)) {
            return null;
        }
        java.math.MathContext mc = java.math.MathContext.DECIMAL128;
        BigDecimal mean = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(n), mc);
        BigDecimal m2 = values.stream().map(v -> v.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        double variance = m2.divide(BigDecimal.valueOf(sample ? n - 1 : n), mc).doubleValue();
        return function.startsWith("std") ? Math.sqrt(variance) : variance;
    }

    /** Rows of a list in a response. */
    static final class GraphqlAssertions2 {
        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> rows(Object list) {
            return (List<Map<String, Object>>) list;
        }
    }
}
