package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import dev.weft.execute.DistinctRows;
import dev.weft.execute.JoinKeys;
import dev.weft.execute.Row;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code order_by} through a relationship to another source done in memory: the rows are read
 * unordered, the sort values fetched in one batched statement per hop, then sorted and paged. Used for
 * relationship fields (bounded by their parents) and for root lists the sorted side cannot drive
 * ({@link SortedSideDriver}), within the memory budget.
 */
final class InMemoryOrder {
    private final Sources sources;

    InMemoryOrder(Sources sources) {
        this.sources = sources;
    }

    /** Whether an order term goes through a relationship the select's source cannot join within itself. */
    boolean ordersRemotely(Select select) {
        return select.orderBy().stream().flatMap(t -> t.reaches().stream())
                .anyMatch(target -> !sources.joinsWithin(select.table(), target));
    }

    /** The select to send when ordering happens in memory: no ORDER BY, no page, order columns added. */
    static Select unordered(Select select) {
        Set<String> columns = new LinkedHashSet<>(select.columns());
        for (OrderTerm term : select.orderBy()) {
            columns.addAll(!term.hops().isEmpty() ? term.hops().get(0).outerColumns()
                    : term.isAggregate() ? term.aggregate().related().outerColumns() : List.of(term.column()));
        }
        return new Select(select.table(), List.copyOf(columns), select.where(), List.of(), Page.ALL);
    }

    /** Every row of the select read and sorted in memory; fails past the budget. */
    List<Row> readAndSort(Select select) {
        Select unordered = unordered(select);
        int budget = sources.budget().maxKeys();
        List<Row> rows = sources.of(select.table()).select(new Select(unordered.table(), unordered.columns(),
                unordered.where(), List.of(), new Page(budget + 1L, null)));
        sources.budget().check(rows.size(), "ordering the rows of " + select.table() + " through another source");
        PlanLog.choice("plan {} order_by: {} rows sorted in memory", select.table(), rows.size());
        PlanLog.report(new PlanChoice(select.table(), "order_by", "sorted_in_memory", select.table(), (long) rows.size(), null,
                null, null));
        return sortAndPage(select, rows);
    }

    /** Sorts rows of the select's table by its terms, keeps the first of each {@code distinct_on} combination, cuts its page. */
    List<Row> sortAndPage(Select select, List<Row> rows) {
        List<Row> sorted = sortAndPage(select.table(), rows, select.orderBy(), Page.ALL);
        return cut(DistinctRows.first(sorted, select.distinctOn()), select.page());
    }

    /** Sorts rows of {@code table} by the terms (fetching values through relationships) and cuts the page. */
    List<Row> sortAndPage(TableRef table, List<Row> rows, List<OrderTerm> terms, Page page) {
        List<Row> sorted = new ArrayList<>(rows);
        if (!terms.isEmpty() && !rows.isEmpty()) {
            Comparator<Row> order = null;
            for (OrderTerm term : terms) {
                Map<Row, Object> values = values(table, rows, term);
                Comparator<Row> next = comparator(term, values);
                order = order == null ? next : order.thenComparing(next);
            }
            sorted.sort(order);
        }
        return cut(sorted, page);
    }

    static List<Row> cut(List<Row> rows, Page page) {
        int from = (int) Math.min(rows.size(), page.offset() == null ? 0 : page.offset());
        int to = page.limit() == null ? rows.size() : (int) Math.min(rows.size(), from + page.limit());
        return rows.subList(from, to);
    }

    private static Map<Row, Object> own(List<Row> rows, String column) {
        Map<Row, Object> values = new IdentityHashMap<>();
        rows.forEach(r -> values.put(r, r.get(column)));
        return values;
    }

    /**
     * The sort value of each row: a column reached through the term's hops (one batched select per hop), or an
     * aggregate over the related rows of the row reached ({@link RelatedAggregates}, one batched statement).
     */
    private Map<Row, Object> values(TableRef table, List<Row> rows, OrderTerm term) {
        if (!term.isAggregate()) {
            return term.hops().isEmpty() ? own(rows, term.column()) : through(table, rows, term.hops(), List.of(term.column()))
                    .entrySet().stream().collect(IdentityHashMap::new,
                            (m, e) -> m.put(e.getKey(), e.getValue() == null ? null : e.getValue().get(term.column())), Map::putAll);
        }
        List<String> outer = term.aggregate().related().outerColumns();
        Map<Row, Row> reached = through(table, rows, term.hops(), outer);
        TableRef scope = term.hops().isEmpty() ? table : term.hops().getLast().target();
        return new RelatedAggregates(sources).values(scope, reached, term);
    }

    /** The row reached from each row through the hops (null where none), holding {@code wanted}. */
    private Map<Row, Row> through(TableRef table, List<Row> rows, List<OrderTerm.Hop> hops, List<String> wanted) {
        Map<Row, Row> reached = new IdentityHashMap<>();
        rows.forEach(r -> reached.put(r, r));
        TableRef current = table;
        for (int i = 0; i < hops.size(); i++) {
            OrderTerm.Hop hop = hops.get(i);
            List<String> needed = i + 1 < hops.size() ? hops.get(i + 1).outerColumns() : wanted;
            JoinKeys joins = JoinKeys.of(sources.columns(current, hop.outerColumns()),
                    sources.columns(hop.target(), hop.innerColumns()));
            Map<List<Object>, List<Object>> bind = new LinkedHashMap<>();
            for (Row r : reached.values()) {
                List<Object> key = r == null ? null : joins.canonical(Sources.values(r, hop.outerColumns()));
                if (key != null) {
                    joins.bindable(key).ifPresent(b -> bind.putIfAbsent(key, b));
                }
            }
            Set<String> selected = new LinkedHashSet<>(hop.innerColumns());
            selected.addAll(needed);
            Select select = new Select(hop.target(), List.copyOf(selected), hop.filter(), List.of(), Page.ALL);
            List<Row> found = bind.isEmpty() ? List.of() : sources.of(hop.target())
                    .selectBatch(select, new KeyBatch(hop.innerColumns(), new ArrayList<>(bind.values())));
            Map<List<Object>, Row> byKey = new HashMap<>();
            found.forEach(f -> {
                List<Object> key = joins.canonicalTarget(Sources.values(f, hop.innerColumns()));
                if (key != null) {
                    byKey.putIfAbsent(key, f);
                }
            });
            reached.replaceAll((origin, r) -> {
                List<Object> key = r == null ? null : joins.canonical(Sources.values(r, hop.outerColumns()));
                return key == null ? null : byKey.get(key);
            });
            current = hop.target();
        }
        return reached;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Row> comparator(OrderTerm term, Map<Row, Object> values) {
        return (a, b) -> {
            Object x = values.get(a);
            Object y = values.get(b);
            if (x == null || y == null) {
                if (x == y) {
                    return 0;
                }
                boolean nullFirst = term.nulls() == NullsOrder.FIRST;
                return (x == null) == nullFirst ? -1 : 1;
            }
            int c = ((Comparable) x).compareTo(y);
            return term.descending() ? -c : c;
        };
    }
}
