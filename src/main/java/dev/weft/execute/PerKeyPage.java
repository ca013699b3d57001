package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.query.Aggregates;
import dev.weft.query.Page;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-parent paging done in memory, for sources without {@code PARTITION BY}: rows arrive ordered,
 * are grouped by key, and each group is cut to its page. Also aggregates such groups.
 */
final class PerKeyPage {

    private PerKeyPage() {
    }

    static List<Row> apply(List<Row> rows, List<String> keyColumns, Page page) {
        List<Row> result = new ArrayList<>();
        for (List<Row> group : groups(rows, keyColumns).values()) {
            result.addAll(cut(group, page));
        }
        return result;
    }

    static List<SourceExecutor.KeyedAggregate> aggregateInMemory(List<Row> pagedRows, List<String> keyColumns,
                                                                Aggregates aggregates, Table table) {
        List<SourceExecutor.KeyedAggregate> result = new ArrayList<>();
        groups(pagedRows, keyColumns).forEach((key, group) ->
                result.add(new SourceExecutor.KeyedAggregate(key, aggregate(group, aggregates, table))));
        return result;
    }

    /** The same select also reading every column {@code aggregates} computes over (its counts' columns included). */
    static dev.weft.query.Select reading(dev.weft.query.Select select, Aggregates aggregates) {
        java.util.Set<String> columns = new java.util.LinkedHashSet<>(select.columns());
        aggregates.functions().forEach(a -> columns.add(a.column()));
        aggregates.counts().forEach(c -> columns.addAll(c.columns()));
        return select.withColumns(List.copyOf(columns));
    }

    /** {@code count} and {@code <fn>.<column>} over rows already read (which must hold the aggregated columns). */
    static Map<String, Object> aggregate(List<Row> rows, Aggregates aggregates, Table table) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", (long) rows.size());
        for (Aggregates.Count c : aggregates.counts()) {
            List<Row> present = rows.stream().filter(r -> c.columns().stream().allMatch(column -> r.get(column) != null)).toList();
            values.put(c.resultKey(), c.distinct()
                    ? present.stream().map(r -> r.get(c.columns().get(0))).distinct().count() : (long) present.size());
        }
        for (Aggregates.Aggregate a : aggregates.functions()) {
            Column column = table.requireColumn(a.column());
            List<Object> present = rows.stream().map(r -> r.get(a.column())).filter(v -> v != null).toList();
            values.put(a.resultKey(), compute(a.function(), present, column));
        }
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object compute(Aggregates.Function function, List<Object> values, Column column) {
        if (values.isEmpty()) {
            return null;
        }
        if (function.isSpread()) {
            return dev.weft.query.Spread.of(values).value(function);
        }
        return switch (function) {
            case SUM -> JdbcSourceExecutor.sum(total(values), column.type());
            case AVG -> total(values).doubleValue() / values.size();
            case MIN -> values.stream().min((Comparator) Comparator.naturalOrder()).orElse(null);
            case MAX -> values.stream().max((Comparator) Comparator.naturalOrder()).orElse(null);
            default -> throw new IllegalStateException("not a plain aggregate: " + function);
        };
    }

    private static BigDecimal total(List<Object> values) {
        return values.stream().map(v -> new BigDecimal(v.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<List<Object>, List<Row>> groups(List<Row> rows, List<String> keyColumns) {
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> key = keyColumns.stream().map(row::get).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /** The nodes of an aggregate among its already paged rows: the first ones, up to the nodes' limit. */
    static List<Row> nodes(List<Row> pagedRows, Page nodesPage) {
        return nodesPage.limit() == null || pagedRows.size() <= nodesPage.limit() ? pagedRows
                : pagedRows.subList(0, nodesPage.limit().intValue());
    }

    static List<Row> cut(List<Row> group, Page page) {
        int from = (int) Math.min(group.size(), page.offset() == null ? 0 : page.offset());
        int to = page.limit() == null ? group.size() : (int) Math.min(group.size(), from + page.limit());
        return group.subList(from, to);
    }
}
