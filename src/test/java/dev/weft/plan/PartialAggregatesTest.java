package dev.weft.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.query.Aggregates;
import dev.weft.query.Aggregates.Aggregate;
import dev.weft.query.Aggregates.Function;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialAggregatesTest {

    @Test
    void chunksAddUpToTheAggregatesOfAllTheirRows() {
        PartialAggregates partial = new PartialAggregates(new Aggregates(true, List.of(new Aggregate(Function.AVG, "salary"),
                new Aggregate(Function.MIN, "hired"), new Aggregate(Function.MAX, "hired"), new Aggregate(Function.SUM, "bonus"))));
        assertThat(partial.perChunk().functions()).contains(new Aggregate(Function.SUM, "salary"));
        assertThat(partial.averaged()).containsExactly("salary");

        partial.add(chunk(3, new BigDecimal("10.50"), "2001-01-01", "2003-01-01", 7L), Map.of("salary", 2L));
        partial.add(chunk(2, new BigDecimal("5.00"), "1999-05-01", "2002-01-01", null), Map.of("salary", 1L));
        partial.add(chunk(0, null, null, null, null), Map.of("salary", 0L));

        Map<String, Object> result = partial.result();
        assertThat(result.keySet()).containsExactly("count", "avg.salary", "min.hired", "max.hired", "sum.bonus");
        assertThat(result.get("count")).isEqualTo(5L);
        assertThat((Double) result.get("avg.salary")).isEqualTo(15.5 / 3);
        assertThat(result.get("min.hired")).isEqualTo("1999-05-01");
        assertThat(result.get("max.hired")).isEqualTo("2003-01-01");
        assertThat(result.get("sum.bonus")).isEqualTo(7L);
    }

    @Test
    void anAverageOverNoValueIsNull() {
        PartialAggregates partial = new PartialAggregates(new Aggregates(false, List.of(new Aggregate(Function.AVG, "salary"))));
        partial.add(Map.of("count", 4L), Map.of("salary", 0L));
        assertThat(partial.result()).containsEntry("count", 4L).containsEntry("avg.salary", null);
    }

    @Test
    void spreadsCombineExactlyFromEachChunksAverageAndPopulationVariance() {
        List<Double> first = List.of(1.0, 2.0, 4.0);
        List<Double> second = List.of(10.0, 11.0);
        List<Double> all = List.of(1.0, 2.0, 4.0, 10.0, 11.0);
        PartialAggregates partial = new PartialAggregates(new Aggregates(true, List.of(new Aggregate(Function.STDDEV, "x"),
                new Aggregate(Function.VAR_POP, "x"), new Aggregate(Function.VARIANCE, "x"))));
        assertThat(partial.perChunk().functions()).contains(new Aggregate(Function.AVG, "x"), new Aggregate(Function.VAR_POP, "x"));
        assertThat(partial.averaged()).containsExactly("x");
        partial.add(spreadChunk(first), Map.of("x", 3L));
        partial.add(spreadChunk(second), Map.of("x", 2L));
        partial.add(Map.of("count", 0L), Map.of("x", 0L));
        Map<String, Object> result = partial.result();
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double m2 = all.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        assertThat((Double) result.get("var_pop.x")).isCloseTo(m2 / 5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat((Double) result.get("variance.x")).isCloseTo(m2 / 4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat((Double) result.get("stddev.x")).isCloseTo(Math.sqrt(m2 / 4), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aSampleStatisticOverOneValueIsNullAndCountsOverColumnsAddUp() {
        Aggregates.Count tagged = new Aggregates.Count(List.of("tag"), false, "count:tag");
        PartialAggregates partial = new PartialAggregates(new Aggregates(true, List.of(tagged),
                List.of(new Aggregate(Function.STDDEV_SAMP, "x"), new Aggregate(Function.STDDEV_POP, "x"))));
        Map<String, Object> one = new HashMap<>(spreadChunk(List.of(5.0)));
        one.put("count:tag", 1L);
        Map<String, Object> none = new HashMap<>(Map.of("count", 2L, "count:tag", 2L));
        partial.add(one, Map.of("x", 1L));
        partial.add(none, Map.of("x", 0L));
        assertThat(partial.result()).containsEntry("stddev_samp.x", null).containsEntry("stddev_pop.x", 0.0)
                .containsEntry("count:tag", 3L).containsEntry("count", 3L);
    }

    @Test
    void aDistinctCountIsRefusedWithACode() {
        Aggregates distinct = new Aggregates(false, List.of(new Aggregates.Count(List.of("tag"), true, "count:distinct:tag")), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PartialAggregates(distinct))
                .isInstanceOf(dev.weft.dialect.WeftException.class).hasMessageContaining("distinct");
    }

    private static Map<String, Object> spreadChunk(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double varPop = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
        Map<String, Object> chunk = new HashMap<>();
        chunk.put("count", (long) values.size());
        chunk.put("avg.x", mean);
        chunk.put("var_pop.x", varPop);
        return chunk;
    }

    private static Map<String, Object> chunk(long count, BigDecimal salarySum, String minHired, String maxHired, Long bonus) {
        Map<String, Object> values = new HashMap<>();
        values.put("count", count);
        values.put("sum.salary", salarySum);
        values.put("avg.salary", null);
        values.put("min.hired", minHired);
        values.put("max.hired", maxHired);
        values.put("sum.bonus", bonus);
        return values;
    }
}
