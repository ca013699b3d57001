package dev.weft.execute.sql;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.SqlDialect;
import dev.weft.query.Predicate;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders a {@link Predicate} over the rows of an alias, and the identifiers around it: columns are quoted
 * catalog names, every value a {@code ?} parameter of the {@link RenderContext}.
 *
 * <pre>{@code
 * predicate(new Predicate.Compare("emp_no", GT, 10), "t0", ctx)   // t0."emp_no" > ?   with 10 bound
 * }</pre>
 */
final class PredicateSql {
    private final SqlDialect dialect;

    PredicateSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    String predicate(Predicate p, String alias, RenderContext ctx) {
        return switch (p) {
            case Predicate.Const c -> c.value() ? "1=1" : "1=0";
            case Predicate.And and -> join(and.parts(), " AND ", alias, ctx);
            case Predicate.Or or -> join(or.parts(), " OR ", alias, ctx);
            case Predicate.Not not -> "NOT (" + predicate(not.inner(), alias, ctx) + ")";
            case Predicate.Compare c -> {
                ctx.bind(c.value());
                yield column(alias, c.column()) + " " + operator(c.op()) + " ?";
            }
            case Predicate.IsNull n -> column(alias, n.column()) + (n.isNull() ? " IS NULL" : " IS NOT NULL");
            case Predicate.Like like -> like(like, alias, ctx);
            case Predicate.InList in -> in(in, alias, ctx);
            case Predicate.Json j -> JsonbSql.render(j, column(alias, j.column()), ctx.params());
            case Predicate.Match m -> MatchSql.render(dialect, m, dialect.likeOperand(column(alias, m.column()),
                    ctx.sqlType(alias, m.column())), ctx.params());
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

    private String like(Predicate.Like like, String alias, RenderContext ctx) {
        ctx.bind(like.pattern());
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

    private String in(Predicate.InList in, String alias, RenderContext ctx) {
        if (in.rows().isEmpty()) {
            return in.negated() ? "1=1" : "1=0";
        }
        String not = in.negated() ? "NOT " : "";
        if (in.columns().size() == 1) {
            StringJoiner marks = new StringJoiner(", ", column(alias, in.columns().get(0)) + " " + not + "IN (", ")");
            in.rows().forEach(row -> {
                ctx.bind(row.get(0));
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
                ctx.params().addAll(row);
                rows.add(tuple);
            });
            return rows.toString();
        }
        StringJoiner alternatives = new StringJoiner(" OR ", not + "(", ")");
        for (List<Object> row : in.rows()) {
            StringJoiner all = new StringJoiner(" AND ", "(", ")");
            for (int i = 0; i < in.columns().size(); i++) {
                all.add(column(alias, in.columns().get(i)) + " = ?");
                ctx.bind(row.get(i));
            }
            alternatives.add(all.toString());
        }
        return alternatives.toString();
    }

    private String join(List<Predicate> parts, String separator, String alias, RenderContext ctx) {
        StringJoiner joined = new StringJoiner(separator, "(", ")");
        parts.forEach(part -> joined.add(predicate(part, alias, ctx)));
        return joined.toString();
    }

    String joinCondition(String outer, List<String> outerColumns, String inner, List<String> innerColumns) {
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

    String columnList(List<String> columns, String alias) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(column(alias, c)));
        return list.toString();
    }

    String column(String alias, String column) {
        return alias + "." + dialect.quote(column);
    }

    String table(TableRef ref) {
        return ref.schema() == null ? dialect.quote(ref.name()) : dialect.quote(ref.schema()) + "." + dialect.quote(ref.name());
    }
}
