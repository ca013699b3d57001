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
