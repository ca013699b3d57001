package dev.weft.query;

import dev.weft.catalog.TableRef;
import java.util.List;

/**
 * Rows of one table: {@code columns} (catalog names, join keys included), filtered, ordered, paged.
 * With {@code distinctOn} (catalog names; empty for none) only the first row, by {@code orderBy}, of each
 * distinct combination of those columns is kept before the page is cut (PostgreSQL's {@code DISTINCT ON});
 * the planner makes {@code orderBy} start with exactly those columns, so such rows are adjacent in order.
 *
 * <pre>{@code
 * new Select(employees, List.of("emp_no", "last_name"), Predicate.TRUE,
 *            List.of(OrderTerm.of("emp_no", false, NullsOrder.LAST)), new Page(10L, null));
 * }</pre>
 */
public record Select(TableRef table, List<String> columns, Predicate where, List<OrderTerm> orderBy, Page page,
                     List<String> distinctOn) {
    public Select {
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
        distinctOn = List.copyOf(distinctOn);
    }

    /** A select that keeps every row (no {@code distinctOn}). */
    public Select(TableRef table, List<String> columns, Predicate where, List<OrderTerm> orderBy, Page page) {
        this(table, columns, where, orderBy, page, List.of());
    }

    public Select withWhere(Predicate newWhere) {
        return new Select(table, columns, newWhere, orderBy, page, distinctOn);
    }

    public Select withColumns(List<String> newColumns) {
        return new Select(table, newColumns, where, orderBy, page, distinctOn);
    }

    public Select withOrderBy(List<OrderTerm> newOrderBy) {
        return new Select(table, columns, where, newOrderBy, page, distinctOn);
    }

    public Select withPage(Page newPage) {
        return new Select(table, columns, where, orderBy, newPage, distinctOn);
    }

    /** The same select keeping every row; its caller keeps the first of each {@code distinctOn} combination itself. */
    public Select withoutDistinct() {
        return new Select(table, columns, where, orderBy, page, List.of());
    }

    public boolean isDistinct() {
        return !distinctOn.isEmpty();
    }
}
