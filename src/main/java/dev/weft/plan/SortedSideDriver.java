package dev.weft.plan;

import dev.weft.catalog.Column;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import dev.weft.execute.JoinKeys;
import dev.weft.execute.Row;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A root list with a {@code limit}, ordered first through an object relationship to another source, driven
 * from the sorted side: the related rows are read in that order, a chunk at a time (rows with equal sort
 * values kept together), then the parent rows of each chunk (one statement), ordered within equal sort
 * values by the remaining terms; it stops once the page is full. Parent rows with no related row (or a
 * NULL sort value) come last (first with {@code nulls: first}), read only if the page still has room.
 *
 * <p>Example: {@code shop_orders(order_by: [{customer: {name: asc}}, {order_id: asc}], limit: 5)} reads
 * customers by name, 64 at a time, and their orders ({@code customer_id IN (...) ORDER BY order_id}), until
 * five orders are found; 100,000 orders are never all read.
 */
final class SortedSideDriver {
    private static final int FIRST_CHUNK = 64;
    private final Sources sources;
    private final InMemoryOrder memory;
    private final Function<Select, List<Row>> rootList;

    SortedSideDriver(Sources sources, InMemoryOrder memory, Function<Select, List<Row>> rootList) {
        this.sources = sources;
        this.memory = memory;
        this.rootList = rootList;
    }

    boolean applies(Select select) {
        if (select.page().limit() == null || select.isDistinct() || select.orderBy().isEmpty() || select.orderBy().get(0).hops().size() != 1
                || select.orderBy().get(0).isAggregate()) {
            return false;
        }
        TableRef target = select.orderBy().get(0).hops().get(0).target();
        // a sort value inside a nested document (MongoDB's address.city) is not a column to read in order: in memory
        boolean plainColumn = sources.table(target).columns().stream()
                .anyMatch(c -> c.name().equals(select.orderBy().get(0).column()));
        return plainColumn && !sources.joinsWithin(select.table(), target) && !sources.table(target).primaryKey().isEmpty();
    }

    /** The page, or null when a run of equal sort values is larger than one chunk (then the caller sorts in memory). */
    List<Row> rows(Select select) {
        OrderTerm first = select.orderBy().get(0);
        List<OrderTerm> rest = select.orderBy().subList(1, select.orderBy().size());
        long need = select.page().limit() + (select.page().offset() == null ? 0 : select.page().offset());
        boolean nullsFirst = first.nulls() == NullsOrder.FIRST;
        List<Row> result = new ArrayList<>();
        if (nullsFirst) {
            result.addAll(withoutSortValue(select, first, rest, need));
        }
        if (result.size() < need && !sorted(select, first, rest, need, result)) {
            return null;
        }
        if (!nullsFirst && result.size() < need) {
            result.addAll(withoutSortValue(select, first, rest, need - result.size()));
        }
        return InMemoryOrder.cut(result, select.page());
    }

    /** Appends the parent rows group by group in the sorted side's order; false when a group outgrows a chunk. */
    private boolean sorted(Select select, OrderTerm first, List<OrderTerm> rest, long need, List<Row> result) {
        OrderTerm.Hop hop = first.hops().get(0);
        TableRef target = hop.target();
        List<String> targetKey = sources.table(target).primaryKey();
        Set<String> targetColumns = new LinkedHashSet<>(hop.innerColumns());
        targetColumns.addAll(targetKey);
        targetColumns.add(first.column());
        List<OrderTerm> targetOrder = ParentChunks.withPrimaryKey(List.of(OrderTerm.of(first.column(), first.descending(), null)),
                targetKey);
        boolean restLocal = rest.stream().flatMap(t -> t.reaches().stream()).allMatch(t -> sources.joinsWithin(select.table(), t));
        JoinKeys joins = JoinKeys.of(sources.columns(select.table(), hop.outerColumns()), sources.columns(target, hop.innerColumns()));
        int max = sources.budget().chunkSize();
        int size = (int) Math.max(Math.min(need * 2, max), Math.min(FIRST_CHUNK, max));
        long offset = 0;
        int chunks = 0;
        while (result.size() < need) {
            List<Row> read = sources.of(target).select(new Select(target, List.copyOf(targetColumns), valued(hop, first.column()),
                    targetOrder, new Page((long) size, offset == 0 ? null : offset)));
            chunks++;
            PlanLog.statement("{} rows of {} in order of {} from {}", size, target, first.column(), offset);
            boolean end = read.size() < size;
            List<List<Row>> groups = groups(read, first.column());
            if (!end && groups.size() == 1) {
                if (size >= max) {
                    return false;
                }
                size = Math.min(max, size * 2);
                continue;
            }
            if (!end) {
                groups.removeLast(); // may go on in the next chunk
            }
            offset += groups.stream().mapToInt(List::size).sum();
            result.addAll(parentsOf(select, hop, groups, rest, restLocal, joins));
            if (end) {
                break;
            }
            size = Math.min(max, size * 2);
        }
        PlanLog.choice("plan {} order_by {}.{}: sorted side {} drives, {} chunk(s) of it read, {} rows found for {} wanted",
                select.table(), hop.target(), first.column(), target, chunks, result.size(), need);
        PlanLog.report(new PlanChoice(select.table(), "order_by " + target.name() + "." + first.column(), "sorted_side_drives",
                target, (long) result.size(), null, chunks, max));
        return true;
    }

    /** The related rows whose sort value is not NULL, among those the caller may see. */
    private Predicate valued(OrderTerm.Hop hop, String column) {
        Column c = sources.table(hop.target()).requireColumn(column);
        return Predicate.and(List.of(hop.filter(), c.nullable() ? new Predicate.IsNull(column, false) : Predicate.TRUE));
    }

    private List<Row> parentsOf(Select select, OrderTerm.Hop hop, List<List<Row>> groups, List<OrderTerm> rest,
                                boolean restLocal, JoinKeys joins) {
        Map<List<Object>, Integer> groupOf = new HashMap<>();
        List<List<Object>> related = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Row row : groups.get(g)) {
                List<Object> key = Sources.values(row, hop.innerColumns());
                related.add(key);
                List<Object> canonical = joins.canonicalTarget(key);
                if (canonical != null) {
                    groupOf.putIfAbsent(canonical, g);
                }
            }
        }
        List<List<Object>> keys = sources.convert(related, hop.target(), hop.innerColumns(), select.table(), hop.outerColumns());
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>(select.columns());
        columns.addAll(hop.outerColumns());
        List<OrderTerm> order = restLocal ? ParentChunks.withPrimaryKey(rest, sources.table(select.table()).primaryKey())
                : List.of();
        PlanLog.statement("rows of {} for {} related keys", select.table(), keys.size());
        List<Row> parents = sources.of(select.table()).select(new Select(select.table(), List.copyOf(columns),
                Predicate.and(List.of(select.where(), new Predicate.InList(hop.outerColumns(), keys, false))), order, Page.ALL));
        List<List<Row>> byGroup = new ArrayList<>();
        groups.forEach(g -> byGroup.add(new ArrayList<>()));
        for (Row parent : parents) {
            Integer g = groupOf.get(joins.canonical(Sources.values(parent, hop.outerColumns())));
            if (g != null) {
                byGroup.get(g).add(parent);
            }
        }
        List<Row> ordered = new ArrayList<>();
        for (List<Row> group : byGroup) {
            ordered.addAll(restLocal ? group : memory.sortAndPage(select.table(), group, rest, Page.ALL));
        }
        return ordered;
    }

    /** Runs of equal sort values, in order. */
    private static List<List<Row>> groups(List<Row> rows, String column) {
        List<List<Row>> groups = new ArrayList<>();
        Object current = null;
        for (Row row : rows) {
            Object value = row.get(column);
            if (groups.isEmpty() || !Objects.equals(value, current)) {
                groups.add(new ArrayList<>());
                current = value;
            }
            groups.getLast().add(row);
        }
        return groups;
    }

    /** The parent rows with no related row the caller sees, or whose sort value is NULL: ordered by the other terms. */
    private List<Row> withoutSortValue(Select select, OrderTerm first, List<OrderTerm> rest, long wanted) {
        OrderTerm.Hop hop = first.hops().get(0);
        List<Predicate> alternatives = new ArrayList<>();
        for (Column c : sources.columns(select.table(), hop.outerColumns())) {
            if (c.nullable()) {
                alternatives.add(new Predicate.IsNull(c.name(), true));
            }
        }
        alternatives.add(new Predicate.Not(new Predicate.Exists(hop.target(), hop.outerColumns(), hop.innerColumns(),
                valued(hop, first.column()))));
        Predicate none = alternatives.size() == 1 ? alternatives.get(0) : new Predicate.Or(alternatives);
        return rootList.apply(new Select(select.table(), select.columns(), Predicate.and(List.of(select.where(), none)),
                rest, new Page(wanted, null)));
    }
}
