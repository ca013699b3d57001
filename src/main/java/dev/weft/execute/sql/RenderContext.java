package dev.weft.execute.sql;

import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.SqlDialect;
import dev.weft.query.OrderTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parameters and alias numbering of one statement being rendered. Parts whose text order differs from
 * the order they must be rendered in (a derived table's sort keys are named before the window that uses
 * them) are rendered with {@link #capture} and appended in text order.
 */
final class RenderContext {
    private final SqlDialect dialect;
    private final Function<TableRef, Table> tables;
    private List<Object> params = new ArrayList<>();
    /** The table behind each alias of the statement. */
    private final Map<String, TableRef> aliasTables = new HashMap<>();
    /** Sort keys already rendered as columns of a derived table, by term. */
    final Map<OrderTerm, String> orderKeys = new IdentityHashMap<>();
    private int aliases;

    RenderContext(SqlDialect dialect, Function<TableRef, Table> tables, TableRef outer) {
        this.dialect = dialect;
        this.tables = tables;
        aliasTables.put("t0", outer);
    }

    /** SQL text and the values it binds, rendered apart from the statement so far. */
    record Fragment(String sql, List<Object> params) {
    }

    Fragment capture(Supplier<String> render) {
        List<Object> saved = params;
        params = new ArrayList<>();
        try {
            return new Fragment(render.get(), params);
        } finally {
            params = saved;
        }
    }

    /** Appends a captured fragment: its text to {@code sql}, its values to the statement's. */
    StringBuilder append(StringBuilder sql, Fragment fragment) {
        params.addAll(fragment.params());
        return sql.append(fragment.sql());
    }

    void bind(Object value) {
        params.add(value);
    }

    List<Object> params() {
        return params;
    }

    String nextAlias(TableRef table) {
        String alias = "t" + (++aliases);
        aliasTables.put(alias, table);
        return alias;
    }

    /** The engine's type name of a column of the table behind {@code alias}; null where the catalog does not say. */
    String sqlType(String alias, String column) {
        TableRef ref = aliasTables.get(alias);
        Table table = ref == null ? null : tables.apply(ref);
        return table == null ? null : table.column(column).map(dev.weft.catalog.Column::sqlType).orElse(null);
    }

    SqlStatement statement(StringBuilder sql) {
        dialect.requireBindable(params.size());
        return new SqlStatement(sql.toString(), params);
    }
}
