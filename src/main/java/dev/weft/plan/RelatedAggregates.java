package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.execute.JoinKeys;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sort values of an {@code order_by} on an array relationship's aggregate whose rows are in another
 * source: one batched {@code GROUP BY} statement on the related source for every key of the rows
 * (through the caller's row filter of the related table), then each row's value; a row with no related
 * rows counts 0 and has no {@code max}, {@code sum}, ... (NULL), as SQL's correlated subquery gives.
 *
 * <p>Example: customers (MariaDB) by {@code orders_aggregate: {count: desc}} with orders in PostgreSQL:
 * {@code SELECT customer_id, COUNT(*) FROM orders WHERE customer_id IN (?, ...) GROUP BY customer_id}.
 */
final class RelatedAggregates {
    private final Sources sources;

    RelatedAggregates(Sources sources) {
        this.sources = sources;
    }

    /** For each origin row, the aggregate over the related rows of the row it reached (null: none reached). */
    Map<Row, Object> values(TableRef scope, Map<Row, Row> reached, OrderTerm term) {
        OrderTerm.AggregateOf of = term.aggregate();
        OrderTerm.Hop related = of.related();
        JoinKeys joins = JoinKeys.of(sources.columns(scope, related.outerColumns()),
                sources.columns(related.target(), related.innerColumns()));
        Map<List<Object>, List<Object>> bind = new LinkedHashMap<>();
        for (Row r : reached.values()) {
            List<Object> key = r == null ? null : joins.canonical(Sources.values(r, related.outerColumns()));
            if (key != null) {
                joins.bindable(key).ifPresent(b -> bind.putIfAbsent(key, b));
            }
        }
        Aggregates aggregates = of.isCount() ? new Aggregates(true, List.of())
                : new Aggregates(false, List.of(new Aggregates.Aggregate(of.function(), term.column())));
        String resultKey = of.isCount() ? "count" : aggregates.functions().get(0).resultKey();
        Set<String> columns = new LinkedHashSet<>(related.innerColumns());
        if (!of.isCount()) {
            columns.add(term.column());
        }
        Map<List<Object>, Object> byKey = new HashMap<>();
        if (!bind.isEmpty()) {
            Select select = new Select(related.target(), List.copyOf(columns), related.filter(), List.of(), Page.ALL);
            PlanLog.statement("{} of {} for {} keys", resultKey, related.target(), bind.size());
            for (SourceExecutor.KeyedAggregate a : sources.of(related.target()).aggregateBatch(select,
                    new KeyBatch(related.innerColumns(), new ArrayList<>(bind.values())), aggregates)) {
                List<Object> key = joins.canonicalTarget(a.key());
                Object value = a.values().get(resultKey);
                if (key != null) { // counts as Long whatever the driver gave, to compare with the 0 of parents without rows
                    byKey.put(key, of.isCount() && value instanceof Number n ? (Object) n.longValue() : value);
                }
            }
        }
        Object none = of.isCount() ? 0L : null;
        Map<Row, Object> values = new IdentityHashMap<>();
        reached.forEach((origin, r) -> {
            List<Object> key = r == null ? null : joins.canonical(Sources.values(r, related.outerColumns()));
            Object value = key == null ? null : byKey.get(key);
            values.put(origin, value != null ? value : r == null ? null : none);
        });
        return values;
    }
}
