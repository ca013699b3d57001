package dev.weft.plan;

import dev.weft.catalog.ServiceName;
import dev.weft.execute.CrossSourceSteps;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import dev.weft.schema.SchemaBindings;
import java.util.List;
import java.util.Map;

/**
 * The cross-source planner: runs the parts of a query that reach another source, choosing per condition
 * which side to read first.
 * <ul>
 *   <li>{@code where} (and {@code _not}, and {@code {rel: {}}}) through a relationship to another source,
 *       through a junction, or on a source that cannot join within itself (MongoDB): a bounded probe of the
 *       related side; small, its keys then {@code IN} on the parent; large, the parent side first in chunks
 *       of keys, each tested on the related side in one statement ({@link FilterPlanner}, {@link ChunkedFilter});
 *       aggregates over such rows are added up from exact per-chunk aggregates.</li>
 *   <li>{@code order_by} through an object relationship to another source with a {@code limit}: driven from
 *       the sorted side ({@link SortedSideDriver}); otherwise sorted in memory within the budget.</li>
 * </ul>
 * Every step reads with the caller's row filters, which the query model already carries on both sides.
 * The choice is logged at DEBUG on {@code weft.plan}.
 *
 * <p>Example: {@code new CrossSourcePlanner(bindings, executors, 1_000_000).rootList(select)}.
 */
public final class CrossSourcePlanner implements CrossSourceSteps {
    private final Sources sources;
    private final RelatedKeysFirst keysFirst;
    private final FilterPlanner filters;
    private final InMemoryOrder memory;
    private final SortedSideDriver sortedSide;

    /** @param maxKeysInMemory the memory budget, {@code weft.cross-source-max-keys-in-memory} */
    public CrossSourcePlanner(SchemaBindings bindings, Map<ServiceName, SourceExecutor> executors, int maxKeysInMemory) {
        this.sources = new Sources(bindings, executors, MemoryBudget.of(maxKeysInMemory));
        this.keysFirst = new RelatedKeysFirst(sources);
        this.filters = new FilterPlanner(sources, keysFirst);
        this.memory = new InMemoryOrder(sources);
        this.sortedSide = new SortedSideDriver(sources, memory, this::rootList);
    }

    @Override
    public List<Row> rootList(Select planned) {
        Select select = withResolvedOrder(planned);
        FilterPlan plan = filters.plan(select);
        boolean remoteOrder = memory.ordersRemotely(select);
        if (plan.parentFirst()) {
            ChunkedFilter chunked = new ChunkedFilter(sources, plan);
            if (!remoteOrder && !select.isDistinct()) {
                return InMemoryOrder.cut(chunked.rows(select.columns(), select.orderBy(), wanted(select.page()), false),
                        select.page());
            }
            List<Row> rows = chunked.rows(InMemoryOrder.unordered(select).columns(), List.of(), null, true);
            return memory.sortAndPage(select, rows);
        }
        Select resolved = plan.select();
        if (!remoteOrder) {
            return sources.of(resolved.table()).select(resolved);
        }
        List<Row> driven = sortedSide.applies(resolved) ? sortedSide.rows(resolved) : null;
        return driven != null ? driven : memory.readAndSort(resolved);
    }

    @Override
    public java.util.Optional<SourceExecutor.JsonRows> rootListJson(Select planned, List<String> valueColumns) {
        Select select = withResolvedOrder(planned);
        if (filtersRemotely(select) || memory.ordersRemotely(select) || !sources.of(select.table()).buildsJson(select, List.of(), valueColumns)) {
            return java.util.Optional.empty(); // planned as rows, once: no probe runs for a JSON attempt
        }
        return sources.of(select.table()).selectJson(select, valueColumns);
    }

    private static Long wanted(Page page) {
        return page.limit() == null ? null : page.limit() + (page.offset() == null ? 0 : page.offset());
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        FilterPlan plan = filters.plan(select);
        return plan.parentFirst() ? new ChunkedFilter(sources, plan).aggregate(select.columns(), aggregates)
                : sources.of(select.table()).aggregate(plan.select(), aggregates);
    }

    @Override
    public boolean filtersRemotely(Select select) {
        return Leaves.any(select.where(), select.table(), sources);
    }

    @Override
    public Select resolve(Select select) {
        Select ordered = withResolvedOrder(select);
        return ordered.withWhere(keysFirst.resolve(select.where(), select.table()));
    }

    /** The select with the row filters of its order hops resolved like a where. */
    private Select withResolvedOrder(Select select) {
        if (select.orderBy().stream().flatMap(t -> hops(t).stream()).allMatch(h -> Predicate.TRUE.equals(h.filter()))) {
            return select;
        }
        List<OrderTerm> terms = select.orderBy().stream().map(t -> new OrderTerm(t.hops().stream().map(this::resolved).toList(),
                t.column(), t.descending(), t.nulls(), t.isAggregate() ? t.aggregate().withRelated(resolved(t.aggregate().related()))
                : null)).toList();
        return select.withOrderBy(terms);
    }

    private OrderTerm.Hop resolved(OrderTerm.Hop h) {
        return new OrderTerm.Hop(h.target(), h.outerColumns(), h.innerColumns(), keysFirst.resolve(h.filter(), h.target()));
    }

    /** The hops of a term and the step to its aggregated rows, each with the row filter it reads through. */
    private static List<OrderTerm.Hop> hops(OrderTerm t) {
        List<OrderTerm.Hop> all = new java.util.ArrayList<>(t.hops());
        if (t.isAggregate()) {
            all.add(t.aggregate().related());
        }
        return all;
    }

    @Override
    public boolean ordersRemotely(Select select) {
        return memory.ordersRemotely(select);
    }

    @Override
    public Select unorderedForMemorySort(Select select) {
        return InMemoryOrder.unordered(select);
    }

    @Override
    public List<Row> sortAndPage(Select select, List<Row> rows) {
        return memory.sortAndPage(select, rows);
    }
}
