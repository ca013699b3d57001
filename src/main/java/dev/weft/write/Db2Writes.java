package dev.weft.write;

import dev.weft.catalog.Table;
import dev.weft.dialect.SqlDialect;
import dev.weft.execute.sql.SqlStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What writes to a server of the DB2 family (DB2 for LUW, DB2 for z/OS, and Apache Derby, which speaks the
 * same protocol) need beyond the SQL of {@link WriteConnection}, decided per server from the product the
 * JCC connection reports ({@link DatabaseMetaData#getDatabaseProductVersion}: {@code SQL11055} for DB2
 * LUW, {@code DSN12015} for DB2 for z/OS, {@code 10.8.3.0 - (1405108)} for Derby):
 *
 * <ul>
 *   <li>an insert whose key the database generates reads it with {@code SELECT "ID" FROM FINAL TABLE
 *       (INSERT ...)} on DB2 LUW and z/OS; other servers (Derby has no FINAL TABLE) insert and take the
 *       identity column's value from {@code getGeneratedKeys} ({@code IDENTITY_VAL_LOCAL()});</li>
 *   <li>the locking read of updates and deletes is {@code SELECT ... FOR UPDATE WITH RS} (both accept it;
 *       {@code WITH RS} keeps the update locks of the rows read until the transaction ends);</li>
 *   <li>the names of unique constraints come from the server's catalog (DB2 and Derby name the index of a
 *       constraint {@code SQL...}; the error of a violation names the constraint);</li>
 *   <li>constraint violations are read from JCC's {@code SQLERRMC} tokens.</li>
 * </ul>
 *
 * <pre>{@code
 * Db2Writes.finalTable("SQL11055")                         // true
 * Db2Writes.finalTable(dialect, List.of("ID"), insert)    // SELECT "ID" FROM FINAL TABLE (INSERT INTO ...)
 * }</pre>
 */
final class Db2Writes {
    /** The locking read's suffix. */
    static final String LOCK = " FOR UPDATE WITH RS";

    static final String DERBY_CONSTRAINTS = "SELECT g.CONGLOMERATENAME, c.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS c"
            + " JOIN SYS.SYSKEYS k ON k.CONSTRAINTID = c.CONSTRAINTID"
            + " JOIN SYS.SYSCONGLOMERATES g ON g.CONGLOMERATEID = k.CONGLOMERATEID"
            + " JOIN SYS.SYSTABLES t ON t.TABLEID = c.TABLEID JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = t.SCHEMAID"
            + " WHERE s.SCHEMANAME = ? AND t.TABLENAME = ?";
    static final String LUW_CONSTRAINTS = "SELECT d.BNAME, d.CONSTNAME FROM SYSCAT.CONSTDEP d JOIN SYSCAT.TABCONST c"
            + " ON c.CONSTNAME = d.CONSTNAME AND c.TABSCHEMA = d.TABSCHEMA AND c.TABNAME = d.TABNAME"
            + " WHERE d.TABSCHEMA = ? AND d.TABNAME = ? AND d.BTYPE = 'I' AND c.TYPE IN ('P', 'U')";
    static final String ZOS_CONSTRAINTS = "SELECT IXNAME, CONSTNAME FROM SYSIBM.SYSTABCONST"
            + " WHERE TBCREATOR = ? AND TBNAME = ? AND TYPE IN ('P', 'U')";

    /** The tokens of a JCC message: {@code SQLERRMC=a;b, DRIVER=4.37.4}. */
    private static final Pattern SQLERRMC = Pattern.compile("SQLERRMC=(.*?), DRIVER=", Pattern.DOTALL);
    /** Derby separates its tokens with U+0014 and ends them with the SQLSTATE; DB2 with ';' (JCC's rendering of X'FF'). */
    private static final char DERBY_SEPARATOR = '\u0014';

    private Db2Writes() {
    }

    /** Whether the server runs {@code SELECT ... FROM FINAL TABLE (INSERT ...)}: DB2 for LUW and for z/OS. */
    static boolean finalTable(String productVersion) {
        String version = productVersion == null ? "" : productVersion.toUpperCase(Locale.ROOT);
        return version.startsWith("SQL") || version.startsWith("DSN");
    }

    /** Whether the server behind this connection runs FINAL TABLE (see {@link #finalTable(String)}). */
    static boolean finalTable(Connection connection) throws SQLException {
        return finalTable(connection.getMetaData().getDatabaseProductVersion());
    }

    /** {@code SELECT "A", "B" FROM FINAL TABLE (INSERT ...)}: the insert, answering the key columns of the row it inserted. */
    static SqlStatement finalTable(SqlDialect dialect, List<String> keyColumns, SqlStatement insert) {
        StringJoiner columns = new StringJoiner(", ", "SELECT ", " FROM FINAL TABLE (" + insert.sql() + ")");
        keyColumns.forEach(c -> columns.add(dialect.quote(c)));
        return new SqlStatement(columns.toString(), insert.params());
    }

    /** Whether {@code column} of the table is an identity (auto-increment) column, as JDBC metadata says. */
    static boolean identity(Connection connection, Table table, String column) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getColumns(null, table.ref().schema(), table.ref().name(), column)) {
            while (rs.next()) {
                if (column.equals(rs.getString("COLUMN_NAME"))) {
                    return "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"));
                }
            }
            return false;
        }
    }

    /**
     * The names of the table's primary and unique constraints by the name of their index, from the server's
     * catalog (Derby's {@code SYS}, DB2 LUW's {@code SYSCAT}, DB2 for z/OS's {@code SYSIBM}); empty for another
     * server, or when the catalog cannot be read (the indexes then keep their own names).
     */
    static Map<String, String> constraintNames(Connection connection, Table table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String version = meta.getDatabaseProductVersion() == null ? "" : meta.getDatabaseProductVersion();
        String sql = meta.getDatabaseProductName().contains("Derby") ? DERBY_CONSTRAINTS
                : version.startsWith("SQL") ? LUW_CONSTRAINTS : version.startsWith("DSN") ? ZOS_CONSTRAINTS : null;
        Map<String, String> names = new HashMap<>();
        if (sql == null || table.ref().schema() == null) {
            return names;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.ref().schema());
            ps.setString(2, table.ref().name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.putIfAbsent(rs.getString(1).trim(), rs.getString(2).trim());
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
                throw e;
            }
            names.clear(); // no such catalog view here, or no right to read it
        }
        return names;
    }

    /**
     * A constraint violation as JCC reports it ({@code SQLCODE=-1, SQLSTATE=23505, SQLERRMC=ACCOUNTS_NAME_KEY\u0014ACCOUNTS\u001423505}
     * from Derby; {@code SQLCODE=-530, SQLSTATE=23503, SQLERRMC=DB2INST1.ORDERS.FK_ORDERS_ACCOUNT} from DB2), described as
     * {@link WriteFailures#violation} does; empty when the message has no {@code SQLERRMC}. DB2's unique violation (-803)
     * names an index number and its NOT NULL violation (-407) a column number: those are described without a name.
     */
    static Optional<String> violation(String state, String message) {
        Matcher m = SQLERRMC.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        String errmc = m.group(1);
        boolean derby = errmc.indexOf(DERBY_SEPARATOR) >= 0;
        List<String> tokens = List.of(errmc.split(derby ? String.valueOf(DERBY_SEPARATOR) : ";"));
        String name = switch (state) {
            case "23505", "23502" -> derby ? token(tokens, 0) : null;
            case "23503", "23504" -> derby ? token(tokens, 0) : last(token(tokens, 0));
            case "23513" -> derby ? token(tokens, 1) : last(token(tokens, 0));
            default -> null;
        };
        if (name != null && !name.matches("[A-Za-z0-9_$#@]+")) {
            name = null; // not a plain name: never echo what may be a value
        }
        return Optional.of(switch (state) {
            case "23505" -> name == null ? "violates a unique constraint of the table" : "violates the unique constraint '" + name + "'";
            case "23503", "23504" -> name == null ? "violates a foreign key constraint" : "violates the foreign key constraint '" + name + "'";
            case "23513" -> name == null ? "violates a check constraint of the table" : "violates the check constraint '" + name + "'";
            case "23502" -> name == null ? "leaves a NOT NULL column without a value" : "leaves the NOT NULL column '" + name + "' without a value";
            default -> "violates a constraint of the table";
        });
    }

    private static String token(List<String> tokens, int index) {
        return index < tokens.size() ? tokens.get(index).trim() : null;
    }

    private static String last(String qualified) {
        if (qualified == null) {
            return null;
        }
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }
}
