package dev.weft.dialect;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * What differs between SQL engines, and nothing else. The SQL renderer asks these methods; it never
 * asks which engine it talks to. The defaults are standard SQL (double-quoted identifiers,
 * {@code OFFSET ? ROWS FETCH FIRST ? ROWS ONLY}, {@code NULLS FIRST/LAST}); an engine overrides what it does differently.
 *
 * <pre>{@code
 * dialect.quote("first name")            // "first name" (PostgreSQL) or `first name` (MySQL)
 * dialect.appendPage(sql, 10L, 20L, params)  // " LIMIT ? OFFSET ?" with params [10, 20]
 * }</pre>
 */
public abstract class SqlDialect {

    /** Quotes a catalog identifier, doubling any quote character inside it. */
    public String quote(String identifier) {
        return quoteWith('"', identifier);
    }

    /** Appends the paging clause for {@code limit}/{@code offset} (either may be null) as bind parameters. */
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (offset != null) {
            sql.append(" OFFSET ? ROWS");
            params.add(offset);
        }
        if (limit != null) {
            sql.append(" FETCH FIRST ? ROWS ONLY");
            params.add(limit);
        }
    }

    /** Whether {@code ORDER BY x ASC NULLS LAST} is understood. */
    public boolean supportsNullsOrdering() {
        return true;
    }

    /** Whether {@code ILIKE} exists; otherwise {@code LOWER(x) LIKE LOWER(?)} is used. */
    public boolean supportsIlike() {
        return false;
    }

    /** Whether {@code ROW_NUMBER() OVER (PARTITION BY ...)} is available for per-parent paging. */
    public boolean supportsWindowPartition() {
        return true;
    }

    /**
     * Whether {@code SELECT DISTINCT ON (a, b) ... ORDER BY a, b, ...} keeps the first row of each combination
     * (PostgreSQL), for {@code distinct_on}; otherwise a window ({@link #supportsWindowPartition()}) does it.
     */
    public boolean supportsDistinctOn() {
        return false;
    }

    /**
     * Whether the source builds the JSON of a level's rows itself ({@code JSON_AGG(JSON_BUILD_ARRAY(...))}: PostgreSQL),
     * so that a large level of plain columns can be read as one JSON array per parent or root list instead of row by
     * row ({@code dev.weft.execute.sourcejson}); which columns it can take says {@link #jsonValue}.
     */
    public boolean buildsJsonArrays() {
        return false;
    }

    /**
     * Whether {@code GROUP BY} on a column of this type keeps apart exactly the values Java's {@code equals} keeps apart
     * (PostgreSQL's {@code citext} merges letter cases): a key the source's JSON is grouped by.
     */
    public boolean groupsExactly(String sqlType) {
        return true;
    }

    /**
     * A statement answering the source's estimate of a table's rows from its statistics (one row, one number) given the
     * table's quoted, qualified name as its one parameter; null where the source has none to ask cheaply.
     */
    public String rowEstimateSql() {
        return null;
    }

    /**
     * The expression whose JSON, as the source prints it inside {@code JSON_BUILD_ARRAY(...)}, is what Weft writes for
     * the column's values read as rows, or null where the source builds no JSON (the default) or prints this type
     * otherwise. PostgreSQL: integers, {@code numeric}, {@code bool}, {@code date} and {@code timestamp} of its own
     * types as they are, text of any type as {@code ::text} (what the driver's {@code getString} reads).
     *
     * <pre>{@code
     * dialect.jsonValue("t0.\"status\"", ColumnType.STRING, "my_enum")   // t0."status"::text
     * }</pre>
     */
    public String jsonValue(String column, dev.weft.catalog.ColumnType type, String sqlType) {
        return null;
    }

    /** Whether {@code (a, b) IN ((?, ?), ...)} is understood for composite keys. */
    public boolean supportsRowValueIn() {
        return true;
    }

    /**
     * Whether a correlated scalar subquery may be a sort key ({@code ORDER BY (SELECT ...)}), as ordering
     * through an object relationship renders it. DB2 forbids it (SQLSTATE 42703 on LUW, SQLCODE -214 on
     * z/OS); then the renderer adds the subquery as a column of a derived table and sorts by that column.
     */
    public boolean supportsSubqueryInOrderBy() {
        return true;
    }

    /**
     * Where {@link #supportsNullsOrdering()} is false: a sort key that is higher for NULL than for any
     * value, so that {@code key DESC} puts NULLs first and {@code key ASC} last.
     */
    public String nullSortKey(String expression) {
        return expression + " IS NULL";
    }

    /** The argument of {@code SUM} for a rendered column; where the engine sums integers in their own type, a wider one. */
    public String sumArgument(String column) {
        return column;
    }

    /** Whether one SELECT may hold several {@code COUNT(DISTINCT ...)} over different columns (Derby: no, 42Z02). */
    public boolean supportsManyDistinctCounts() {
        return true;
    }

    /**
     * A standard deviation or variance of a floating-point argument over its non-null values, population or sample;
     * NULL over no values (and over one value for a sample statistic).
     */
    public String spread(boolean stddev, boolean sample, String argument) {
        return (stddev ? "STDDEV_" : "VAR_") + (sample ? "SAMP(" : "POP(") + argument + ")";
    }

    /** The bind parameter of a text operand where no column gives it a type, as in {@code LOWER(?)}. */
    public String textParameter() {
        return "?";
    }

    /**
     * Whether the catalog stores unquoted identifiers in upper case (DB2): then an identifier that is entirely
     * upper case gets a lower-case GraphQL name ({@code EMP_NO} gives {@code emp_no}); SQL keeps the exact name.
     */
    public boolean foldsToUpperCase() {
        return false;
    }

    /**
     * Asks the server, once, what varies between servers of this dialect (versions, products speaking the same
     * protocol), on a connection at start-up, and returns the dialect to use from then on. A feature the server
     * lacks is an answer, not an error; only a failing connection throws. The default asks nothing.
     */
    public SqlDialect probe(java.sql.Connection connection) throws SQLException {
        return this;
    }

    /** What {@link #probe} found, for the start-up log. */
    public String describeCapabilities() {
        return "window partition " + supportsWindowPartition() + ", nulls ordering " + supportsNullsOrdering()
                + ", row-value IN " + supportsRowValueIn() + ", regular expressions " + textMatching().regex();
    }

    /**
     * The left operand of {@code LIKE}/{@code ILIKE} for a rendered column of the engine type {@code sqlType}
     * (null where unknown): the column itself, so that the engine's own operator on the column's own type and
     * collation decides (CHAR padding, case-insensitive collations); an engine casts only a type that has no
     * {@code LIKE} at all.
     */
    public String likeOperand(String column, String sqlType) {
        return column;
    }

    /**
     * The text operators this engine evaluates beyond the common ones, for the schema to offer
     * ({@link dev.weft.catalog.TextMatching}); none unless a dialect says more.
     */
    public dev.weft.catalog.TextMatching textMatching() {
        return dev.weft.catalog.TextMatching.LIKE_ONLY;
    }

    /**
     * A regular-expression match of {@code operand} against one bound pattern ({@code ?}), case-sensitive or not,
     * negated or not; only rendered where {@link #textMatching()} has {@code regex}. The default is
     * {@code REGEXP_LIKE(x, ?, 'c')} (DB2 LUW 11.1+, H2, MySQL 8, Oracle).
     */
    public String regexMatch(String operand, boolean caseInsensitive, boolean negated) {
        return (negated ? "NOT " : "") + "REGEXP_LIKE(" + operand + ", " + textParameter() + ", '" + (caseInsensitive ? "i" : "c") + "')";
    }

    /** SQL's {@code x SIMILAR TO ?} (or {@code NOT SIMILAR TO}); only rendered where {@link #textMatching()} has {@code similar}. */
    public String similarMatch(String operand, boolean negated) {
        return operand + (negated ? " NOT" : "") + " SIMILAR TO " + textParameter();
    }

    /** The most bind parameters one statement may carry. */
    public abstract int maxBindParameters();

    /** A {@code BAD_USER_INPUT} naming the limit when one statement would bind more than {@link #maxBindParameters()} values. */
    public void requireBindable(int count) {
        if (count > maxBindParameters()) {
            throw WeftException.badInput("this query needs " + String.format(java.util.Locale.ROOT, "%,d", count)
                    + " values bound in one statement, and " + name() + " takes at most "
                    + String.format(java.util.Locale.ROOT, "%,d", maxBindParameters()) + ": use shorter _in/_nin lists");
        }
    }

    /** A human name for messages. */
    public abstract String name();

    /** Classifies a driver error; anything unknown is {@link ErrorCode#INTERNAL}. */
    public ErrorCode classify(SQLException e) {
        if (e instanceof SQLTimeoutException) {
            return ErrorCode.TIMEOUT;
        }
        if (e instanceof SQLTransientConnectionException) {
            return ErrorCode.SOURCE_UNAVAILABLE;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("28") || state.startsWith("57P") || state.equals("HY000") && isConnectionClosed(e)) {
            return ErrorCode.SOURCE_UNAVAILABLE;
        }
        if (state.startsWith("22")) {
            return ErrorCode.BAD_USER_INPUT;
        }
        return ErrorCode.INTERNAL;
    }

    private static boolean isConnectionClosed(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection") && (message.contains("closed") || message.contains("refused"));
    }

    protected static String quoteWith(char quote, String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }
}
