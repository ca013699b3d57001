package dev.weft.execute.sql;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.SqlDialect;
import dev.weft.query.OrderTerm;
import dev.weft.query.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders sort keys over rows aliased {@code t0}: a column, a correlated scalar subquery walking object
 * relationships to a column, or one computing an aggregate over an array relationship's rows
 * ({@code (SELECT MAX(t1."total") FROM "orders" t1 WHERE t1."customer_id" = t0."id" AND <row filter>)}),
 * with the NULLS placement the dialect understands.
 *
 * <pre>{@code
 * orderList([count of orders DESC], ctx)
 * // (SELECT COUNT(*) FROM "public"."orders" t1 WHERE t1."customer_id" = t0."id") DESC
 * }</pre>
 */
final class OrderSql {
    /** Prefix of the columns a derived table adds for sort keys that walk relationships (see {@link #source}). */
    static final String ORDER_KEY = "weft o";

    private final SqlDialect dialect;
    private final PredicateSql predicates;
    private final AggregateList aggregates;

    OrderSql(SqlDialect dialect, PredicateSql predicates) {
        this.dialect = dialect;
        this.predicates = predicates;
        this.aggregates = new AggregateList(dialect);
    }

    /**
     * The ordered rows' FROM item: the table as {@code t0}; or, where the dialect cannot sort by a correlated
     * subquery (DB2) and the order walks relationships, a derived table {@code t0} that adds each such
     * walk as a column ({@code "weft o1"}, ...) for the ORDER BY to name.
     */
    String source(TableRef table, List<OrderTerm> orderBy, RenderContext ctx) {
        List<OrderTerm> walks = orderBy.stream().filter(OrderSql::walks).toList();
        if (walks.isEmpty() || dialect.supportsSubqueryInOrderBy()) {
            return predicates.table(table) + " t0";
        }
        StringBuilder derived = new StringBuilder("(SELECT t0.*");
        for (OrderTerm walk : walks) {
            String column = dialect.quote(ORDER_KEY + (ctx.orderKeys.size() + 1));
            derived.append(", ").append(expression(walk, ctx)).append(" AS ").append(column);
            ctx.orderKeys.put(walk, "t0." + column);
        }
        return derived.append(" FROM ").append(predicates.table(table)).append(" t0) t0").toString();
    }

    private static boolean walks(OrderTerm term) {
        return !term.hops().isEmpty() || term.isAggregate();
    }

    String orderList(List<OrderTerm> orderBy, RenderContext ctx) {
        StringJoiner terms = new StringJoiner(", ");
        for (OrderTerm term : orderBy) {
            String expr = expression(term, ctx);
            String direction = term.descending() ? " DESC" : " ASC";
            if (term.nulls() == null) {
                terms.add(expr + direction);
            } else if (dialect.supportsNullsOrdering()) {
                terms.add(expr + direction + (term.nulls() == NullsOrder.FIRST ? " NULLS FIRST" : " NULLS LAST"));
            } else {
                terms.add(dialect.nullSortKey(expr) + (term.nulls() == NullsOrder.FIRST ? " DESC" : " ASC"));
                terms.add(expression(term, ctx) + direction); // rendered again: a subquery's values are bound per use
            }
        }
        return terms.toString();
    }

    /** A column of t0, or a scalar subquery walking object relationships to a column or an aggregate. */
    private String expression(OrderTerm term, RenderContext ctx) {
        if (!walks(term)) {
            return "t0." + dialect.quote(term.column());
        }
        String derivedColumn = ctx.orderKeys.get(term);
        if (derivedColumn != null) {
            return derivedColumn;
        }
        if (term.hops().isEmpty()) {
            return aggregate(term.aggregate(), term.column(), "t0", ctx);
        }
        List<String> aliases = new ArrayList<>();
        for (OrderTerm.Hop hop : term.hops()) {
            aliases.add(ctx.nextAlias(hop.target()));
        }
        String last = aliases.get(aliases.size() - 1);
        StringBuilder sql = new StringBuilder("(SELECT ").append(term.isAggregate() ? aggregate(term.aggregate(), term.column(), last, ctx)
                : last + "." + dialect.quote(term.column())).append(" FROM ");
        StringJoiner conditions = new StringJoiner(" AND ");
        String outer = "t0";
        for (int i = 0; i < term.hops().size(); i++) {
            OrderTerm.Hop hop = term.hops().get(i);
            sql.append(i == 0 ? "" : ", ").append(predicates.table(hop.target())).append(' ').append(aliases.get(i));
            conditions.add(predicates.joinCondition(outer, hop.outerColumns(), aliases.get(i), hop.innerColumns()));
            if (!Predicate.TRUE.equals(hop.filter())) {
                conditions.add(predicates.predicate(hop.filter(), aliases.get(i), ctx)); // only rows the caller may see
            }
            outer = aliases.get(i);
        }
        return sql.append(" WHERE ").append(conditions).append(')').toString();
    }

    /** The aggregate over the related rows of the row aliased {@code outer}, among those the caller may see. */
    private String aggregate(OrderTerm.AggregateOf of, String column, String outer, RenderContext ctx) {
        OrderTerm.Hop related = of.related();
        String alias = ctx.nextAlias(related.target());
        String value = of.isCount() ? "COUNT(*)" : aggregates.call(of.function(), predicates.column(alias, column));
        StringBuilder sql = new StringBuilder("(SELECT ").append(value).append(" FROM ").append(predicates.table(related.target()))
                .append(' ').append(alias).append(" WHERE ")
                .append(predicates.joinCondition(outer, related.outerColumns(), alias, related.innerColumns()));
        if (!Predicate.TRUE.equals(related.filter())) {
            sql.append(" AND ").append(predicates.predicate(related.filter(), alias, ctx));
        }
        return sql.append(')').toString();
    }
}
