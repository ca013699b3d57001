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
        budget.charge(bytes(rows));
        return rows;
    }

    /** Checks the related rows of each key (a relationship at one level) against {@code max-rows}. */
    static List<List<Row>> lists(RequestBudget budget, List<List<Row>> groups) {
        for (List<Row> group : groups) {
            budget.checkList(group.size());
        }
        return groups;
    }

    /**
     * The estimated bytes the parents hold of a relationship: {@code groups} are the related rows per
     * key, {@code keyOfParent} each parent's key index (negative: none); an object relationship holds
     * only the first row of its group.
     */
    static long bytesPerParent(List<List<Row>> groups, int[] keyOfParent, boolean object) {
        long[] perKey = new long[groups.size()];
        for (int k = 0; k < perKey.length; k++) {
            List<Row> group = groups.get(k);
            perKey[k] = object ? (group.isEmpty() ? 0 : group.get(0).estimatedBytes()) : bytes(group);
        }
        long bytes = 0;
        for (int key : keyOfParent) {
            bytes += key < 0 ? 0 : perKey[key];
        }
        return bytes;
    }

    static long bytes(List<Row> rows) {
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
