package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.WeftException;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import dev.weft.schema.SchemaBindings;
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
 * The parts of a query that reach into another source, done before and after the SQL of one source:
 * <ul>
 *   <li>{@code where} through a relationship to another source (or through a junction) is a
 *       semi-join: the related source returns the distinct keys of its matching rows (one
 *       statement, two through a junction), and the parent is filtered with {@code IN} those keys.
 *       At most {@code maxKeys} keys are carried; past that the request fails with BAD_USER_INPUT.</li>
 *   <li>{@code order_by} through an object relationship to another source is done in memory: the
 *       rows (at most {@code maxKeys}) are read unordered, the sort values fetched in one batched
 *       statement per hop, then sorted and paged.</li>
 * </ul>
 *
 * <p>Example: {@code crm_customers(where: {orders: {total: {_gt: 500}}})} with orders in PostgreSQL
 * runs {@code SELECT DISTINCT customer_id FROM orders WHERE total > ?} there, then
 * {@code SELECT ... FROM customers WHERE id IN (?, ?, ...)} in MariaDB.
 */
final class CrossSource {
    private final SchemaBindings bindings;
    private final Map<ServiceName, SourceExecutor> executors;
    private final int maxKeys;

    CrossSource(SchemaBindings bindings, Map<ServiceName, SourceExecutor> executors, int maxKeys) {
        this.bindings = bindings;
        this.executors = executors;
        this.maxKeys = maxKeys;
    }

    /**
     * The select with every semi-join replaced by the keys it matches; so is every {@code EXISTS} on a source
     * that cannot join within itself ({@link SourceExecutor#supportsJoins()}: MongoDB).
     */
    Select resolve(Select select) {
        Predicate where = resolve(select.where(), select.table());
        List<OrderTerm> orderBy = select.orderBy().stream().map(this::resolve).toList();
        return where == select.where() && orderBy.equals(select.orderBy()) ? select
                : new Select(select.table(), select.columns(), where, orderBy, select.page());
    }

    /** An order term whose hops carry row filters that reach other sources, resolved like a where. */
    private OrderTerm resolve(OrderTerm term) {
        if (term.hops().stream().allMatch(h -> Predicate.TRUE.equals(h.filter()))) {
            return term;
        }
        List<OrderTerm.Hop> hops = term.hops().stream().map(h -> new OrderTerm.Hop(h.target(), h.outerColumns(),
                h.innerColumns(), resolve(h.filter(), h.target()))).toList();
        return new OrderTerm(hops, term.column(), term.descending(), term.nulls());
    }

    /** {@code p} with its semi-joins resolved; {@code scope} is the table whose rows {@code p} filters. */
    Predicate resolve(Predicate p, TableRef scope) {
        return switch (p) {
            case Predicate.And and -> Predicate.and(and.parts().stream().map(x -> resolve(x, scope)).toList());
            case Predicate.Or or -> new Predicate.Or(or.parts().stream().map(x -> resolve(x, scope)).toList());
            case Predicate.Not not -> new Predicate.Not(resolve(not.inner(), scope));
            case Predicate.Exists e -> joinsWithin(e.target())
                    ? new Predicate.Exists(e.target(), e.outerColumns(), e.innerColumns(), resolve(e.where(), e.target()))
                    : existsAsKeys(e, scope);
            case Predicate.SemiJoin s -> semiJoin(s);
            default -> p;
        };
    }

    private boolean joinsWithin(TableRef table) {
        return executors.get(table.service()).supportsJoins();
    }

    /** An {@code EXISTS} on a source that cannot run it: the distinct keys of the matching rows, then {@code IN} them. */
    private Predicate existsAsKeys(Predicate.Exists e, TableRef scope) {
        Predicate inner = resolve(e.where(), e.target());
        List<List<Object>> keys = distinct("a relationship to " + e.target(), e.target(), e.innerColumns(), inner);
        List<List<Object>> outer = convert(keys, columns(e.target(), e.innerColumns()), columns(scope, e.outerColumns()));
        return outer.isEmpty() ? Predicate.FALSE : new Predicate.InList(e.outerColumns(), outer, false);
    }

    private Predicate semiJoin(Predicate.SemiJoin s) {
        Relationship r = s.relationship();
        Predicate inner = resolve(s.where(), r.to());
        List<List<Object>> related = distinct(r, r.to(), r.toColumns(), inner);
        List<Column> relatedColumns = columns(r.to(), r.toColumns());
        if (r.junction().isPresent()) {
            Relationship.Junction j = r.junction().get();
            List<List<Object>> junctionKeys = convert(related, relatedColumns, columns(j.table(), j.toColumns()));
            if (junctionKeys.isEmpty()) {
                return Predicate.FALSE;
            }
            related = distinct(r, j.table(), j.fromColumns(), Predicate.and(List.of(
                    new Predicate.InList(j.toColumns(), junctionKeys, false), resolve(s.junctionWhere(), j.table()))));
            relatedColumns = columns(j.table(), j.fromColumns());
        }
        List<List<Object>> parentKeys = convert(related, relatedColumns, columns(r.from(), r.fromColumns()));
        return parentKeys.isEmpty() ? Predicate.FALSE : new Predicate.InList(r.fromColumns(), parentKeys, false);
    }

    private List<List<Object>> distinct(Relationship r, TableRef table, List<String> columns, Predicate where) {
        return distinct("'" + r.fieldName() + "'", table, columns, where);
    }

    private List<List<Object>> distinct(String through, TableRef table, List<String> columns, Predicate where) {
        List<List<Object>> keys = executors.get(table.service()).distinctKeys(table, columns, where, maxKeys + 1L);
        if (keys.size() > maxKeys) {
            throw WeftException.badInput("the filter through " + through + " matches more than " + maxKeys
                    + " related keys (weft.cross-source-max-keys); narrow the condition");
        }
        return keys;
    }

    /** Keys read from {@code from} columns, converted to values the {@code to} columns can hold; duplicates removed. */
    private static List<List<Object>> convert(List<List<Object>> keys, List<Column> from, List<Column> to) {
        JoinKeys joins = JoinKeys.of(from, to);
        Map<List<Object>, List<Object>> converted = new LinkedHashMap<>();
        for (List<Object> key : keys) {
            List<Object> canonical = joins.canonical(key);
            if (canonical != null) {
                joins.bindable(canonical).ifPresent(b -> converted.putIfAbsent(canonical, b));
            }
        }
        return new ArrayList<>(converted.values());
    }

    /**
     * Whether an order term goes through a relationship to another source than the select's table, or
     * through any relationship on a source that cannot join within itself (MongoDB).
     */
    boolean ordersRemotely(Select select) {
        return select.orderBy().stream().flatMap(t -> t.hops().stream())
                .anyMatch(h -> !h.target().service().equals(select.table().service()) || !joinsWithin(h.target()));
    }

    /** The select to send when ordering happens in memory: no ORDER BY, no page, order columns added. */
    Select unorderedForMemorySort(Select select, boolean capped) {
        Set<String> columns = new LinkedHashSet<>(select.columns());
        for (OrderTerm term : select.orderBy()) {
            columns.addAll(term.hops().isEmpty() ? List.of(term.column()) : term.hops().get(0).outerColumns());
        }
        return new Select(select.table(), List.copyOf(columns), select.where(), List.of(),
                capped ? new Page(maxKeys + 1L, null) : Page.ALL);
    }

    /** Checks the row cap of an in-memory sort. */
    List<Row> capped(List<Row> rows, String what) {
        if (rows.size() > maxKeys) {
            throw WeftException.badInput("ordering " + what + " through a relationship to another source is done in memory"
                    + " and takes at most " + maxKeys + " rows (weft.cross-source-max-keys); filter the rows first");
        }
        return rows;
    }

    /** Sorts rows of {@code table} by the terms (fetching values through relationships) and cuts the page. */
    List<Row> sortAndPage(TableRef table, List<Row> rows, List<OrderTerm> terms, Page page) {
        List<Row> sorted = new ArrayList<>(rows);
        if (!terms.isEmpty() && !rows.isEmpty()) {
            List<Map<Row, Object>> values = new ArrayList<>();
            for (OrderTerm term : terms) {
                values.add(term.hops().isEmpty() ? own(rows, term.column()) : through(table, rows, term.hops(), term.column()));
            }
            Comparator<Row> order = null;
            for (int i = 0; i < terms.size(); i++) {
                Comparator<Row> next = comparator(terms.get(i), values.get(i));
                order = order == null ? next : order.thenComparing(next);
            }
            sorted.sort(order);
        }
        return PerKeyPage.cut(sorted, page);
    }

    private static Map<Row, Object> own(List<Row> rows, String column) {
        Map<Row, Object> values = new IdentityHashMap<>();
        rows.forEach(r -> values.put(r, r.get(column)));
        return values;
    }

    /** The value of {@code column} reached from each row through the hops: one batched select per hop. */
    private Map<Row, Object> through(TableRef table, List<Row> rows, List<OrderTerm.Hop> hops, String column) {
        Map<Row, Row> reached = new IdentityHashMap<>();
        rows.forEach(r -> reached.put(r, r));
        TableRef current = table;
        for (int i = 0; i < hops.size(); i++) {
            OrderTerm.Hop hop = hops.get(i);
            List<String> wanted = i + 1 < hops.size() ? hops.get(i + 1).outerColumns() : List.of(column);
            JoinKeys joins = JoinKeys.of(columns(current, hop.outerColumns()), columns(hop.target(), hop.innerColumns()));
            Map<List<Object>, List<Object>> bind = new LinkedHashMap<>();
            for (Row r : reached.values()) {
                List<Object> key = r == null ? null : joins.canonical(values(r, hop.outerColumns()));
                if (key != null) {
                    joins.bindable(key).ifPresent(b -> bind.putIfAbsent(key, b));
                }
            }
            Set<String> selected = new LinkedHashSet<>(hop.innerColumns());
            selected.addAll(wanted);
            Select select = new Select(hop.target(), List.copyOf(selected), hop.filter(), List.of(), Page.ALL);
            List<Row> found = bind.isEmpty() ? List.of() : executors.get(hop.target().service())
                    .selectBatch(select, new KeyBatch(hop.innerColumns(), new ArrayList<>(bind.values())));
            Map<List<Object>, Row> byKey = new HashMap<>();
            found.forEach(f -> {
                List<Object> key = joins.canonicalTarget(values(f, hop.innerColumns()));
                if (key != null) {
                    byKey.putIfAbsent(key, f);
                }
            });
            reached.replaceAll((origin, r) -> {
                List<Object> key = r == null ? null : joins.canonical(values(r, hop.outerColumns()));
                return key == null ? null : byKey.get(key);
            });
            current = hop.target();
        }
        Map<Row, Object> values = new IdentityHashMap<>();
        reached.forEach((origin, r) -> values.put(origin, r == null ? null : r.get(column)));
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Row> comparator(OrderTerm term, Map<Row, Object> values) {
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

    private static List<Object> values(Row row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        columns.forEach(c -> values.add(row.get(c)));
        return values;
    }

    private List<Column> columns(TableRef table, List<String> names) {
        Table t = bindings.table(table).table();
        return names.stream().map(t::requireColumn).toList();
    }
}
