package dev.weft.query;

import dev.weft.catalog.TableRef;
import java.util.List;

/**
 * Rows of one table: {@code columns} (catalog names, join keys included), filtered, ordered, paged.
 *
 * <pre>{@code
 * new Select(employees, List.of("emp_no", "last_name"), Predicate.TRUE,
 *            List.of(OrderTerm.of("emp_no", false, NullsOrder.LAST)), new Page(10L, null));
 * }</pre>
 */
public record Select(TableRef table, List<String> columns, Predicate where, List<OrderTerm> orderBy, Page page) {
    public Select {
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
    }

    public Select withWhere(Predicate newWhere) {
        return new Select(table, columns, newWhere, orderBy, page);
    }
}
