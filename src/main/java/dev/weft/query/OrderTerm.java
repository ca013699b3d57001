package dev.weft.query;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import java.util.List;

/**
 * One {@code ORDER BY} term: a column of the table in scope, or of a table reached through object
 * relationships ({@code hops}, each joining {@code outerColumns} to {@code innerColumns} of {@code target}).
 * {@code nulls} is null when the column cannot hold NULL: then no NULLS clause is rendered.
 */
public record OrderTerm(List<Hop> hops, String column, boolean descending, NullsOrder nulls) {
    public OrderTerm {
        hops = List.copyOf(hops);
    }

    public static OrderTerm of(String column, boolean descending, NullsOrder nulls) {
        return new OrderTerm(List.of(), column, descending, nulls);
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
}
