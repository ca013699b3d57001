package dev.weft.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ColumnType;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.execute.sql.SqlRenderer;
import dev.weft.execute.sql.SqlStatement;
import dev.weft.introspect.JdbcTypeMapper;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The DB2 dialect without a DB2 server: exact SQL text and parameters, including the SQL the Derby test server
 * cannot run ({@code ROW_NUMBER() OVER (PARTITION BY ...)}), which is then executed on H2 in {@code MODE=DB2}
 * (a second, weaker check: H2 accepts more than DB2 does). Also the SQLSTATE classes, the type mapping of
 * DB2's types and the naming rule for upper-case catalogs.
 */
class Db2DialectTest {
    private static final TableRef EMPLOYEES = new TableRef(new ServiceName("hr"), "APP", "EMPLOYEES");
    private static final TableRef DEPT_EMP = new TableRef(new ServiceName("hr"), "APP", "DEPT_EMP");
    private static final TableRef DEPARTMENTS = new TableRef(new ServiceName("hr"), "APP", "DEPARTMENTS");

    /** DB2 LUW as the probe finds it: window functions and NULLS FIRST/LAST, no row-value IN lists. */
    private static final Db2Dialect LUW = new Db2Dialect(new Db2Dialect.Capabilities(true, true, false));
    private final SqlRenderer luw = new SqlRenderer(LUW);
    private final SqlRenderer unprobed = new SqlRenderer(new Db2Dialect());

    // ---- paging, text, composite keys, ordering --------------------------------------------------

    @Test
    void pagesWithOffsetAndFetchFirstAsParameters() {
        Select select = new Select(EMPLOYEES, List.of("EMP_NO"), new Predicate.Compare("EMP_NO", Predicate.CompareOp.GT, 10),
                List.of(OrderTerm.of("LAST_NAME", false, NullsOrder.LAST)), new Page(5L, 20L));
        SqlStatement sql = luw.select(select);
        assertThat(sql.sql()).isEqualTo("SELECT t0.\"EMP_NO\" FROM \"APP\".\"EMPLOYEES\" t0 WHERE t0.\"EMP_NO\" > ?"
                + " ORDER BY t0.\"LAST_NAME\" ASC NULLS LAST OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        assertThat(sql.params()).containsExactly(10, 20L, 5L);
        assertThat(luw.select(new Select(EMPLOYEES, List.of("EMP_NO"), Predicate.TRUE, List.of(), new Page(null, 3L))).sql())
                .endsWith("t0 OFFSET ? ROWS");
        assertThat(luw.select(new Select(EMPLOYEES, List.of("EMP_NO"), Predicate.TRUE, List.of(), new Page(7L, null))).sql())
                .endsWith("t0 FETCH FIRST ? ROWS ONLY");
    }

    @Test
    void aLimitOfZeroIsAnOffsetPastEveryRow() {
        SqlStatement sql = luw.select(new Select(EMPLOYEES, List.of("EMP_NO"), Predicate.TRUE, List.of(), new Page(0L, 4L)));
        assertThat(sql.sql()).isEqualTo("SELECT t0.\"EMP_NO\" FROM \"APP\".\"EMPLOYEES\" t0 OFFSET ? ROWS");
        assertThat(sql.params()).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void ilikeLowersBothSidesWithATypedParameter() {
        Select select = new Select(EMPLOYEES, List.of("EMP_NO"), new Predicate.Like("LAST_NAME", "s%", true, true), List.of(), Page.ALL);
        SqlStatement sql = luw.select(select);
        assertThat(sql.sql()).isEqualTo("SELECT t0.\"EMP_NO\" FROM \"APP\".\"EMPLOYEES\" t0"
                + " WHERE LOWER(t0.\"LAST_NAME\") NOT LIKE LOWER(CAST(? AS VARCHAR(32672)))");
        assertThat(sql.params()).containsExactly("s%");
        assertThat(luw.select(select.withWhere(new Predicate.Like("LAST_NAME", "S%", false, false))).sql())
                .endsWith("WHERE t0.\"LAST_NAME\" LIKE ?");
    }

    @Test
    void compositeKeysAreOrOfAndsUnlessTheServerHasRowValues() {
        Predicate in = new Predicate.InList(List.of("EMP_NO", "DEPT_NO"), List.of(List.of(1, "d001"), List.of(2, "d002")), false);
        Select select = new Select(DEPT_EMP, List.of("EMP_NO"), in, List.of(), Page.ALL);
        assertThat(luw.select(select).sql()).endsWith("WHERE ((t0.\"EMP_NO\" = ? AND t0.\"DEPT_NO\" = ?)"
                + " OR (t0.\"EMP_NO\" = ? AND t0.\"DEPT_NO\" = ?))");
        assertThat(luw.select(select).params()).containsExactly(1, "d001", 2, "d002");
        SqlRenderer rows = new SqlRenderer(new Db2Dialect(new Db2Dialect.Capabilities(true, true, true)));
        assertThat(rows.select(select).sql()).endsWith("WHERE (t0.\"EMP_NO\", t0.\"DEPT_NO\") IN ((?, ?), (?, ?))");
    }

    @Test
    void nullsOrderingIsACaseKeyWhereTheServerLacksNullsFirst() {
        Select select = new Select(EMPLOYEES, List.of("EMP_NO"), Predicate.TRUE,
                List.of(OrderTerm.of("RATING", true, NullsOrder.LAST), OrderTerm.of("EMP_NO", false, null)), Page.ALL);
        assertThat(unprobed.select(select).sql()).endsWith("ORDER BY CASE WHEN t0.\"RATING\" IS NULL THEN 1 ELSE 0 END ASC,"
                + " t0.\"RATING\" DESC, t0.\"EMP_NO\" ASC");
        assertThat(luw.select(select).sql()).endsWith("ORDER BY t0.\"RATING\" DESC NULLS LAST, t0.\"EMP_NO\" ASC");
    }

    @Test
    void orderingThroughARelationshipSortsByAColumnOfADerivedTable() {
        OrderTerm byDepartmentName = new OrderTerm(List.of(new OrderTerm.Hop(DEPARTMENTS, List.of("DEPT_NO"), List.of("DEPT_NO"))),
                "DEPT_NAME", false, NullsOrder.LAST);
        Select select = new Select(DEPT_EMP, List.of("EMP_NO", "DEPT_NO"), new Predicate.Compare("EMP_NO", Predicate.CompareOp.LT, 5),
                List.of(byDepartmentName, OrderTerm.of("EMP_NO", false, null)), new Page(3L, null));
        SqlStatement sql = luw.select(select);
        assertThat(sql.sql()).isEqualTo("SELECT t0.\"EMP_NO\", t0.\"DEPT_NO\" FROM (SELECT t0.*, (SELECT t1.\"DEPT_NAME\""
                + " FROM \"APP\".\"DEPARTMENTS\" t1 WHERE t1.\"DEPT_NO\" = t0.\"DEPT_NO\") AS \"weft o1\" FROM \"APP\".\"DEPT_EMP\" t0) t0"
                + " WHERE t0.\"EMP_NO\" < ? ORDER BY t0.\"weft o1\" ASC NULLS LAST, t0.\"EMP_NO\" ASC FETCH FIRST ? ROWS ONLY");
        assertThat(sql.params()).containsExactly(5, 3L);
    }

    @Test
    void sumsAreWidenedToDecimal31() {
        Aggregates sum = new Aggregates(true, List.of(new Aggregates.Aggregate(Aggregates.Function.SUM, "SALARY"),
                new Aggregates.Aggregate(Aggregates.Function.AVG, "RATING")));
        assertThat(luw.aggregate(new Select(EMPLOYEES, List.of("EMP_NO"), Predicate.TRUE, List.of(), Page.ALL), sum).sql())
                .isEqualTo("SELECT COUNT(*), SUM(t0.\"SALARY\" * CAST(1 AS DECIMAL(31, 0))), AVG(t0.\"RATING\" * 1.0E0)"
                        + " FROM \"APP\".\"EMPLOYEES\" t0");
    }

    // ---- per-parent pages with PARTITION BY: exact text, then run on H2 in DB2 mode ----------------------

    private static final String PER_PARENT_SQL = "SELECT t0.\"EMP_NO\", t0.\"DEPT_NO\", t0.\"FROM_DATE\" FROM (SELECT t0.\"EMP_NO\","
            + " t0.\"DEPT_NO\", t0.\"FROM_DATE\", ROW_NUMBER() OVER (PARTITION BY t0.\"DEPT_NO\" ORDER BY t0.\"FROM_DATE\" DESC NULLS FIRST,"
            + " t0.\"EMP_NO\" ASC) AS \"weft rn\" FROM \"APP\".\"DEPT_EMP\" t0 WHERE (t0.\"DEPT_NO\" IN (?, ?, ?) AND t0.\"EMP_NO\" <> ?)) t0"
            + " WHERE t0.\"weft rn\" > ? AND t0.\"weft rn\" <= ? ORDER BY t0.\"weft rn\"";

    private static Select perParentSelect() {
        return new Select(DEPT_EMP, List.of("EMP_NO", "DEPT_NO", "FROM_DATE"), new Predicate.Compare("EMP_NO", Predicate.CompareOp.NEQ, 99),
                List.of(OrderTerm.of("FROM_DATE", true, NullsOrder.FIRST), OrderTerm.of("EMP_NO", false, null)), new Page(2L, 1L));
    }

    private static KeyBatch departments() {
        return new KeyBatch(List.of("DEPT_NO"), List.of(List.of("d001"), List.of("d002"), List.of("d003")));
    }

    @Test
    void perParentPagesUseRowNumberOverPartitionBy() {
        SqlStatement sql = luw.selectBatch(perParentSelect(), departments());
        assertThat(sql.sql()).isEqualTo(PER_PARENT_SQL);
        assertThat(sql.params()).containsExactly("d001", "d002", "d003", 99, 1L, 3L);
    }

    @Test
    void theWindowSqlRunsOnH2InDb2Mode() throws SQLException {
        try (Connection h2 = h2Db2Mode()) {
            SqlStatement sql = luw.selectBatch(perParentSelect(), departments());
            List<String> rows = run(h2, sql, 3);
            // per department, newest first, skip 1, take 2: d001 is 2 (1990), 6 (1989), 3 (1986-08), 1 (1986-06) -> 6, 3
            assertThat(rows).containsExactlyInAnyOrder("6|d001|1989-06-02", "3|d001|1986-08-28", "4|d002|1986-12-01",
                    "2|d002|1985-11-21", "5|d003|1989-09-12");
        }
    }

    @Test
    void perParentAggregatesOverAPageUseTheWindowToo() throws SQLException {
        Select select = new Select(DEPT_EMP, List.of("EMP_NO"), Predicate.TRUE, List.of(OrderTerm.of("EMP_NO", false, null)),
                new Page(2L, null));
        Aggregates aggregates = new Aggregates(true, List.of(new Aggregates.Aggregate(Aggregates.Function.MAX, "EMP_NO")));
        SqlStatement sql = luw.aggregateBatch(select, departments(), aggregates);
        assertThat(sql.sql()).isEqualTo("SELECT t0.\"DEPT_NO\", COUNT(*), MAX(t0.\"EMP_NO\") FROM (SELECT t0.\"DEPT_NO\", t0.\"EMP_NO\","
                + " ROW_NUMBER() OVER (PARTITION BY t0.\"DEPT_NO\" ORDER BY t0.\"EMP_NO\" ASC) AS \"weft rn\" FROM \"APP\".\"DEPT_EMP\" t0"
                + " WHERE t0.\"DEPT_NO\" IN (?, ?, ?)) t0 WHERE t0.\"weft rn\" > ? AND t0.\"weft rn\" <= ? GROUP BY t0.\"DEPT_NO\"");
        try (Connection h2 = h2Db2Mode()) {
            assertThat(run(h2, sql, 3)).containsExactlyInAnyOrder("d001|2|2", "d002|2|4", "d003|2|6");
        }
    }

    @Test
    void theDerivedOrderingTableAndTheCaseNullKeyRunOnH2InDb2Mode() throws SQLException {
        OrderTerm byDepartmentName = new OrderTerm(List.of(new OrderTerm.Hop(DEPARTMENTS, List.of("DEPT_NO"), List.of("DEPT_NO"))),
                "DEPT_NAME", true, NullsOrder.FIRST);
        Select select = new Select(DEPT_EMP, List.of("EMP_NO", "DEPT_NO"), Predicate.TRUE,
                List.of(byDepartmentName, OrderTerm.of("EMP_NO", false, null)), Page.ALL);
        try (Connection h2 = h2Db2Mode()) {
            // d004 has no name: first when descending; then Marketing (d001), Human Resources (d003), Finance (d002)
            List<String> expected = List.of("9|d004", "1|d001", "2|d001", "3|d001", "6|d001", "5|d003", "6|d003", "2|d002", "4|d002",
                    "7|d002");
            assertThat(run(h2, luw.select(select), 2)).containsExactlyElementsOf(expected);
            assertThat(run(h2, unprobed.select(select), 2)).as("CASE key instead of NULLS FIRST").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theProbeFindsWhatH2InDb2ModeUnderstands() throws SQLException {
        try (Connection h2 = h2Db2Mode()) {
            assertThat(new Db2Dialect().probe(h2).capabilities()).as("without DB2's catalog nothing is assumed")
                    .isEqualTo(Db2Dialect.Capabilities.NONE);
            try (Statement s = h2.createStatement()) {
                s.execute("CREATE SCHEMA SYSIBM");
                s.execute("CREATE TABLE SYSIBM.SYSDUMMY1 (IBMREQD CHAR(1))");
                s.execute("INSERT INTO SYSIBM.SYSDUMMY1 VALUES ('Y')");
            }
            assertThat(new Db2Dialect().probe(h2).capabilities()).isEqualTo(new Db2Dialect.Capabilities(true, true, true, true));
        }
    }

    // ---- errors, limits, types, names -------------------------------------------------------------

    @Test
    void sqlStatesMapToTheContractsCodes() {
        Db2Dialect db2 = new Db2Dialect();
        assertThat(db2.classify(new SQLException("cancelled", "57014", -952))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLTimeoutException("timeout", "57014", -952))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLException("[jcc][t4][2030] ... Message: Query timed out. ERRORCODE=-4499, SQLSTATE=08001",
                "08001", -4499))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLException("deadlock or timeout, rolled back", "40001", -911))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLException("deadlock or timeout", "57033", -913))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLException("lock wait timeout (Derby)", "40XL1", 30000))).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(db2.classify(new SQLException("communication error", "08001", -4499))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(db2.classify(new SQLException("connection closed", "08003", -4470))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(db2.classify(new SQLException("authorization failure", "28000", -4214))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(db2.classify(new SQLException("not authorized", "42501", -551))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(db2.classify(new SQLException("database quiescing", "57019", -1035))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(db2.classify(new SQLException("value out of range", "22003", -413))).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(db2.classify(new SQLException("invalid datetime", "22007", -180))).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(db2.classify(new SQLException("undefined name", "42704", -204))).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void capabilitiesAndLimits() {
        Db2Dialect db2 = new Db2Dialect();
        assertThat(db2.maxBindParameters()).isEqualTo(32_767);
        assertThat(db2.foldsToUpperCase()).isTrue();
        assertThat(db2.supportsIlike()).isFalse();
        assertThat(db2.supportsSubqueryInOrderBy()).isFalse();
        assertThat(db2.capabilities()).isEqualTo(Db2Dialect.Capabilities.NONE);
        assertThat(db2.quote("odd \"name\"")).isEqualTo("\"odd \"\"name\"\"\"");
        assertThat(new H2Dialect().foldsToUpperCase()).isFalse();
    }

    @Test
    void db2TypesMapWithoutLosingPrecision() {
        assertThat(JdbcTypeMapper.map(Types.SMALLINT, "SMALLINT", 5)).isEqualTo(ColumnType.INT);
        assertThat(JdbcTypeMapper.map(Types.INTEGER, "INTEGER", 10)).isEqualTo(ColumnType.INT);
        assertThat(JdbcTypeMapper.map(Types.BIGINT, "BIGINT", 19)).isEqualTo(ColumnType.BIGINT);
        assertThat(JdbcTypeMapper.map(Types.DECIMAL, "DECIMAL", 31)).isEqualTo(ColumnType.DECIMAL);
        assertThat(JdbcTypeMapper.map(-360, "DECFLOAT", 34)).as("DB2 CLI's SQL_DECFLOAT").isEqualTo(ColumnType.DECIMAL);
        assertThat(JdbcTypeMapper.map(-100001, "DECFLOAT", 16)).as("JCC's DB2Types.DECFLOAT").isEqualTo(ColumnType.DECIMAL);
        assertThat(JdbcTypeMapper.map(Types.REAL, "REAL", 24)).isEqualTo(ColumnType.FLOAT);
        assertThat(JdbcTypeMapper.map(Types.DOUBLE, "DOUBLE", 53)).isEqualTo(ColumnType.FLOAT);
        assertThat(JdbcTypeMapper.map(Types.CHAR, "CHAR", 6)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(Types.VARCHAR, "VARCHAR", 20)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(-95, "GRAPHIC", 4)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(-96, "VARGRAPHIC", 40)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(Types.CLOB, "CLOB", 1048576)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(-350, "DBCLOB", 1048576)).isEqualTo(ColumnType.STRING);
        assertThat(JdbcTypeMapper.map(Types.BLOB, "BLOB", 1048576)).isEqualTo(ColumnType.BYTES);
        assertThat(JdbcTypeMapper.map(Types.BINARY, "CHAR () FOR BIT DATA", 4)).isEqualTo(ColumnType.BYTES);
        assertThat(JdbcTypeMapper.map(Types.VARBINARY, "VARBINARY", 8)).isEqualTo(ColumnType.BYTES);
        assertThat(JdbcTypeMapper.map(Types.DATE, "DATE", 10)).isEqualTo(ColumnType.DATE);
        assertThat(JdbcTypeMapper.map(Types.TIME, "TIME", 8)).isEqualTo(ColumnType.TIME);
        assertThat(JdbcTypeMapper.map(Types.TIMESTAMP, "TIMESTAMP", 32)).as("TIMESTAMP(12)").isEqualTo(ColumnType.TIMESTAMP);
        assertThat(JdbcTypeMapper.map(Types.BOOLEAN, "BOOLEAN", 1)).isEqualTo(ColumnType.BOOLEAN);
        assertThat(JdbcTypeMapper.map(Types.SQLXML, "XML", 0)).isEqualTo(ColumnType.STRING);
    }

    @Test
    void allUpperCaseNamesOfAnUpperCaseCatalogAreLowerCased() {
        assertThat(GraphqlNames.field("EMPLOYEE_STATUS", true)).isEqualTo("employee_status");
        assertThat(GraphqlNames.field("EMP_NO", true)).isEqualTo("emp_no");
        assertThat(GraphqlNames.field("2FA", true)).isEqualTo("_2fa");
        assertThat(GraphqlNames.field("emp_no", true)).as("quoted lower case stays").isEqualTo("emp_no");
        assertThat(GraphqlNames.field("EmpNo", true)).as("mixed case stays").isEqualTo("EmpNo");
        assertThat(GraphqlNames.field("first name", true)).isEqualTo("first_name");
        assertThat(GraphqlNames.field("_", true)).isEqualTo("_");
        assertThat(GraphqlNames.field("EMP_NO", false)).as("other sources keep the catalog's case").isEqualTo("EMP_NO");
        assertThat(GraphqlNames.type("Hrstatus", "EMPLOYEE_STATUS")).isEqualTo("HrstatusEmployeeStatus");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static Connection h2Db2Mode() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:db2_" + UUID.randomUUID() + ";MODE=DB2", "sa", "");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA APP");
            s.execute("CREATE TABLE APP.DEPARTMENTS (DEPT_NO CHAR(4) NOT NULL PRIMARY KEY, DEPT_NAME VARCHAR(40))");
            s.execute("CREATE TABLE APP.DEPT_EMP (EMP_NO INT NOT NULL, DEPT_NO CHAR(4) NOT NULL, FROM_DATE DATE NOT NULL,"
                    + " PRIMARY KEY (EMP_NO, DEPT_NO))");
            s.execute("INSERT INTO APP.DEPARTMENTS VALUES ('d001', 'Marketing'), ('d002', 'Finance'), ('d003', 'Human Resources'),"
                    + " ('d004', NULL)");
            s.execute("INSERT INTO APP.DEPT_EMP VALUES (1, 'd001', DATE '1986-06-26'), (2, 'd002', DATE '1985-11-21'),"
                    + " (2, 'd001', DATE '1990-01-02'), (3, 'd001', DATE '1986-08-28'), (4, 'd002', DATE '1986-12-01'),"
                    + " (5, 'd003', DATE '1989-09-12'), (6, 'd001', DATE '1989-06-02'), (7, 'd002', DATE '1989-02-10'),"
                    + " (6, 'd003', DATE '1995-01-02'), (9, 'd004', DATE '2001-01-01')");
        }
        return c;
    }

    /** Runs a rendered statement and gives each row as its first {@code columns} values joined with "|". */
    private static List<String> run(Connection c, SqlStatement sql, int columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
            for (int i = 0; i < sql.params().size(); i++) {
                ps.setObject(i + 1, sql.params().get(i));
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(String.valueOf(rs.getObject(i)).stripTrailing());
                    }
                    rows.add(String.join("|", values));
                }
            }
            return rows;
        }
    }
}
