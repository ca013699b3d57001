package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.testing.GraphqlAssertions;
import dev.weft.web.WeftRuntime;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics of spread and counts over columns where the filter crosses databases ({@link CrossDatabaseFixture}: customers
 * on MariaDB filtered by their orders on PostgreSQL): with a probe budget of 2 keys the customers are read in chunks and
 * each chunk's (count, average, population variance) combine exactly; the expected values come in Java from the rows.
 */
class CrossSourceAggregateStatisticsIT {
    private static final String QUERY = "{ crm_customers_aggregate(where: {orders: {total: {_gt: 100}}}) { aggregate { count"
            + " scored: count(columns: [score]) stddev { score } stddev_pop { score } var_pop { score } variance { score } }"
            + " nodes { id score } } }";
    private static CrossDatabaseFixture fixture;
    private static WeftRuntime chunked;
    private static WeftRuntime direct;

    @BeforeAll
    static void start() {
        fixture = CrossDatabaseFixture.create();
        chunked = WeftRuntime.start(fixture.services((name, p) -> p), CrossDatabaseFixture.relationships(), 2);
        direct = WeftRuntime.start(fixture.services((name, p) -> p), CrossDatabaseFixture.relationships(), 1_000_000);
    }

    @AfterAll
    static void stop() {
        try {
            if (chunked != null) {
                chunked.close();
            }
            if (direct != null) {
                direct.close();
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    void chunkedAndDirectPlansGiveTheStatisticsOfTheMatchingRows() {
        for (WeftRuntime weft : List.of(chunked, direct)) {
            Map<String, Object> data = GraphqlAssertions.data(weft.execute(QUERY, Map.of()));
            List<Map<String, Object>> rows = GraphqlAssertions.at(data, "crm_customers_aggregate.nodes");
            assertThat(rows).hasSizeGreaterThan(2);
            List<BigDecimal> scores = rows.stream().map(r -> r.get("score")).filter(Objects::nonNull)
                    .map(v -> new BigDecimal(v.toString())).toList();
            assertThat(scores).hasSizeGreaterThan(1);
            Map<?, ?> agg = GraphqlAssertions.at(data, "crm_customers_aggregate.aggregate");
            assertThat(agg.get("count")).isEqualTo(rows.size());
            assertThat(agg.get("scored")).isEqualTo(scores.size());
            for (String f : List.of("stddev", "stddev_pop", "var_pop", "variance")) {
                double expected = AggregateStatisticsScenarios.expected(f, scores);
                assertThat(((Number) ((Map<?, ?>) agg.get(f)).get("score")).doubleValue()).as(f)
                        .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void aDistinctCountAcrossChunksIsRefusedWithACode() {
        assertThat(codes(chunked.execute("{ crm_customers_aggregate(where: {orders: {total: {_gt: 100}}}) { aggregate {"
                + " count(columns: [score], distinct: true) } } }", Map.of()))).containsExactly("BAD_USER_INPUT");
    }
}
