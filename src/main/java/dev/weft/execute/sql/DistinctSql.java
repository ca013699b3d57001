package dev.weft.execute.sql;

import dev.weft.dialect.SqlDialect;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.List;

/**
 * The FROM item of a select with {@code distinct_on}: the filtered rows, one per distinct combination of the
 * columns (per parent key in a batch), the first by the select's order. PostgreSQL (and any dialect with
 * {@link SqlDialect#supportsDistinctOn()}) uses {@code DISTINCT ON}; others number the rows of each
 * combination with a window and keep the first.
 *
 * <pre>{@code
 * (SELECT DISTINCT ON (t0."dept_no") t0.* FROM "dept_emp" t0 WHERE ... ORDER BY t0."dept_no" ASC, t0."from_date" DESC) t0
 * (SELECT t0.*, ROW_NUMBER() OVER (PARTITION BY t0.`dept_no` ORDER BY ...) AS `weft d` FROM `dept_emp` t0 WHERE ...) t0
 *     WHERE t0.`weft d` = 1
 * }</pre>
 */
final class DistinctSql {
    /** The row-number column of each distinct combination; never a catalog name (it has a space). */
    static final String DISTINCT_ROW = "weft d";

    private final SqlDialect dialect;
    private final PredicateSql predicates;
    private final OrderSql order;

    DistinctSql(SqlDialect dialect, PredicateSql predicates, OrderSql order) {
        this.dialect = dialect;
        this.predicates = predicates;
        this.order = order;
    }

    boolean renders() {
        return dialect.supportsDistinctOn() || dialect.supportsWindowPartition();
    }

    /** Appends the FROM item of the select's distinct rows among those matching {@code where}, {@code keys} partitioning. */
    void appendRows(StringBuilder sql, Select select, Predicate where, List<String> keys, RenderContext ctx) {
        List<String> partition = new ArrayList<>(keys);
        select.distinctOn().stream().filter(c -> !partition.contains(c)).forEach(partition::add);
        if (dialect.supportsDistinctOn()) {
            sql.append("(SELECT DISTINCT ON (").append(predicates.columnList(partition, "t0")).append(") t0.* FROM ")
                    .append(order.source(select.table(), select.orderBy(), ctx));
            appendWhere(sql, where, ctx);
            sql.append(" ORDER BY ");
            keys.forEach(k -> sql.append(predicates.column("t0", k)).append(" ASC, "));
            sql.append(order.orderList(select.orderBy(), ctx)).append(") t0");
            return;
        }
        if (!dialect.supportsWindowPartition()) {
            throw new IllegalStateException(dialect.name() + " keeps distinct rows in memory; the executor reads them unpaged");
        }
        RenderContext.Fragment source = ctx.capture(() -> order.source(select.table(), select.orderBy(), ctx));
        sql.append("(SELECT t0.*, ROW_NUMBER() OVER (PARTITION BY ").append(predicates.columnList(partition, "t0"))
                .append(" ORDER BY ").append(order.orderList(select.orderBy(), ctx)).append(") AS ")
                .append(dialect.quote(DISTINCT_ROW)).append(" FROM ");
        ctx.append(sql, source);
        appendWhere(sql, where, ctx);
        sql.append(") t0 WHERE t0.").append(dialect.quote(DISTINCT_ROW)).append(" = 1");
    }

    private void appendWhere(StringBuilder sql, Predicate where, RenderContext ctx) {
        if (!Predicate.TRUE.equals(where)) {
            sql.append(" WHERE ").append(predicates.predicate(where, "t0", ctx));
        }
    }
}
