package dev.weft.execute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code distinct_on} done in memory (MongoDB, a SQL server without window functions, rows sorted in memory
 * across sources): of rows already in the query's order, the first of each distinct combination of the
 * columns' values, in that order. Two NULLs count as equal, as in {@code DISTINCT ON}.
 *
 * <pre>{@code
 * first([{d: 1, s: 9}, {d: 1, s: 5}, {d: 2, s: 7}], ["d"])   // [{d: 1, s: 9}, {d: 2, s: 7}]
 * }</pre>
 */
public final class DistinctRows {
    private DistinctRows() {
    }

    /** The first row of each combination of {@code columns}; all rows when {@code columns} is empty. */
    public static List<Row> first(List<Row> ordered, List<String> columns) {
        if (columns.isEmpty()) {
            return ordered;
        }
        Set<List<Object>> seen = new HashSet<>();
        List<Row> kept = new ArrayList<>();
        for (Row row : ordered) {
            List<Object> key = new ArrayList<>(columns.size());
            columns.forEach(c -> key.add(row.get(c)));
            if (seen.add(key)) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** As {@link #first}, per parent: rows of different {@code keyColumns} values never compete. */
    public static List<Row> firstPerKey(List<Row> ordered, List<String> keyColumns, List<String> columns) {
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(columns);
        return columns.isEmpty() ? ordered : first(ordered, all);
    }
}
