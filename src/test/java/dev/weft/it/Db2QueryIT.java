package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.Db2Dialect;
import dev.weft.dialect.NullsOrder;
import dev.weft.execute.sql.SqlRenderer;
import dev.weft.execute.sql.SqlStatement;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import dev.weft.testing.Db2Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryScenarios} on a {@code db2} service: IBM JCC against the Derby 10.8.3.0 Network Server
 * ({@link Db2Database}). The scenarios' DDL is PostgreSQL's, which is also standard DB2 SQL (double-quoted
 * names, no collation clause); the unquoted names are folded to upper case by the server ({@code EMPLOYEES},
 * {@code EMP_NO}) and reach GraphQL lower-cased ({@code hr_employees}, {@code emp_no}), so every scenario runs
 * unchanged. The server lacks {@code PARTITION BY} and row-value IN, so per-parent pages are cut in memory
 * and composite keys are sent as OR-of-ANDs; ordering through relationships uses a derived table, as on DB2.
 */
class Db2QueryIT extends QueryScenarios {
    @Override
    protected Target target() {
        return Target.DB2;
    }

    @Test
    void theTestServerIsProbedAndItsFallbacksAreUsed() throws SQLException {
        try (Connection connection = derby.connect()) {
            assertThat(new Db2Dialect().probe(connection).capabilities())
                    .isEqualTo(new Db2Dialect.Capabilities(false, true, false));
        }
        // the per-parent scenarios above pass on Derby only through the fallbacks; here the statements prove it
        data("{ hr_departments(order_by: {dept_no: asc}) { dept_no dept_emp(order_by: {emp_no: asc}, limit: 1) { emp_no } } }");
        List<String> sent = derby.weftStatements();
        assertThat(sent).noneMatch(sql -> sql.contains("PARTITION BY"));
        assertThat(sent).anyMatch(sql -> sql.contains("FROM \"APP\".\"DEPT_EMP\" t0 WHERE t0.\"DEPT_NO\" IN (?, ?, ?, ?)"));
    }

    @Test
    void theCaseSortKeyForServersWithoutNullsFirstRunsOnTheTestServer() throws SQLException {
        TableRef employees = new TableRef(new ServiceName("hr"), "APP", "EMPLOYEES");
        Select select = new Select(employees, List.of("EMP_NO"), Predicate.TRUE,
                List.of(OrderTerm.of("RATING", false, NullsOrder.FIRST), OrderTerm.of("EMP_NO", false, null)), Page.ALL);
        SqlStatement withCase = new SqlRenderer(new Db2Dialect()).select(select);
        SqlStatement withNullsFirst = new SqlRenderer(new Db2Dialect(new Db2Dialect.Capabilities(false, true, false))).select(select);
        assertThat(withCase.sql()).contains("CASE WHEN t0.\"RATING\" IS NULL THEN 1 ELSE 0 END DESC");
        assertThat(withNullsFirst.sql()).contains("t0.\"RATING\" ASC NULLS FIRST");
        try (Connection connection = derby.connect()) {
            assertThat(empNos(connection, withCase)).containsExactly(2, 6, 8, 5, 3, 4, 1, 7);
            assertThat(empNos(connection, withNullsFirst)).containsExactly(2, 6, 8, 5, 3, 4, 1, 7);
        }
    }

    private static List<Integer> empNos(Connection connection, SqlStatement sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.sql()); ResultSet rs = ps.executeQuery()) {
            List<Integer> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getInt(1));
            }
            return values;
        }
    }

    @Test
    void upperCaseNamesAreLowerCasedAndQuotedNamesKept() {
        Map<String, Object> data = data("{ hr_employees(where: {emp_no: {_eq: 2}}) { __typename emp_no last_name manager { emp_no } } }");
        assertThat(column(data, "hr_employees", "__typename")).containsExactly("HrEmployees");
        assertThat(each(column(data, "hr_employees", "manager"), "emp_no")).containsExactly(1);
        assertThat(derby.weftStatements()).anyMatch(sql -> sql.startsWith("SELECT t0.\"EMP_NO\", t0.\"LAST_NAME\"")
                && sql.contains("FROM \"APP\".\"EMPLOYEES\" t0"));
        assertThat(values("{ hr_odd_names(order_by: {id: asc}) { id } }", "hr_odd_names", "id")).containsExactly(1, 2, 3);
        assertThat(derby.weftStatements()).anyMatch(sql -> sql.contains("FROM \"APP\".\"odd names\" t0"));
    }
}
