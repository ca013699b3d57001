package dev.weft.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;

/**
 * IBM DB2 (LUW 11.1 or newer, z/OS 12 or newer) through the IBM JCC driver, and the servers that speak its
 * protocol (DRDA): double quotes, {@code OFFSET ? ROWS FETCH FIRST ? ROWS ONLY}, {@code LOWER(x) LIKE LOWER(?)}
 * for {@code _ilike}, OR-of-ANDs or row values for composite keys, no correlated subquery as a sort key,
 * unquoted names folded to upper case, 32,767 parameter markers per statement.
 *
 * <p>What differs between such servers is asked once by {@link #probe}, with statements shaped like the ones
 * the renderer sends: {@code ROW_NUMBER() OVER (PARTITION BY ...)} (DB2 has it, Apache Derby 10.8 does not),
 * {@code NULLS FIRST/LAST} (DB2 LUW and Derby have it, DB2 for z/OS does not) and {@code (a, b) IN ((?, ?))}.
 * Until probed, a dialect assumes none of the three ({@link Capabilities#NONE}): its SQL then runs on every
 * such server, only slower (per-parent pages are cut in memory).
 *
 * <pre>{@code
 * SqlDialect db2 = new Db2Dialect().probe(connection);   // e.g. Capabilities[windowPartition=true, ...]
 * }</pre>
 */
public final class Db2Dialect extends SqlDialect {
    /** DB2's limit of parameter markers (host variable references) in one statement. */
    public static final int MAX_PARAMETER_MARKERS = 32_767;

    /** VARCHAR's largest length on DB2 LUW (z/OS allows 32,704); the type of an untyped text parameter. */
    private static final String TEXT_PARAMETER = "CAST(? AS VARCHAR(32672))";

    static final String WINDOW_PROBE = "SELECT t0.\"weft rn\" FROM (SELECT d.IBMREQD, ROW_NUMBER() OVER"
            + " (PARTITION BY d.IBMREQD ORDER BY d.IBMREQD ASC) AS \"weft rn\" FROM SYSIBM.SYSDUMMY1 d) t0"
            + " WHERE t0.\"weft rn\" > ?";
    static final String NULLS_PROBE = "SELECT d.IBMREQD FROM SYSIBM.SYSDUMMY1 d ORDER BY d.IBMREQD ASC NULLS LAST";
    static final String ROW_VALUE_IN_PROBE = "SELECT d.IBMREQD FROM SYSIBM.SYSDUMMY1 d WHERE (d.IBMREQD, d.IBMREQD) IN ((?, ?))";
    static final String REGEXP_PROBE = "SELECT d.IBMREQD FROM SYSIBM.SYSDUMMY1 d WHERE REGEXP_LIKE(d.IBMREQD, " + TEXT_PARAMETER + ", 'c')";

    /**
     * What the server understands beyond the SQL every DB2-family server runs.
     *
     * @param windowPartition {@code ROW_NUMBER() OVER (PARTITION BY ...)}, for per-parent paging in SQL
     * @param nullsOrdering {@code ORDER BY x ASC NULLS LAST}; otherwise a {@code CASE} sort key
     * @param rowValueIn {@code (a, b) IN ((?, ?), ...)}; otherwise OR-of-ANDs
     * @param regexpLike {@code REGEXP_LIKE(x, ?, 'c')} (DB2 LUW 11.1+; not Derby): then {@code _regex} and its kin are offered
     */
    public record Capabilities(boolean windowPartition, boolean nullsOrdering, boolean rowValueIn, boolean regexpLike) {
        /** Nothing beyond the common SQL: what a dialect assumes before it is probed. */
        public static final Capabilities NONE = new Capabilities(false, false, false, false);

        /** The first three, without {@code REGEXP_LIKE}. */
        public Capabilities(boolean windowPartition, boolean nullsOrdering, boolean rowValueIn) {
            this(windowPartition, nullsOrdering, rowValueIn, false);
        }
    }

    private final Capabilities capabilities;

    /** A dialect that has not asked its server yet (see {@link #probe}). */
    public Db2Dialect() {
        this(Capabilities.NONE);
    }

    public Db2Dialect(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /** Tries the statements of the class comment (and {@code REGEXP_LIKE}); a syntax or semantic error (class 42) means "no". */
    @Override
    public Db2Dialect probe(Connection connection) throws SQLException {
        return new Db2Dialect(new Capabilities(
                accepts(connection, WINDOW_PROBE, 0L),
                accepts(connection, NULLS_PROBE),
                accepts(connection, ROW_VALUE_IN_PROBE, "Y", "Y"),
                accepts(connection, REGEXP_PROBE, "Y")));
    }

    private static boolean accepts(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
            }
            return true;
        } catch (SQLSyntaxErrorException e) {
            return false;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String quote(String identifier) {
        return quoteWith('"', identifier);
    }

    /**
     * {@code OFFSET ? ROWS FETCH FIRST ? ROWS ONLY}: DB2 LUW 11.1+, z/OS 12+ and Derby 10.6+ take markers there.
     * A limit of 0 is not {@code FETCH FIRST 0 ROWS} (DB2 11.1 accepts it, older DB2 and Derby require at least
     * 1) but an offset past any table ({@link Long#MAX_VALUE} rows), which returns no row on all of them.
     */
    @Override
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (limit != null && limit == 0) {
            sql.append(" OFFSET ? ROWS");
            params.add(Long.MAX_VALUE);
            return;
        }
        super.appendPage(sql, limit, offset, params);
    }

    @Override
    public boolean supportsNullsOrdering() {
        return capabilities.nullsOrdering();
    }

    @Override
    public boolean supportsWindowPartition() {
        return capabilities.windowPartition();
    }

    @Override
    public boolean supportsRowValueIn() {
        return capabilities.rowValueIn();
    }

    /** {@code REGEXP_LIKE} where the probe found it; never {@code SIMILAR TO}; a LIKE without {@code ESCAPE} has no escape character. */
    @Override
    public dev.weft.catalog.TextMatching textMatching() {
        return new dev.weft.catalog.TextMatching(capabilities.regexpLike(), false, false);
    }

    @Override
    public boolean supportsSubqueryInOrderBy() {
        return false;
    }

    @Override
    public String nullSortKey(String expression) {
        return "CASE WHEN " + expression + " IS NULL THEN 1 ELSE 0 END";
    }

    /**
     * DB2 sums SMALLINT and INTEGER as INTEGER (an error past 2,147,483,647) and BIGINT as BIGINT: times a
     * DECIMAL(31,0) one, integers and decimals are summed as DECIMAL(31, s) (their scale kept), floats as DOUBLE.
     */
    @Override
    public String sumArgument(String column) {
        return column + " * CAST(1 AS DECIMAL(31, 0))";
    }

    @Override
    public boolean supportsManyDistinctCounts() {
        return false;
    }

    /**
     * Derby has no STDDEV or VARIANCE: the variance from the sums of values and of squares, over n or n - 1
     * (NULLIF makes too few values NULL), clamped at 0 against rounding before the square root.
     */
    @Override
    public String spread(boolean stddev, boolean sample, String argument) {
        String x = "(" + argument + ")";
        String variance = "(SUM(" + x + " * " + x + ") - SUM(" + x + ") * SUM(" + x + ") / COUNT(" + x + ")) / NULLIF(COUNT("
                + x + ")" + (sample ? " - 1" : "") + ", 0)";
        String clamped = "CASE WHEN " + variance + " < 0 THEN 0E0 ELSE " + variance + " END";
        return stddev ? "SQRT(" + clamped + ")" : clamped;
    }

    @Override
    public String textParameter() {
        return TEXT_PARAMETER;
    }

    @Override
    public boolean foldsToUpperCase() {
        return true;
    }

    @Override
    public int maxBindParameters() {
        return MAX_PARAMETER_MARKERS;
    }

    @Override
    public String name() {
        return "DB2";
    }

    /**
     * DB2's SQLSTATEs: 57014 (cancelled: the query timeout) and JCC's "Query timed out" (08001 when it closes the
     * socket at the timeout), 40001 and 57033 (deadlock or lock timeout) and
     * Derby's 40XL1/40XL2 are {@code TIMEOUT}; other class 57 states (resource not available, quiescing) and
     * 42501/42502 (Weft's user lacks a privilege at the source) are {@code SOURCE_UNAVAILABLE}, like class 08
     * (connection) and 28 (authorization); class 22 (bad data) is {@code BAD_USER_INPUT}; the rest is
     * {@code INTERNAL}.
     */
    @Override
    public ErrorCode classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (String.valueOf(e.getMessage()).contains("Query timed out")) {
            return ErrorCode.TIMEOUT; // JCC closed the socket at the query timeout (SQLSTATE 08001, ERRORCODE -4499)
        }
        if (state.equals("57014") || state.equals("57033") || state.equals("40001") || state.startsWith("40XL")) {
            return ErrorCode.TIMEOUT;
        }
        if (state.startsWith("57") || state.equals("42501") || state.equals("42502")) {
            return ErrorCode.SOURCE_UNAVAILABLE;
        }
        return super.classify(e);
    }
}
