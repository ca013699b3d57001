package dev.weft.execute;

import dev.weft.limits.RequestBudget;
import dev.weft.query.Page;
import dev.weft.query.Select;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/**
 * Charges the rows that go into a response to the request's {@link RequestBudget}, level by level,
 * before the next level is fetched: a list over {@code max-rows} fails, and so does a response whose
 * estimated size passes {@code max-response-bytes}. The size counts what the response holds, not what
 * was read: related rows shared by many parents (fetched once per key) count once per parent. A root
 * list is read with at most {@code max-rows + 1} rows, so that an unbounded list never comes into
 * memory whole.
 *
 * <pre>{@code
 * List<Row> rows = ResponseRows.list(budget, executor.select(ResponseRows.capped(select, budget)));
 * }</pre>
 */
final class ResponseRows {
    /** Bytes counted for every value besides its own: its key, quotes and separators in JSON. */
    private static final int PER_VALUE = 12;
    /** Rows sized one by one in a list; a longer list is sized by this many of its rows. */
    static final int SAMPLE = 64;

    private ResponseRows() {
    }

    /** {@code select} reading at most one row more than a list may hold. */
    static Select capped(Select select, RequestBudget budget) {
        long cap = budget.listReadCap();
        Page page = select.page();
        if (page.limit() != null && page.limit() <= cap) {
            return select;
        }
        return select.withPage(new Page(cap, page.offset()));
    }

    /** Checks and charges one list. */
    static List<Row> list(RequestBudget budget, List<Row> rows) {
        budget.checkList(rows.size());
        charge(budget, rows);
        return rows;
    }

    /**
     * Charges {@code rows}: by their sampled size ({@link #bytes}), or row by row when the sample would pass
     * {@code max-response-bytes} (a few large values in the sample must not refuse a response that fits).
     */
    static void charge(RequestBudget budget, List<Row> rows) {
        long sampled = bytes(rows);
        budget.charge(budget.fits(sampled) ? sampled : exactBytes(rows));
    }

    /** Charges what the parents hold of a relationship ({@link #bytesPerParent}), row by row when the sample would not fit. */
    static void chargePerParent(RequestBudget budget, List<List<Row>> groups, int[] keyOfParent, boolean object) {
        long sampled = bytesPerParent(groups, keyOfParent, object);
        budget.charge(budget.fits(sampled) ? sampled : bytesPerParent(groups, keyOfParent, object, true));
    }

    /** Checks the related rows of each key (a relationship at one level) against {@code max-rows}. */
    static List<List<Row>> lists(RequestBudget budget, List<List<Row>> groups) {
        int longest = 0;
        for (List<Row> group : groups) {
            longest = Math.max(longest, group.size());
        }
        budget.checkList(longest); // the longest list decides; once, as the clock is read for the timeout
        return groups;
    }

    /**
     * The estimated bytes the parents hold of a relationship: {@code groups} are the related rows per
     * key, {@code keyOfParent} each parent's key index (negative: none); an object relationship holds
     * only the first row of its group. Rows are sized as in {@link #bytes}: past {@value #SAMPLE} rows, by a sample.
     */
    static long bytesPerParent(List<List<Row>> groups, int[] keyOfParent, boolean object) {
        return bytesPerParent(groups, keyOfParent, object, false);
    }

    private static long bytesPerParent(List<List<Row>> groups, int[] keyOfParent, boolean object, boolean exact) {
        int total = 0;
        for (List<Row> group : groups) {
            total += object ? Math.min(1, group.size()) : group.size();
        }
        double perRow = exact || total <= SAMPLE ? -1 : averageRowBytes(groups, total, object);
        long[] perKey = new long[groups.size()];
        for (int k = 0; k < perKey.length; k++) {
            List<Row> group = object && !groups.get(k).isEmpty() ? groups.get(k).subList(0, 1) : groups.get(k);
            perKey[k] = perRow < 0 ? exactBytes(group) : Math.round(perRow * group.size());
        }
        long bytes = 0;
        for (int key : keyOfParent) {
            bytes += key < 0 ? 0 : perKey[key];
        }
        return bytes;
    }

    /** The mean estimated size of {@value #SAMPLE} rows spread evenly over the groups' {@code total} rows. */
    private static double averageRowBytes(List<List<Row>> groups, int total, boolean object) {
        long sampled = 0;
        int taken = 0;
        int seen = 0;
        for (List<Row> group : groups) {
            int size = object ? Math.min(1, group.size()) : group.size();
            // row number seen + i is sampled when it is the first at or past the next multiple of total / SAMPLE
            for (int i = 0; i < size && taken < SAMPLE; i++) {
                if ((long) (seen + i) * SAMPLE >= (long) taken * total) {
                    sampled += group.get(i).estimatedBytes();
                    taken++;
                }
            }
            seen += size;
        }
        return taken == 0 ? 0 : (double) sampled / taken;
    }

    /**
     * The estimated JSON size of {@code rows}: every row's up to {@value #SAMPLE} rows, past that {@value #SAMPLE} rows
     * spread evenly over the list, scaled to its length (an estimate that costs the same for any list; the bytes
     * actually written are counted while writing, see {@code ResponseBound}).
     */
    static long bytes(List<Row> rows) {
        int n = rows.size();
        if (n <= SAMPLE) {
            return exactBytes(rows);
        }
        long sampled = 0;
        for (int i = 0; i < SAMPLE; i++) {
            sampled += rows.get((int) ((long) i * n / SAMPLE)).estimatedBytes();
        }
        return sampled * n / SAMPLE;
    }

    private static long exactBytes(List<Row> rows) {
        long bytes = 0;
        for (Row row : rows) {
            bytes += row.estimatedBytes();
        }
        return bytes;
    }

    /** A rough size of one value in a JSON response. */
    static long estimate(Object value) {
        if (value instanceof String s) { // the common cases first, without the type switch
            return PER_VALUE + s.length();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return PER_VALUE + 20;
        }
        return PER_VALUE + switch (value) {
            case null -> 4;
            case CharSequence s -> s.length();
            case byte[] b -> b.length * 4L / 3;
            case Map<?, ?> m -> m.values().stream().mapToLong(ResponseRows::estimate).sum();
            case List<?> l -> l.stream().mapToLong(ResponseRows::estimate).sum();
            case TemporalAccessor t -> 32;
            default -> 20;
        };
    }
}
