package dev.weft.query;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import java.util.List;

/**
 * One {@code ORDER BY} term: a column of the table in scope, or of a table reached through object
 * relationships ({@code hops}, each joining {@code outerColumns} to {@code innerColumns} of {@code target}),
 * or, with {@code aggregate}, an aggregate over the rows of an array relationship of that table
 * ({@code order_by: {orders_aggregate: {max: {total: desc}}}}; {@code column} is then the aggregated column,
 * null for a count). {@code nulls} is null when the value cannot be NULL: then no NULLS clause is rendered.
 */
public record OrderTerm(List<Hop> hops, String column, boolean descending, NullsOrder nulls, AggregateOf aggregate) {
    public OrderTerm {
        hops = List.copyOf(hops);
    }

    public OrderTerm(List<Hop> hops, String column, boolean descending, NullsOrder nulls) {
        this(hops, column, descending, nulls, null);
    }

    public static OrderTerm of(String column, boolean descending, NullsOrder nulls) {
        return new OrderTerm(List.of(), column, descending, nulls);
    }

    /** Whether the sort value is an aggregate over related rows rather than a column. */
    public boolean isAggregate() {
        return aggregate != null;
    }

    /** The tables the sort value reads besides the table in scope: each hop's, then the aggregated one. */
    public List<TableRef> reaches() {
        List<TableRef> tables = new java.util.ArrayList<>(hops.stream().map(Hop::target).toList());
        if (aggregate != null) {
            tables.add(aggregate.related().target());
        }
        return tables;
    }

    /** The same term with other hops (their filters resolved, say). */
    public OrderTerm withHops(List<Hop> newHops) {
        return new OrderTerm(newHops, column, descending, nulls, aggregate);
    }

    /**
     * One step through an object relationship: to the row of {@code target} whose {@code innerColumns}
     * equal the outer row's {@code outerColumns}, among the rows {@code filter} lets the caller see.
     */
    public record Hop(TableRef target, List<String> outerColumns, List<String> innerColumns, Predicate filter) {
        public Hop {
            outerColumns = List.copyOf(outerColumns);
            innerColumns = List.copyOf(innerColumns);
        }

        public Hop(TableRef target, List<String> outerColumns, List<String> innerColumns) {
            this(target, outerColumns, innerColumns, Predicate.TRUE);
        }
    }

    /**
     * The related rows an aggregate sort value is computed over: the rows of {@code related.target()} whose
     * {@code innerColumns} equal the row's {@code outerColumns}, among those {@code related.filter()} (the
     * caller's row filter) lets the caller see; {@code function} null means {@code count}.
     */
    public record AggregateOf(Hop related, Aggregates.Function function) {
        public AggregateOf withRelated(Hop newRelated) {
            return new AggregateOf(newRelated, function);
        }

        public boolean isCount() {
            return function == null;
        }
    }
}
