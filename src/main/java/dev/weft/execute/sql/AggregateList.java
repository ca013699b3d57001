package dev.weft.execute.sql;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.SqlDialect;
import dev.weft.dialect.WeftException;
import dev.weft.query.Aggregates;
import java.util.StringJoiner;

/** The select list of an aggregate statement over rows aliased {@code t0}: {@code COUNT(*)}, the counts, then the functions. */
final class AggregateList {
    private final SqlDialect dialect;

    AggregateList(SqlDialect dialect) {
        this.dialect = dialect;
    }

    String render(Aggregates aggregates) {
        StringJoiner list = new StringJoiner(", ");
        list.add("COUNT(*)");
        if (!dialect.supportsManyDistinctCounts()
                && aggregates.counts().stream().filter(Aggregates.Count::distinct).map(c -> c.columns().get(0)).distinct().count() > 1) {
            throw new WeftException(ErrorCode.BAD_USER_INPUT, "this source counts distinct values of one column per aggregate;"
                    + " ask for the others in another aggregate field");
        }
        for (Aggregates.Count c : aggregates.counts()) {
            list.add(count(c));
        }
        for (Aggregates.Aggregate a : aggregates.functions()) {
            list.add(call(a.function(), "t0." + dialect.quote(a.column())));
        }
        return list.toString();
    }

    /** One aggregate function over a rendered column. */
    String call(Aggregates.Function function, String column) {
        if (function.isSpread()) {
            return dialect.spread(function.isStddev(), function.isSample(), column + " * 1.0E0");
        }
        // AVG of integers or decimals is a DECIMAL rounded to 4 more digits on MySQL/MariaDB
        // (div_precision_increment): "* 1.0E0" makes it a DOUBLE there; PostgreSQL reads 1.0E0 as numeric.
        String argument = column + (function == Aggregates.Function.AVG ? " * 1.0E0" : "");
        argument = function == Aggregates.Function.SUM ? dialect.sumArgument(argument) : argument;
        return function.name() + "(" + argument + ")";
    }

    /** {@code COUNT(DISTINCT t0.c)}, or the rows where every listed column is non-null. */
    private String count(Aggregates.Count c) {
        if (c.distinct()) {
            return "COUNT(DISTINCT t0." + dialect.quote(c.columns().get(0)) + ")";
        }
        StringJoiner all = new StringJoiner(" AND ", "COUNT(CASE WHEN ", " THEN 1 END)");
        c.columns().forEach(column -> all.add("t0." + dialect.quote(column) + " IS NOT NULL"));
        return all.toString();
    }
}
