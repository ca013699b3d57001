package dev.weft.plan;

import dev.weft.query.Aggregates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates combined from the partial aggregates of disjoint chunks of rows: counts and sums add up,
 * minimum and maximum compare, and an average is the total sum over the total number of non-null values.
 *
 * <p>Example: chunks with (count 3, sum 10, 2 non-null) and (count 2, sum 5, 1 non-null) give count 5,
 * sum 15 and avg 5.0.
 */
final class PartialAggregates {
    private final Aggregates asked;
    private final Map<String, Object> totals = new LinkedHashMap<>();
    private final Map<String, Long> nonNull = new LinkedHashMap<>();
    private long count;

    PartialAggregates(Aggregates asked) {
        this.asked = asked;
    }

    /** What each chunk is asked: the aggregates asked, with the sum of each averaged column. */
    Aggregates perChunk() {
        List<Aggregates.Aggregate> functions = new ArrayList<>(asked.functions());
        for (Aggregates.Aggregate a : asked.functions()) {
            Aggregates.Aggregate sum = new Aggregates.Aggregate(Aggregates.Function.SUM, a.column());
            if (a.function() == Aggregates.Function.AVG && !functions.contains(sum)) {
                functions.add(sum);
            }
        }
        return new Aggregates(true, functions);
    }

    /** The averaged columns, whose non-null values each chunk counts. */
    List<String> averaged() {
        return asked.functions().stream().filter(a -> a.function() == Aggregates.Function.AVG)
                .map(Aggregates.Aggregate::column).distinct().toList();
    }

    void add(Map<String, Object> chunk, Map<String, Long> nonNullOfAveraged) {
        count += ((Number) chunk.get("count")).longValue();
        for (Aggregates.Aggregate a : perChunk().functions()) {
            String key = a.resultKey();
            Object value = chunk.get(key);
            totals.put(key, switch (a.function()) {
                case SUM -> add(totals.get(key), value);
                case MIN -> pick(totals.get(key), value, true);
                case MAX -> pick(totals.get(key), value, false);
                case AVG -> null;
            });
        }
        nonNullOfAveraged.forEach((column, n) -> nonNull.merge(column, n, Long::sum));
    }

    Map<String, Object> result() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", count);
        for (Aggregates.Aggregate a : asked.functions()) {
            values.put(a.resultKey(), a.function() == Aggregates.Function.AVG ? average(a.column()) : totals.get(a.resultKey()));
        }
        return values;
    }

    private Double average(String column) {
        Object sum = totals.get("sum." + column);
        long n = nonNull.getOrDefault(column, 0L);
        return sum == null || n == 0 ? null : new BigDecimal(sum.toString()).doubleValue() / n;
    }

    private static Object add(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        if (a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        return new BigDecimal(a.toString()).add(new BigDecimal(b.toString()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object pick(Object a, Object b, boolean min) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int c = ((Comparable) a).compareTo(b);
        return (min ? c <= 0 : c >= 0) ? a : b;
    }
}
