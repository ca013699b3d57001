package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.query.DistinctOn;
import dev.weft.security.Caller;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code distinct_on} and {@code order_by} on an array relationship's aggregate, run unchanged against every
 * {@link Target}, with the database as the oracle: each expected answer is a plain SQL query on the same
 * database (no {@code DISTINCT ON}, no window, no subquery in ORDER BY, so that it runs on every engine).
 * Every query runs on both execution paths (direct and field by field), which must agree; a second runtime
 * with access control ({@code viewer}: staff rows with {@code visible = 1} only) checks that both features
 * see the related table through the caller's row filter.
 *
 * <pre>
 * departments d1 Alpha, d2 Beta, d3 Gamma, d4 Empty (no staff)
 * staff id dept salary grade lvl visible     id dept salary grade lvl visible
 *       1  d1   5000   1     1   1           7  d2   9500   2     1   0
 *       2  d1   7000   2     1   1           8  d3   4000   -     1   1
 *       3  d1   7000   -     2   0           9  d3   4000   3     1   1
 *       4  d1   3000   1     2   1           10 d3   1000   3     2   1
 *       5  d2   9000   -     1   1           11 d3   8000   1     3   0
 *       6  d2   2000   2     3   1
 * </pre>
 */
abstract class DistinctOnScenarios extends TargetScenario {
    private static final String FIRST_BY_SALARY = "NOT EXISTS (SELECT 1 FROM staff o WHERE o.dept_no = s.dept_no%s"
            + " AND (o.salary > s.salary OR (o.salary = s.salary AND o.id < s.id)))";
    private WeftRuntime guarded;

    @Override
    protected List<String> setup(Target t) {
        return List.of(
                "CREATE TABLE departments (dept_no CHAR(2) NOT NULL PRIMARY KEY, dept_name VARCHAR(20) NOT NULL)",
                "CREATE TABLE staff (id INT NOT NULL PRIMARY KEY, dept_no CHAR(2) NOT NULL, salary DECIMAL(10,2) NOT NULL,"
                        + " grade INT, lvl INT NOT NULL, visible INT NOT NULL,"
                        + " CONSTRAINT fk_staff_dept FOREIGN KEY (dept_no) REFERENCES departments (dept_no))",
                "INSERT INTO departments VALUES ('d1', 'Alpha'), ('d2', 'Beta'), ('d3', 'Gamma'), ('d4', 'Empty')",
                "INSERT INTO staff VALUES (1, 'd1', 5000, 1, 1, 1), (2, 'd1', 7000, 2, 1, 1), (3, 'd1', 7000, NULL, 2, 0),"
                        + " (4, 'd1', 3000, 1, 2, 1), (5, 'd2', 9000, NULL, 1, 1), (6, 'd2', 2000, 2, 3, 1),"
                        + " (7, 'd2', 9500, 2, 1, 0), (8, 'd3', 4000, NULL, 1, 1), (9, 'd3', 4000, 3, 1, 1),"
                        + " (10, 'd3', 1000, 3, 2, 1), (11, 'd3', 8000, 1, 3, 0)");
    }

    @BeforeAll
    void startGuarded() {
        ServiceSettings service = derby != null ? derby.service("hr") : db.service("hr", target().kind);
        guarded = WeftRuntime.start(List.of(service), List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", """
                        roles:
                          viewer:
                            hr.departments:
                            hr.staff: { select: { filter: { visible: { _eq: 1 } } } }
                        """));
    }

    @AfterAll
    void stopGuarded() {
        if (guarded != null) {
            guarded.close();
        }
    }

    // ---- distinct_on ----------------------------------------------------------------------------

    @Test
    void rootListKeepsTheFirstRowOfEachCombinationByTheOrder() {
        List<Object> expected = oracle("SELECT s.id FROM staff s WHERE " + FIRST_BY_SALARY.formatted("") + " ORDER BY s.dept_no");
        assertThat(expected).containsExactly(2, 7, 11);
        assertThat(ids("{ hr_staff(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc}, {id: asc}]) { id } }",
                "hr_staff")).isEqualTo(expected);
        assertThat(ids("{ hr_staff(distinct_on: [dept_no], order_by: [{dept_no: desc}, {salary: desc}, {id: asc}]) { id } }",
                "hr_staff")).isEqualTo(expected.reversed());
    }

    @Test
    void pageIsCutAfterTheDistinctRows() {
        List<Object> all = oracle("SELECT s.id FROM staff s WHERE " + FIRST_BY_SALARY.formatted("") + " ORDER BY s.dept_no");
        assertThat(ids("{ hr_staff(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc}, {id: asc}], limit: 1,"
                + " offset: 1) { id } }", "hr_staff")).isEqualTo(all.subList(1, 2));
    }

    @Test
    void withoutOrderByTheDistinctColumnsOrderTheRows() {
        List<Object> expected = oracle("SELECT DISTINCT dept_no FROM staff ORDER BY dept_no");
        Map<String, Object> data = both("{ hr_staff(distinct_on: [dept_no]) { dept_no } }");
        assertThat(column(data, "hr_staff", "dept_no")).isEqualTo(expected);
    }

    @Test
    void severalColumnsInAnyOrderOfTheInitialTerms() {
        List<Object> expected = oracle("SELECT s.id FROM staff s WHERE NOT EXISTS (SELECT 1 FROM staff o WHERE o.dept_no = s.dept_no"
                + " AND o.lvl = s.lvl AND o.id > s.id) ORDER BY s.lvl, s.dept_no");
        assertThat(ids("{ hr_staff(distinct_on: [dept_no, lvl], order_by: [{lvl: asc}, {dept_no: asc}, {id: desc}]) { id } }",
                "hr_staff")).isEqualTo(expected);
    }

    @Test
    void aNullableColumnHasOneRowForItsNulls() {
        List<Object> expected = oracle("SELECT MIN(id) FROM staff GROUP BY grade ORDER BY CASE WHEN grade IS NULL THEN 1 ELSE 0 END,"
                + " grade");
        assertThat(expected).hasSize(4);
        assertThat(ids("{ hr_staff(distinct_on: [grade], order_by: [{grade: asc}, {id: asc}]) { id } }", "hr_staff"))
                .isEqualTo(expected);
    }

    @Test
    void relationshipListsAreDistinctPerParentAndPagedAfterward() {
        String distinctPerLevel = "SELECT s.dept_no, s.id FROM staff s WHERE " + FIRST_BY_SALARY.formatted(" AND o.lvl = s.lvl")
                + " ORDER BY s.dept_no, s.lvl, s.salary DESC, s.id";
        Map<Object, List<Object>> expected = perDepartment(distinctPerLevel);
        Map<String, Object> data = both("{ hr_departments(order_by: {dept_no: asc}) { dept_no staff(distinct_on: [lvl],"
                + " order_by: [{lvl: asc}, {salary: desc}, {id: asc}]) { id } second: staff(distinct_on: [lvl],"
                + " order_by: [{lvl: asc}, {salary: desc}, {id: asc}], limit: 1, offset: 1) { id } } }");
        List<Map<String, Object>> departments = at(data, "hr_departments");
        assertThat(departments).hasSize(4);
        for (int i = 0; i < departments.size(); i++) {
            List<Object> rows = expected.getOrDefault(departments.get(i).get("dept_no"), List.of());
            assertThat(column(data, "hr_departments." + i + ".staff", "id")).isEqualTo(rows);
            assertThat(column(data, "hr_departments." + i + ".second", "id")).isEqualTo(rows.size() > 1 ? rows.subList(1, 2) : List.of());
        }
        assertThat(expected.get("d1")).containsExactly(2, 3);
    }

    @Test
    void distinctRowsAreAmongTheRowsTheRoleMaySee() {
        List<Object> expected = oracle("SELECT s.id FROM staff s WHERE s.visible = 1 AND "
                + FIRST_BY_SALARY.formatted(" AND o.visible = 1") + " ORDER BY s.dept_no");
        assertThat(expected).containsExactly(2, 5, 8);
        assertThat(column(guardedData("{ hr_staff(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc}, {id: asc}])"
                + " { id } }"), "hr_staff", "id")).isEqualTo(expected);
    }

    @Test
    void anOrderByNotStartingWithTheDistinctColumnsIsRefusedBeforeExecution() {
        for (String query : List.of("{ hr_staff(distinct_on: [dept_no], order_by: [{salary: desc}, {dept_no: asc}]) { id } }",
                "{ hr_staff(distinct_on: [dept_no, lvl], order_by: [{dept_no: asc}]) { id } }",
                "{ hr_staff(distinct_on: [dept_no], order_by: [{departments: {dept_no: asc}}]) { id } }",
                "{ hr_departments { dept_no staff(distinct_on: [lvl], order_by: {id: asc}) { id } } }",
                "{ hr_staff_aggregate(distinct_on: [dept_no], order_by: [{salary: desc}]) { aggregate { count } } }",
                "{ hr_departments { staff_aggregate(distinct_on: [lvl], order_by: {id: asc}) { aggregate { count } } } }")) {
            ExecutionResult direct = execute(query);
            assertThat(direct.toSpecification()).as(query).isEqualTo(weft.executeFieldByField(query, Map.of()).toSpecification());
            assertThat(codes(direct)).as(query).containsExactly("BAD_USER_INPUT");
            assertThat(direct.getErrors().get(0).getMessage()).isEqualTo(DistinctOn.MISMATCH);
            assertThat(direct.toSpecification()).as("no data at all, as Hasura answers").doesNotContainKey("data");
        }
    }

    // ---- distinct_on on aggregate fields ----------------------------------------------------------

    @Test
    void rootAggregateComputesOverTheDistinctRowsAndTheirNodes() {
        List<List<Object>> distinct = rows("SELECT s.id, s.salary, s.grade FROM staff s WHERE " + FIRST_BY_SALARY.formatted("")
                + " ORDER BY s.dept_no");
        List<Object> totals = rows("SELECT COUNT(*), SUM(s.salary), MAX(s.id), COUNT(DISTINCT s.grade) FROM staff s WHERE "
                + FIRST_BY_SALARY.formatted("")).get(0);
        assertThat(totals).containsExactly(3, 24500, 11, 2);
        Map<String, Object> data = both("{ hr_staff_aggregate(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc},"
                + " {id: asc}]) { aggregate { count sum { salary } max { id } count_grade: count(columns: [grade], distinct: true) }"
                + " nodes { id } } }");
        assertThat(aggregate(data, "hr_staff_aggregate", "count", "sum.salary", "max.id", "count_grade")).isEqualTo(totals);
        assertThat(column(data, "hr_staff_aggregate.nodes", "id")).isEqualTo(distinct.stream().map(r -> r.get(0)).toList());
    }

    @Test
    void rootAggregateOfDistinctRowsIsPagedAfterTheDistinctRows() {
        List<List<Object>> distinct = rows("SELECT s.id, s.salary FROM staff s WHERE " + FIRST_BY_SALARY.formatted("")
                + " ORDER BY s.dept_no");
        List<List<Object>> page = distinct.subList(1, 3);
        Map<String, Object> data = both("{ hr_staff_aggregate(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc},"
                + " {id: asc}], limit: 2, offset: 1) { aggregate { count sum { salary } } nodes { id } } }");
        assertThat(aggregate(data, "hr_staff_aggregate", "count", "sum.salary"))
                .isEqualTo(List.of(2, page.stream().mapToInt(r -> (Integer) r.get(1)).sum()));
        assertThat(column(data, "hr_staff_aggregate.nodes", "id")).isEqualTo(page.stream().map(r -> r.get(0)).toList());
        assertThat(aggregate(both("{ hr_staff_aggregate(distinct_on: [dept_no]) { aggregate { count } } }"), "hr_staff_aggregate",
                "count")).isEqualTo(rows("SELECT COUNT(DISTINCT dept_no) FROM staff").get(0));
    }

    @Test
    void relationshipAggregateIsOverEachParentsDistinctRowsThenItsPage() {
        String distinctPerLevel = "FROM staff s WHERE " + FIRST_BY_SALARY.formatted(" AND o.lvl = s.lvl");
        Map<Object, List<Object>> totals = new LinkedHashMap<>();
        rows("SELECT s.dept_no, COUNT(*), SUM(s.salary) " + distinctPerLevel + " GROUP BY s.dept_no")
                .forEach(r -> totals.put(r.get(0), r.subList(1, 3)));
        Map<Object, List<Object>> ids = perDepartment("SELECT s.dept_no, s.id " + distinctPerLevel
                + " ORDER BY s.dept_no, s.lvl, s.salary DESC, s.id");
        Map<Object, List<Object>> salaries = perDepartment("SELECT s.dept_no, s.salary " + distinctPerLevel
                + " ORDER BY s.dept_no, s.lvl, s.salary DESC, s.id");
        String order = "distinct_on: [lvl], order_by: [{lvl: asc}, {salary: desc}, {id: asc}]";
        Map<String, Object> data = both("{ hr_departments(order_by: {dept_no: asc}) { dept_no staff_aggregate(" + order + ") {"
                + " aggregate { count sum { salary } } nodes { id } } second: staff_aggregate(" + order + ", limit: 1, offset: 1) {"
                + " aggregate { count sum { salary } } } } }");
        List<Map<String, Object>> departments = at(data, "hr_departments");
        assertThat(departments).hasSize(4);
        for (int i = 0; i < departments.size(); i++) {
            Object dept = departments.get(i).get("dept_no");
            String base = "hr_departments." + i;
            List<Object> all = totals.getOrDefault(dept, java.util.Arrays.asList(0, null));
            assertThat(aggregate(data, base + ".staff_aggregate", "count", "sum.salary")).as("%s", dept).isEqualTo(all);
            assertThat(column(data, base + ".staff_aggregate.nodes", "id")).isEqualTo(ids.getOrDefault(dept, List.of()));
            List<Object> rest = salaries.getOrDefault(dept, List.of());
            assertThat(aggregate(data, base + ".second", "count", "sum.salary")).as("%s second", dept)
                    .isEqualTo(rest.size() > 1 ? List.of(1, rest.get(1)) : java.util.Arrays.asList(0, null));
        }
        assertThat(totals.get("d1")).containsExactly(2, 14000);
    }

    @Test
    void aggregateOfDistinctRowsIsAmongTheRowsTheRoleMaySee() {
        List<Object> expected = rows("SELECT COUNT(*), SUM(s.salary) FROM staff s WHERE s.visible = 1 AND "
                + FIRST_BY_SALARY.formatted(" AND o.visible = 1")).get(0);
        assertThat(expected).containsExactly(3, 20000);
        assertThat(aggregate(guardedData("{ hr_staff_aggregate(distinct_on: [dept_no], order_by: [{dept_no: asc}, {salary: desc},"
                + " {id: asc}]) { aggregate { count sum { salary } } } }"), "hr_staff_aggregate", "count", "sum.salary"))
                .isEqualTo(expected);
    }

    // ---- order_by an array relationship's aggregate ---------------------------------------------

    @Test
    void orderByCountOfRelatedRows() {
        List<Object> expected = oracle("SELECT d.dept_no FROM departments d LEFT JOIN staff s ON s.dept_no = d.dept_no"
                + " GROUP BY d.dept_no ORDER BY COUNT(s.id) DESC, d.dept_no");
        assertThat(expected).containsExactly("d1", "d3", "d2", "d4");
        assertThat(departments("[{staff_aggregate: {count: desc}}, {dept_no: asc}]", "")).isEqualTo(expected);
        assertThat(departments("[{staff_aggregate: {count: asc}}, {dept_no: desc}]", "")).isEqualTo(
                oracle("SELECT d.dept_no FROM departments d LEFT JOIN staff s ON s.dept_no = d.dept_no"
                        + " GROUP BY d.dept_no ORDER BY COUNT(s.id), d.dept_no DESC"));
    }

    @Test
    void orderByMaxMinSumAndAvgWithNullsForParentsWithoutRows() {
        String grouped = "SELECT d.dept_no FROM departments d LEFT JOIN staff s ON s.dept_no = d.dept_no GROUP BY d.dept_no ORDER BY ";
        assertThat(departments("[{staff_aggregate: {max: {salary: desc}}}]", ""))
                .isEqualTo(oracle(grouped + "CASE WHEN MAX(s.salary) IS NULL THEN 0 ELSE 1 END, MAX(s.salary) DESC"));
        assertThat(departments("[{staff_aggregate: {min: {salary: asc}}}]", ""))
                .isEqualTo(oracle(grouped + "CASE WHEN MIN(s.salary) IS NULL THEN 1 ELSE 0 END, MIN(s.salary)"));
        assertThat(departments("[{staff_aggregate: {sum: {salary: desc_nulls_last}}}]", ""))
                .isEqualTo(oracle(grouped + "CASE WHEN SUM(s.salary) IS NULL THEN 1 ELSE 0 END, SUM(s.salary) DESC"));
        assertThat(departments("[{staff_aggregate: {avg: {salary: asc}}}]", ""))
                .isEqualTo(oracle(grouped + "CASE WHEN AVG(s.salary) IS NULL THEN 1 ELSE 0 END, AVG(s.salary)"));
        assertThat(departments("[{staff_aggregate: {max: {salary: desc}}}]", "").get(0)).as("no rows: NULL, first when descending")
                .isEqualTo("d4");
    }

    @Test
    void aggregateOrderWithAPage() {
        List<Object> all = oracle("SELECT d.dept_no FROM departments d LEFT JOIN staff s ON s.dept_no = d.dept_no"
                + " GROUP BY d.dept_no ORDER BY COUNT(s.id) DESC, d.dept_no");
        assertThat(departments("[{staff_aggregate: {count: desc}}, {dept_no: asc}]", ", limit: 2, offset: 1"))
                .isEqualTo(all.subList(1, 3));
    }

    @Test
    void aggregateThroughAnObjectRelationship() {
        List<Object> expected = oracle("SELECT s.id FROM staff s JOIN (SELECT dept_no, COUNT(*) AS n FROM staff GROUP BY dept_no) c"
                + " ON c.dept_no = s.dept_no ORDER BY c.n, s.id");
        assertThat(ids("{ hr_staff(order_by: [{departments: {staff_aggregate: {count: asc}}}, {id: asc}]) { id } }", "hr_staff"))
                .isEqualTo(expected);
    }

    @Test
    void aggregateOrderInARelationshipListPagedPerParent() {
        Map<Object, List<Object>> expected = perDepartment("SELECT s.dept_no, s.id FROM staff s ORDER BY s.dept_no, s.salary DESC, s.id");
        Map<String, Object> data = both("{ hr_departments(order_by: {dept_no: asc}) { dept_no staff(order_by: [{departments:"
                + " {staff_aggregate: {count: desc}}}, {salary: desc}, {id: asc}]) { id } top: staff(order_by: [{departments:"
                + " {staff_aggregate: {count: desc}}}, {salary: desc}, {id: asc}], limit: 2) { id } } }");
        List<Map<String, Object>> departments = at(data, "hr_departments");
        for (int i = 0; i < departments.size(); i++) {
            List<Object> rows = expected.getOrDefault(departments.get(i).get("dept_no"), List.of());
            assertThat(column(data, "hr_departments." + i + ".staff", "id")).isEqualTo(rows);
            assertThat(column(data, "hr_departments." + i + ".top", "id")).isEqualTo(rows.subList(0, Math.min(2, rows.size())));
        }
        assertThat(expected.get("d1")).containsExactly(2, 3, 1, 4);
    }

    @Test
    void aggregatesCoverOnlyTheRowsTheRoleMaySee() {
        String grouped = "SELECT d.dept_no FROM departments d LEFT JOIN staff s ON s.dept_no = d.dept_no AND s.visible = 1"
                + " GROUP BY d.dept_no ORDER BY ";
        List<Object> byMax = oracle(grouped + "CASE WHEN MAX(s.salary) IS NULL THEN 0 ELSE 1 END, MAX(s.salary) DESC");
        assertThat(byMax).containsExactly("d4", "d2", "d1", "d3");
        assertThat(column(guardedData("{ hr_departments(order_by: [{staff_aggregate: {max: {salary: desc}}}]) { dept_no } }"),
                "hr_departments", "dept_no")).isEqualTo(byMax);
        assertThat(column(guardedData("{ hr_departments(order_by: [{staff_aggregate: {count: desc}}, {dept_no: desc}]) { dept_no } }"),
                "hr_departments", "dept_no")).isEqualTo(oracle(grouped + "COUNT(s.id) DESC, d.dept_no DESC"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private List<Object> departments(String orderBy, String more) {
        return column(both("{ hr_departments(order_by: " + orderBy + more + ") { dept_no } }"), "hr_departments", "dept_no");
    }

    private List<Object> ids(String query, String root) {
        return column(both(query), root, "id");
    }

    /** Values under {@code <path>.aggregate} ({@code sum.salary} for a function's), numbers as ints like the oracle's. */
    private static List<Object> aggregate(Map<String, Object> data, String path, String... keys) {
        List<Object> values = new ArrayList<>();
        for (String key : keys) {
            Object v = at(data, path + ".aggregate." + key);
            values.add(v instanceof Number n ? (Object) n.intValue() : v);
        }
        return values;
    }

    /** The data of a query that must succeed, the same on both execution paths. */
    private Map<String, Object> both(String query) {
        ExecutionResult direct = execute(query);
        assertThat(direct.getErrors()).as("errors of %s", query).isEmpty();
        assertThat(weft.executeFieldByField(query, Map.of()).toSpecification()).as("field by field: %s", query)
                .isEqualTo(direct.toSpecification());
        return direct.getData();
    }

    private Map<String, Object> guardedData(String query) {
        Caller caller = new Caller("viewer", Map.of());
        ExecutionResult direct = guarded.execute(query, Map.of(), caller);
        assertThat(direct.getErrors()).as("errors of %s", query).isEmpty();
        assertThat(guarded.executeFieldByField(query, Map.of(), caller).toSpecification()).isEqualTo(direct.toSpecification());
        return direct.getData();
    }

    /** The department (first column) and id (second) of each row, grouped by department in row order. */
    private Map<Object, List<Object>> perDepartment(String sql) {
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        for (List<Object> row : rows(sql)) {
            groups.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1));
        }
        return groups;
    }

    /** The first column of each row of a plain SQL query on the scenario's database. */
    private List<Object> oracle(String sql) {
        return rows(sql).stream().map(r -> r.get(0)).toList();
    }

    private List<List<Object>> rows(String sql) {
        try (Connection c = derby != null ? derby.connect() : db.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Number number ? (Object) number.intValue() : v instanceof String text ? text.trim() : v);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("oracle query failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
