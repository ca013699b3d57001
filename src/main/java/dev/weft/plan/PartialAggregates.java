package dev.weft.plan;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.query.Aggregates;
import dev.weft.query.Spread;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates combined from the partial aggregates of disjoint chunks of rows: counts and sums add up,
 * minimum and maximum compare, an average is the total sum over the total number of non-null values, and a
 * standard deviation or variance combines each chunk's (non-null count, average, population variance) exactly
 * ({@link Spread#plus}). A distinct count does not combine across chunks and is refused.
 *
 * <p>Example: chunks with (count 3, sum 10, 2 non-null) and (count 2, sum 5, 1 non-null) give count 5,
 * sum 15 and avg 5.0.
 */
final class PartialAggregates {
    private final Aggregates asked;
    private final Aggregates perChunk;
    private final Map<String, Object> totals = new LinkedHashMap<>();
    private final Map<String, Long> nonNull = new LinkedHashMap<>();
    private final Map<String, Spread> spreads = new LinkedHashMap<>();
    private long count;

    PartialAggregates(Aggregates asked) {
        this.asked = asked;
        if (asked.counts().stream().anyMatch(Aggregates.Count::distinct)) {
            throw new WeftException(ErrorCode.BAD_USER_INPUT, "count(distinct: true) is not available where the filter "
                    + "spans sources (rows are read in chunks, and distinct values do not add up across chunks)");
        }
        this.perChunk = perChunkOf(asked);
    }

    /**
     * What each chunk is asked: the aggregates asked, with the sum of each averaged column, and for each column
     * of a standard deviation or variance its average and population variance.
     */
    Aggregates perChunk() {
        return perChunk;
    }

    private static Aggregates perChunkOf(Aggregates asked) {
        List<Aggregates.Aggregate> functions = new ArrayList<>();
        for (Aggregates.Aggregate a : asked.functions()) {
            if (!a.function().isSpread()) {
                add(functions, a);
            }
            if (a.function() == Aggregates.Function.AVG) {
                add(functions, new Aggregates.Aggregate(Aggregates.Function.SUM, a.column()));
            } else if (a.function().isSpread()) {
                add(functions, new Aggregates.Aggregate(Aggregates.Function.AVG, a.column()));
                add(functions, new Aggregates.Aggregate(Aggregates.Function.VAR_POP, a.column()));
            }
        }
        return new Aggregates(true, asked.counts(), functions);
    }

    private static void add(List<Aggregates.Aggregate> functions, Aggregates.Aggregate a) {
        if (!functions.contains(a)) {
            functions.add(a);
        }
    }

    /** The averaged columns and those of a spread, whose non-null values each chunk counts. */
    List<String> averaged() {
        return asked.functions().stream().filter(a -> a.function() == Aggregates.Function.AVG || a.function().isSpread())
                .map(Aggregates.Aggregate::column).distinct().toList();
    }

    void add(Map<String, Object> chunk, Map<String, Long> nonNullOfAveraged) {
        count += ((Number) chunk.get("count")).longValue();
        for (Aggregates.Count c : asked.counts()) {
            totals.merge(c.resultKey(), ((Number) chunk.get(c.resultKey())).longValue(), (a, b) -> (Long) a + (Long) b);
        }
        for (Aggregates.Aggregate a : perChunk.functions()) {
            String key = a.resultKey();
            Object value = chunk.get(key);
            switch (a.function()) {
                case SUM -> totals.put(key, add(totals.get(key), value));
                case MIN -> totals.put(key, pick(totals.get(key), value, true));
                case MAX -> totals.put(key, pick(totals.get(key), value, false));
                case VAR_POP -> {
                    long n = nonNullOfAveraged.getOrDefault(a.column(), 0L);
                    Spread s = Spread.ofChunk(n, (Number) chunk.get("avg." + a.column()), (Number) value);
                    spreads.merge(a.column(), s, Spread::plus);
                }
                default -> { }
            }
        }
        nonNullOfAveraged.forEach((column, n) -> nonNull.merge(column, n, Long::sum));
    }

    Map<String, Object> result() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", count);
        for (Aggregates.Count c : asked.counts()) {
            values.put(c.resultKey(), totals.getOrDefault(c.resultKey(), 0L));
        }
        for (Aggregates.Aggregate a : asked.functions()) {
            values.put(a.resultKey(), a.function() == Aggregates.Function.AVG ? average(a.column())
                    : a.function().isSpread() ? spreads.getOrDefault(a.column(), Spread.NONE).value(a.function())
                    : totals.get(a.resultKey()));
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
