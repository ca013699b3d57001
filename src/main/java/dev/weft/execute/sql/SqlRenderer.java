package dev.weft.execute.sql;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.SqlDialect;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Renders the query model to SQL for one {@link SqlDialect}. Identifiers come only from the model
 * (which holds catalog names) and are always quoted; every value is a {@code ?} parameter.
 * The outer table is aliased {@code t0}, nested ones {@code t1}, {@code t2}, ... Conditions render through
 * {@link PredicateSql}, sort keys through {@link OrderSql}, {@code distinct_on} through {@link DistinctSql}.
 *
 * <pre>{@code
 * new SqlRenderer(new PostgresDialect()).select(select)
 * // SELECT t0."emp_no", t0."last_name" FROM "public"."employees" t0 WHERE t0."emp_no" > ? ORDER BY t0."emp_no" ASC NULLS LAST LIMIT ?
 * }</pre>
 */
public final class SqlRenderer {
    /** The row-number column added for per-parent paging; never a catalog name (it has a space). */
    static final String ROW_NUMBER = "weft rn";
    /** The most arguments a function takes (PostgreSQL's {@code FUNC_MAX_ARGS}): the values of one JSON array. */
    private static final int MAX_JSON_VALUES = 100;

    private final SqlDialect dialect;
    /** The catalog's tables, for what a dialect asks of a column (its engine type); null where unknown. */
    private final Function<TableRef, Table> tables;
    private final PredicateSql predicates;
    private final OrderSql order;
    private final DistinctSql distinct;

    /** A renderer that knows no column's engine type (the dialect then assumes the general case). */
    public SqlRenderer(SqlDialect dialect) {
        this(dialect, table -> null);
    }

    public SqlRenderer(SqlDialect dialect, Function<TableRef, Table> tables) {
        this.dialect = dialect;
        this.tables = tables;
        this.predicates = new PredicateSql(dialect);
        this.order = new OrderSql(dialect, predicates);
        this.distinct = new DistinctSql(dialect, predicates, order);
    }

    /**
     * Whether this dialect keeps the first row of each {@code distinct_on} combination in SQL ({@code DISTINCT ON}
     * or a window); where not, the executor reads the rows unpaged and keeps them in memory.
     */
    public boolean rendersDistinct() {
        return distinct.renders();
    }

    /** Rows of a root field: filtered, ordered and paged as a whole. */
    public SqlStatement select(Select select) {
        RenderContext ctx = context(select.table());
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns()))
                .append(" FROM ");
        appendRows(sql, select, select.where(), List.of(), ctx);
        appendOrderBy(sql, select, ctx);
        dialect.appendPage(sql, select.page().limit(), select.page().offset(), ctx.params());
        return ctx.statement(sql);
    }

    /**
     * Related rows of a batch of parents: {@code keyColumns IN keys}, the select's filter, and its order
     * and page applied per key with {@code ROW_NUMBER() OVER (PARTITION BY keys ...)}. When the page is
     * empty no window is needed. Callers check {@link SqlDialect#supportsWindowPartition()} before
     * asking for per-parent paging.
     */
    public SqlStatement selectBatch(Select select, KeyBatch batch) {
        RenderContext ctx = context(select.table());
        Predicate where = Predicate.and(List.of(keyIn(batch), select.where()));
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns())).append(" FROM ");
        if (select.page().isAll()) {
            appendRows(sql, select, where, batch.keyColumns(), ctx);
            appendOrderBy(sql, select, ctx);
            return ctx.statement(sql);
        }
        sql.append('(').append(windowed(select, batch.keyColumns(), where, ctx)).append(") t0 WHERE ");
        appendRowNumberRange(sql, select.page(), ctx);
        sql.append(" ORDER BY t0.").append(dialect.quote(ROW_NUMBER));
        return ctx.statement(sql);
    }

    /**
     * {@link #selectBatch}'s rows as one JSON array per key, built by the source (PostgreSQL's {@code json_agg}): the
     * key columns, the number of rows, then {@code [[v1, v2, ...], ...]} with the values of {@code valueColumns} in
     * that order, the rows in the select's order and page per key. Keys without rows have no line. Null when a
     * column's JSON would not be what Weft writes ({@link SqlDialect#jsonValue}) or there are over 100 values.
     *
     * <pre>{@code
     * // SELECT t0."customer_id", COUNT(*), JSON_AGG(JSON_BUILD_ARRAY(t0."id", t0."status"::text) ORDER BY t0."weft rn")
     * //   FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY t0."customer_id" ORDER BY ...) AS "weft rn" FROM ...) t0
     * //   GROUP BY t0."customer_id"
     * }</pre>
     */
    public SqlStatement selectBatchJson(Select select, KeyBatch batch, List<String> valueColumns) {
        String array = jsonArray(select.table(), valueColumns);
        if (array == null) {
            return null;
        }
        RenderContext ctx = context(select.table());
        Predicate where = Predicate.and(List.of(keyIn(batch), select.where()));
        String keys = columnList(batch.keyColumns());
        StringBuilder sql = new StringBuilder("SELECT ").append(keys).append(", COUNT(*), JSON_AGG(").append(array)
                .append(" ORDER BY t0.").append(dialect.quote(ROW_NUMBER)).append(')')
                .append(" FROM (").append(windowed(select, batch.keyColumns(), where, ctx)).append(") t0");
        if (!select.page().isAll()) {
            sql.append(" WHERE ");
            appendRowNumberRange(sql, select.page(), ctx);
        }
        sql.append(" GROUP BY ").append(keys);
        return ctx.statement(sql);
    }

    /**
     * {@link #select}'s rows as one JSON array built by the source: the number of rows, then
     * {@code [[v1, v2, ...], ...]} with the values of
     * {@code valueColumns}, in the select's order and page (a sorted subquery feeds the aggregate in its order when
     * nothing else happens at the outer level, as PostgreSQL documents for {@code json_agg}; its top-N sort is kept);
     * SQL NULL for the array when there is no row. Null as {@link #selectBatchJson} is.
     */
    public SqlStatement selectJson(Select select, List<String> valueColumns) {
        String array = jsonArray(select.table(), valueColumns);
        if (array == null) {
            return null;
        }
        SqlStatement rows = select(select);
        return new SqlStatement("SELECT COUNT(*), JSON_AGG(" + array + ") FROM (" + rows.sql() + ") t0", rows.params());
    }

    /** The distinct values of {@code columns} among the rows matching {@code where}, at most {@code limit}. */
    public SqlStatement distinct(TableRef table, List<String> columns, Predicate where, long limit) {
        RenderContext ctx = context(table);
        StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(columnList(columns))
                .append(" FROM ").append(predicates.table(table)).append(" t0");
        appendWhere(sql, where, ctx);
        dialect.appendPage(sql, limit, null, ctx.params());
        return ctx.statement(sql);
    }

    /**
     * One row of aggregates over a root field's rows: over a derived table of its rows when they are paged
     * or kept one per {@code distinct_on} combination (then paged), as Hasura aggregates.
     */
    public SqlStatement aggregate(Select select, Aggregates aggregates) {
        RenderContext ctx = context(select.table());
        StringBuilder sql = new StringBuilder("SELECT ").append(aggregateList(aggregates)).append(" FROM ");
        if (select.page().isAll() && !select.isDistinct()) {
            sql.append(predicates.table(select.table())).append(" t0");
            appendWhere(sql, select.where(), ctx);
            return ctx.statement(sql);
        }
        StringBuilder inner = new StringBuilder("SELECT ").append(columnList(aggregatedColumns(select, aggregates, List.of())))
                .append(" FROM ");
        appendRows(inner, select, select.where(), List.of(), ctx);
        if (!select.page().isAll()) {
            appendOrderBy(inner, select, ctx);
            dialect.appendPage(inner, select.page().limit(), select.page().offset(), ctx.params());
        }
        sql.append('(').append(inner).append(") t0");
        return ctx.statement(sql);
    }

    /**
     * Aggregates per parent key: the key columns first, then the aggregates, one row per key that has rows;
     * with {@code distinct_on} over each parent's distinct rows (then its page).
     */
    public SqlStatement aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        RenderContext ctx = context(select.table());
        Predicate where = Predicate.and(List.of(keyIn(batch), select.where()));
        String keys = columnList(batch.keyColumns());
        StringBuilder sql = new StringBuilder("SELECT ").append(keys).append(", ").append(aggregateList(aggregates))
                .append(" FROM ");
        if (select.page().isAll() && !select.isDistinct()) {
            sql.append(predicates.table(select.table())).append(" t0");
            appendWhere(sql, where, ctx);
        } else if (select.page().isAll()) { // the distinct rows of each parent, unpaged
            sql.append("(SELECT ").append(columnList(aggregatedColumns(select, aggregates, batch.keyColumns()))).append(" FROM ");
            appendRows(sql, select, where, batch.keyColumns(), ctx);
            sql.append(") t0");
        } else {
            Select narrowed = select.withColumns(aggregatedColumns(select, aggregates, batch.keyColumns()));
            sql.append('(').append(windowed(narrowed, batch.keyColumns(), where, ctx)).append(") t0 WHERE ");
            appendRowNumberRange(sql, select.page(), ctx);
        }
        sql.append(" GROUP BY ").append(keys);
        return ctx.statement(sql);
    }

    /** The rows with their per-key row number: the window's sort keys rendered after the FROM item that may name them. */
    private String windowed(Select select, List<String> keys, Predicate where, RenderContext ctx) {
        RenderContext.Fragment rows = ctx.capture(() -> {
            StringBuilder from = new StringBuilder();
            appendRows(from, select, where, keys, ctx);
            return from.toString();
        });
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns()))
                .append(", ROW_NUMBER() OVER (PARTITION BY ").append(columnList(keys));
        if (!select.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(order.orderList(select.orderBy(), ctx));
        }
        sql.append(") AS ").append(dialect.quote(ROW_NUMBER)).append(" FROM ");
        return ctx.append(sql, rows).toString();
    }

    /** {@code <FROM item> [WHERE ...]}: the table (with derived sort keys), filtered, one row per distinct combination. */
    private void appendRows(StringBuilder sql, Select select, Predicate where, List<String> keys, RenderContext ctx) {
        if (select.isDistinct()) {
            distinct.appendRows(sql, select, where, keys, ctx);
            return;
        }
        sql.append(order.source(select.table(), select.orderBy(), ctx));
        appendWhere(sql, where, ctx);
    }

    private void appendRowNumberRange(StringBuilder sql, Page page, RenderContext ctx) {
        long offset = page.offset() == null ? 0 : page.offset();
        sql.append("t0.").append(dialect.quote(ROW_NUMBER)).append(" > ?");
        ctx.bind(offset);
        if (page.limit() != null) {
            sql.append(" AND t0.").append(dialect.quote(ROW_NUMBER)).append(" <= ?");
            ctx.bind(offset + page.limit());
        }
    }

    /** The table's name as a statement would write it, quoted and qualified ({@code "public"."orders"}). */
    public String qualifiedName(TableRef table) {
        return predicates.table(table);
    }

    /** Whether {@link #selectJson} and {@link #selectBatchJson} render for these columns of {@code table}. */
    public boolean buildsJson(TableRef table, List<String> valueColumns) {
        return jsonArray(table, valueColumns) != null;
    }

    /**
     * {@code JSON_BUILD_ARRAY(t0.c1, t0.c2::text, ...)} of a table's columns ({@link SqlDialect#jsonValue}), or null when
     * a column's JSON would not be what Weft writes, or there are more than a function's 100 arguments (PostgreSQL).
     */
    private String jsonArray(TableRef table, List<String> valueColumns) {
        if (valueColumns.size() > MAX_JSON_VALUES) {
            return null;
        }
        Table catalogTable = tables.apply(table);
        StringBuilder sql = new StringBuilder("JSON_BUILD_ARRAY(");
        for (int i = 0; i < valueColumns.size(); i++) {
            Column column = catalogTable.requireColumn(valueColumns.get(i));
            String value = dialect.jsonValue(predicates.columnList(List.of(column.name()), "t0"), column.type(), column.sqlType());
            if (value == null) {
                return null;
            }
            sql.append(i == 0 ? "" : ", ").append(value);
        }
        return sql.append(')').toString();
    }

    private static List<String> aggregatedColumns(Select select, Aggregates aggregates, List<String> keys) {
        List<String> columns = new ArrayList<>(keys);
        aggregates.functions().stream().map(Aggregates.Aggregate::column).filter(c -> !columns.contains(c)).forEach(columns::add);
        aggregates.counts().stream().flatMap(c -> c.columns().stream()).filter(c -> !columns.contains(c)).forEach(columns::add);
        if (columns.isEmpty()) {
            columns.add(select.columns().get(0));
        }
        return columns;
    }

    private String aggregateList(Aggregates aggregates) {
        return new AggregateList(dialect).render(aggregates);
    }

    private static Predicate keyIn(KeyBatch batch) {
        return new Predicate.InList(batch.keyColumns(), batch.keys(), false);
    }

    private void appendWhere(StringBuilder sql, Predicate where, RenderContext ctx) {
        if (!Predicate.TRUE.equals(where)) {
            sql.append(" WHERE ").append(predicates.predicate(where, "t0", ctx));
        }
    }

    private void appendOrderBy(StringBuilder sql, Select select, RenderContext ctx) {
        if (!select.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(order.orderList(select.orderBy(), ctx));
        }
    }

    private String columnList(List<String> columns) {
        return predicates.columnList(columns, "t0");
    }

    private RenderContext context(TableRef table) {
        return new RenderContext(dialect, tables, table);
    }
}
