package dev.weft.execute.sql;

import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.SqlDialect;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Renders the query model to SQL for one {@link SqlDialect}. Identifiers come only from the model
 * (which holds catalog names) and are always quoted; every value is a {@code ?} parameter.
 * The outer table is aliased {@code t0}, nested ones {@code t1}, {@code t2}, ...
 *
 * <pre>{@code
 * new SqlRenderer(new PostgresDialect()).select(select)
 * // SELECT t0."emp_no", t0."last_name" FROM "public"."employees" t0 WHERE t0."emp_no" > ? ORDER BY t0."emp_no" ASC NULLS LAST LIMIT ?
 * }</pre>
 */
public final class SqlRenderer {
    /** The row-number column added for per-parent paging; never a catalog name (it has a space). */
    static final String ROW_NUMBER = "weft rn";
    /** Prefix of the columns a derived table adds for sort keys that walk relationships (see {@code source}). */
    static final String ORDER_KEY = "weft o";

    private final SqlDialect dialect;
    /** The catalog's tables, for what a dialect asks of a column (its engine type); null where unknown. */
    private final Function<TableRef, Table> tables;

    /** A renderer that knows no column's engine type (the dialect then assumes the general case). */
    public SqlRenderer(SqlDialect dialect) {
        this(dialect, table -> null);
    }

    public SqlRenderer(SqlDialect dialect, Function<TableRef, Table> tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /** Rows of a root field: filtered, ordered and paged as a whole. */
    public SqlStatement select(Select select) {
        Context ctx = new Context(select.table());
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns(), "t0"))
                .append(" FROM ").append(source(select.table(), select.orderBy(), ctx));
        appendWhere(sql, select.where(), ctx);
        appendOrderBy(sql, select.orderBy(), ctx);
        dialect.appendPage(sql, select.page().limit(), select.page().offset(), ctx.params);
        return ctx.statement(sql);
    }

    /**
     * Related rows of a batch of parents: {@code keyColumns IN keys}, the select's filter, and its order
     * and page applied per key with {@code ROW_NUMBER() OVER (PARTITION BY keys ...)}. When the page is
     * empty no window is needed. Callers check {@link SqlDialect#supportsWindowPartition()} before
     * asking for per-parent paging.
     */
    public SqlStatement selectBatch(Select select, KeyBatch batch) {
        Context ctx = new Context(select.table());
        Predicate where = Predicate.and(List.of(keyIn(batch), select.where()));
        if (select.page().isAll()) {
            return select(new Select(select.table(), select.columns(), where, select.orderBy(), Page.ALL));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns(), "t0")).append(" FROM (")
                .append(windowed(select, batch, where, ctx)).append(") t0 WHERE ");
        appendRowNumberRange(sql, select.page(), ctx);
        sql.append(" ORDER BY t0.").append(dialect.quote(ROW_NUMBER));
        return ctx.statement(sql);
    }

    /** The distinct values of {@code columns} among the rows matching {@code where}, at most {@code limit}. */
    public SqlStatement distinct(TableRef table, List<String> columns, Predicate where, long limit) {
        Context ctx = new Context(table);
        StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(columnList(columns, "t0"))
                .append(" FROM ").append(table(table)).append(" t0");
        appendWhere(sql, where, ctx);
        dialect.appendPage(sql, limit, null, ctx.params);
        return ctx.statement(sql);
    }

    /** One row of aggregates over a root field's rows (paged first when a page is given). */
    public SqlStatement aggregate(Select select, Aggregates aggregates) {
        Context ctx = new Context(select.table());
        StringBuilder sql = new StringBuilder("SELECT ").append(aggregateList(aggregates)).append(" FROM ");
        if (select.page().isAll()) {
            sql.append(table(select.table())).append(" t0");
            appendWhere(sql, select.where(), ctx);
            return ctx.statement(sql);
        }
        StringBuilder inner = new StringBuilder("SELECT ").append(columnList(aggregatedColumns(select, aggregates, List.of()), "t0"))
                .append(" FROM ").append(source(select.table(), select.orderBy(), ctx));
        appendWhere(inner, select.where(), ctx);
        appendOrderBy(inner, select.orderBy(), ctx);
        dialect.appendPage(inner, select.page().limit(), select.page().offset(), ctx.params);
        sql.append('(').append(inner).append(") t0");
        return ctx.statement(sql);
    }

    /** Aggregates per parent key: the key columns first, then the aggregates, one row per key that has rows. */
    public SqlStatement aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        Context ctx = new Context(select.table());
        Predicate where = Predicate.and(List.of(keyIn(batch), select.where()));
        String keys = columnList(batch.keyColumns(), "t0");
        StringBuilder sql = new StringBuilder("SELECT ").append(keys).append(", ").append(aggregateList(aggregates))
                .append(" FROM ");
        if (select.page().isAll()) {
            sql.append(table(select.table())).append(" t0");
            appendWhere(sql, where, ctx);
        } else {
            Select narrowed = new Select(select.table(), aggregatedColumns(select, aggregates, batch.keyColumns()),
                    select.where(), select.orderBy(), select.page());
            sql.append('(').append(windowed(narrowed, batch, where, ctx)).append(") t0 WHERE ");
            appendRowNumberRange(sql, select.page(), ctx);
        }
        sql.append(" GROUP BY ").append(keys);
        return ctx.statement(sql);
    }

    private String windowed(Select select, KeyBatch batch, Predicate where, Context ctx) {
        String from = source(select.table(), select.orderBy(), ctx);
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(select.columns(), "t0"))
                .append(", ROW_NUMBER() OVER (PARTITION BY ").append(columnList(batch.keyColumns(), "t0"));
        if (!select.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(orderList(select.orderBy(), ctx));
        }
        sql.append(") AS ").append(dialect.quote(ROW_NUMBER)).append(" FROM ").append(from);
        appendWhere(sql, where, ctx);
        return sql.toString();
    }

    /**
     * The ordered rows' FROM item: the table as {@code t0}; or, where the dialect cannot sort by a correlated
     * subquery (DB2) and the order walks object relationships, a derived table {@code t0} that adds each such
     * walk as a column ({@code "weft o1"}, ...) for the ORDER BY to name.
     */
    private String source(TableRef table, List<OrderTerm> orderBy, Context ctx) {
        List<OrderTerm> walks = orderBy.stream().filter(t -> !t.hops().isEmpty()).toList();
        if (walks.isEmpty() || dialect.supportsSubqueryInOrderBy()) {
            return table(table) + " t0";
        }
        StringBuilder derived = new StringBuilder("(SELECT t0.*");
        for (OrderTerm walk : walks) {
            String column = dialect.quote(ORDER_KEY + (ctx.orderKeys.size() + 1));
            derived.append(", ").append(orderExpression(walk, ctx)).append(" AS ").append(column);
            ctx.orderKeys.put(walk, "t0." + column);
        }
        return derived.append(" FROM ").append(table(table)).append(" t0) t0").toString();
    }

    private void appendRowNumberRange(StringBuilder sql, Page page, Context ctx) {
        long offset = page.offset() == null ? 0 : page.offset();
        sql.append("t0.").append(dialect.quote(ROW_NUMBER)).append(" > ?");
        ctx.params.add(offset);
        if (page.limit() != null) {
            sql.append(" AND t0.").append(dialect.quote(ROW_NUMBER)).append(" <= ?");
            ctx.params.add(offset + page.limit());
        }
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

    private void appendWhere(StringBuilder sql, Predicate where, Context ctx) {
        if (!Predicate.TRUE.equals(where)) {
            sql.append(" WHERE ").append(predicate(where, "t0", ctx));
        }
    }

    private void appendOrderBy(StringBuilder sql, List<OrderTerm> orderBy, Context ctx) {
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(orderList(orderBy, ctx));
        }
    }

    private String orderList(List<OrderTerm> orderBy, Context ctx) {
        StringJoiner terms = new StringJoiner(", ");
        for (OrderTerm term : orderBy) {
            String expr = orderExpression(term, ctx);
            String direction = term.descending() ? " DESC" : " ASC";
            if (term.nulls() == null) {
                terms.add(expr + direction);
            } else if (dialect.supportsNullsOrdering()) {
                terms.add(expr + direction + (term.nulls() == NullsOrder.FIRST ? " NULLS FIRST" : " NULLS LAST"));
            } else {
                terms.add(dialect.nullSortKey(expr) + (term.nulls() == NullsOrder.FIRST ? " DESC" : " ASC"));
                terms.add(expr + direction);
            }
        }
        return terms.toString();
    }

    /** A column of t0, or a scalar subquery walking object relationships to the column. */
    private String orderExpression(OrderTerm term, Context ctx) {
        if (term.hops().isEmpty()) {
            return "t0." + dialect.quote(term.column());
        }
        String derivedColumn = ctx.orderKeys.get(term);
        if (derivedColumn != null) {
            return derivedColumn;
        }
        StringBuilder sql = new StringBuilder("(SELECT ");
        String outer = "t0";
        List<String> aliases = new ArrayList<>();
        for (OrderTerm.Hop hop : term.hops()) {
            aliases.add(ctx.nextAlias(hop.target()));
        }
        sql.append(aliases.get(aliases.size() - 1)).append('.').append(dialect.quote(term.column())).append(" FROM ");
        StringJoiner conditions = new StringJoiner(" AND ");
        for (int i = 0; i < term.hops().size(); i++) {
            OrderTerm.Hop hop = term.hops().get(i);
            sql.append(i == 0 ? "" : ", ").append(table(hop.target())).append(' ').append(aliases.get(i));
            conditions.add(joinCondition(outer, hop.outerColumns(), aliases.get(i), hop.innerColumns()));
            if (!Predicate.TRUE.equals(hop.filter())) {
                conditions.add(predicate(hop.filter(), aliases.get(i), ctx)); // only rows the caller may see
            }
            outer = aliases.get(i);
        }
        return sql.append(" WHERE ").append(conditions).append(')').toString();
    }

    private String predicate(Predicate p, String alias, Context ctx) {
        return switch (p) {
            case Predicate.Const c -> c.value() ? "1=1" : "1=0";
            case Predicate.And and -> join(and.parts(), " AND ", alias, ctx);
            case Predicate.Or or -> join(or.parts(), " OR ", alias, ctx);
            case Predicate.Not not -> "NOT (" + predicate(not.inner(), alias, ctx) + ")";
            case Predicate.Compare c -> {
                ctx.params.add(c.value());
                yield column(alias, c.column()) + " " + operator(c.op()) + " ?";
            }
            case Predicate.IsNull n -> column(alias, n.column()) + (n.isNull() ? " IS NULL" : " IS NOT NULL");
            case Predicate.Like like -> like(like, alias, ctx);
            case Predicate.InList in -> in(in, alias, ctx);
            case Predicate.Json j -> JsonbSql.render(j, column(alias, j.column()), ctx.params);
            case Predicate.Match m -> MatchSql.render(dialect, m, dialect.likeOperand(column(alias, m.column()), ctx.sqlType(alias, m.column())), ctx.params);
            case Predicate.Exists e -> {
                String inner = ctx.nextAlias(e.target());
                String condition = joinCondition(alias, e.outerColumns(), inner, e.innerColumns());
                String filter = Predicate.TRUE.equals(e.where()) ? "" : " AND " + predicate(e.where(), inner, ctx);
                yield "EXISTS (SELECT 1 FROM " + table(e.target()) + " " + inner + " WHERE " + condition + filter + ")";
            }
            case Predicate.SemiJoin s -> throw new IllegalStateException(
                    "a semi-join through " + s.relationship().fieldName() + " must be resolved before rendering");
        };
    }

    private String like(Predicate.Like like, String alias, Context ctx) {
        ctx.params.add(like.pattern());
        String not = like.negated() ? " NOT" : "";
        String operand = dialect.likeOperand(column(alias, like.column()), ctx.sqlType(alias, like.column()));
        if (!like.caseInsensitive()) {
            return operand + not + " LIKE ?";
        }
        if (dialect.supportsIlike()) {
            return operand + not + " ILIKE ?";
        }
        return "LOWER(" + operand + ")" + not + " LIKE LOWER(" + dialect.textParameter() + ")";
    }

    private String in(Predicate.InList in, String alias, Context ctx) {
        if (in.rows().isEmpty()) {
            return in.negated() ? "1=1" : "1=0";
        }
        String not = in.negated() ? "NOT " : "";
        if (in.columns().size() == 1) {
            StringJoiner marks = new StringJoiner(", ", column(alias, in.columns().get(0)) + " " + not + "IN (", ")");
            in.rows().forEach(row -> {
                ctx.params.add(row.get(0));
                marks.add("?");
            });
            return marks.toString();
        }
        if (dialect.supportsRowValueIn()) {
            StringJoiner columns = new StringJoiner(", ", "(", ")");
            in.columns().forEach(c -> columns.add(column(alias, c)));
            StringJoiner rows = new StringJoiner(", ", columns + " " + not + "IN (", ")");
            String tuple = "(" + String.join(", ", java.util.Collections.nCopies(in.columns().size(), "?")) + ")";
            in.rows().forEach(row -> {
                ctx.params.addAll(row);
                rows.add(tuple);
            });
            return rows.toString();
        }
        StringJoiner alternatives = new StringJoiner(" OR ", not + "(", ")");
        for (List<Object> row : in.rows()) {
            StringJoiner all = new StringJoiner(" AND ", "(", ")");
            for (int i = 0; i < in.columns().size(); i++) {
                all.add(column(alias, in.columns().get(i)) + " = ?");
                ctx.params.add(row.get(i));
            }
            alternatives.add(all.toString());
        }
        return alternatives.toString();
    }

    private String join(List<Predicate> parts, String separator, String alias, Context ctx) {
        StringJoiner joined = new StringJoiner(separator, "(", ")");
        parts.forEach(part -> joined.add(predicate(part, alias, ctx)));
        return joined.toString();
    }

    private String joinCondition(String outer, List<String> outerColumns, String inner, List<String> innerColumns) {
        StringJoiner on = new StringJoiner(" AND ");
        for (int i = 0; i < outerColumns.size(); i++) {
            on.add(column(inner, innerColumns.get(i)) + " = " + column(outer, outerColumns.get(i)));
        }
        return on.toString();
    }

    private static String operator(Predicate.CompareOp op) {
        return switch (op) {
            case EQ -> "=";
            case NEQ -> "<>";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    private String columnList(List<String> columns, String alias) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(column(alias, c)));
        return list.toString();
    }

    private String column(String alias, String column) {
        return alias + "." + dialect.quote(column);
    }

    private String table(TableRef ref) {
        return ref.schema() == null ? dialect.quote(ref.name()) : dialect.quote(ref.schema()) + "." + dialect.quote(ref.name());
    }

    /** Parameters and alias numbering of one statement. */
    private final class Context {
        final List<Object> params = new ArrayList<>();
        /** The table behind each alias of the statement. */
        final java.util.Map<String, TableRef> aliasTables = new java.util.HashMap<>();
        /** Sort keys already rendered as columns of a derived table, by term. */
        final java.util.Map<OrderTerm, String> orderKeys = new java.util.IdentityHashMap<>();
        int aliases;

        Context(TableRef outer) {
            aliasTables.put("t0", outer);
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
}
