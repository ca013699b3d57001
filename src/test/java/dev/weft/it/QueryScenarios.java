package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.query.LikePatterns;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The query API of the README's "The GraphQL API" (where, order_by, paging, by_pk, relationships, aggregates, names),
 * run unchanged against every {@link Target}: each subclass only names its target. The seed data
 * below is small on purpose so that every expected value can be checked by hand.
 *
 * <pre>
 * employees  emp_no first_name last_name login     birth_date hire_date  salary    rating manager_id
 *            1      Georgi     Facello   Georgi1   1953-09-02 1986-06-26 60117.00  5      -
 *            2      Bezalel    Simmel    bezalel   1964-06-02 1985-11-21 65828.50  -      1
 *            3      Parto      Bamford   PARTO     1959-12-03 1986-08-28 40006.00  3      1
 *            4      Chirstian  Koblick   chirstian 1954-05-01 -          40054.75  4      2
 *            5      Kyoichi    Maliniak  Kyoichi   1955-01-21 1989-09-12 -         2      2
 *            6      Anneke     Preusig   anneke    1953-04-20 1989-06-02 56724.00  -      1
 *            7      Tzvetan    Zielinski TZVETAN   1957-05-23 1989-02-10 70000.00  5      -
 *            8      Saniya     Schmiedel saniya    1958-02-19 1994-09-15 43906.25  1      7
 * departments d001 Marketing 100000.50 | d002 Finance 250000.00 | d003 Human Resources - | d004 Research 75000.25
 * dept_emp   (emp_no, dept_no) from_date - to_date: d001: 1, 2, 3, 6 (closed), 8; d002: 2 (closed), 4, 7; d003: 5, 6
 * assignments id (emp_no, dept_no) role: 1 (2,d002) analyst, 2 (2,d002) lead, 3 (6,d003) lead, 4 (1,d001) member
 * </pre>
 *
 * {@code login} has a case-sensitive collation on every engine (MariaDB: utf8mb4_bin); the other text
 * columns use each engine's default (MariaDB's utf8mb4_general_ci compares case-insensitively).
 */
abstract class QueryScenarios extends TargetScenario {
    private static final List<Object> ALL = List.of(1, 2, 3, 4, 5, 6, 7, 8);

    @Override
    protected List<String> setup(Target t) {
        String binaryText = t.isPostgres() ? "VARCHAR(20)" : "VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        return List.of(
                "CREATE TABLE departments (dept_no CHAR(4) NOT NULL PRIMARY KEY, dept_name VARCHAR(40) NOT NULL,"
                        + " budget DECIMAL(12,2))",
                "CREATE TABLE employees (emp_no INT NOT NULL PRIMARY KEY, first_name VARCHAR(30) NOT NULL,"
                        + " last_name VARCHAR(30) NOT NULL, login " + binaryText + " NOT NULL, birth_date DATE NOT NULL,"
                        + " hire_date DATE, salary DECIMAL(10,2), rating INT, manager_id INT,"
                        + " CONSTRAINT fk_emp_manager FOREIGN KEY (manager_id) REFERENCES employees (emp_no))",
                "CREATE TABLE dept_emp (emp_no INT NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL, to_date DATE,"
                        + " PRIMARY KEY (emp_no, dept_no),"
                        + " CONSTRAINT fk_de_emp FOREIGN KEY (emp_no) REFERENCES employees (emp_no),"
                        + " CONSTRAINT fk_de_dept FOREIGN KEY (dept_no) REFERENCES departments (dept_no))",
                "CREATE TABLE assignments (id INT NOT NULL PRIMARY KEY, emp_no INT NOT NULL, dept_no CHAR(4) NOT NULL,"
                        + " role VARCHAR(20) NOT NULL,"
                        + " CONSTRAINT fk_as_de FOREIGN KEY (emp_no, dept_no) REFERENCES dept_emp (emp_no, dept_no))",
                "CREATE TABLE " + t.q("odd names") + " (id INT NOT NULL PRIMARY KEY, " + t.q("first name") + " VARCHAR(20), "
                        + t.q("2fa") + " INT, " + t.q("e-mail") + " VARCHAR(40), " + t.q("__meta") + " VARCHAR(10))",
                "INSERT INTO departments VALUES ('d001', 'Marketing', 100000.50), ('d002', 'Finance', 250000.00),"
                        + " ('d003', 'Human Resources', NULL), ('d004', 'Research', 75000.25)",
                "INSERT INTO employees VALUES"
                        + " (1, 'Georgi', 'Facello', 'Georgi1', '1953-09-02', '1986-06-26', 60117.00, 5, NULL),"
                        + " (2, 'Bezalel', 'Simmel', 'bezalel', '1964-06-02', '1985-11-21', 65828.50, NULL, 1),"
                        + " (3, 'Parto', 'Bamford', 'PARTO', '1959-12-03', '1986-08-28', 40006.00, 3, 1),"
                        + " (4, 'Chirstian', 'Koblick', 'chirstian', '1954-05-01', NULL, 40054.75, 4, 2),"
                        + " (5, 'Kyoichi', 'Maliniak', 'Kyoichi', '1955-01-21', '1989-09-12', NULL, 2, 2),"
                        + " (6, 'Anneke', 'Preusig', 'anneke', '1953-04-20', '1989-06-02', 56724.00, NULL, 1),"
                        + " (7, 'Tzvetan', 'Zielinski', 'TZVETAN', '1957-05-23', '1989-02-10', 70000.00, 5, NULL),"
                        + " (8, 'Saniya', 'Schmiedel', 'saniya', '1958-02-19', '1994-09-15', 43906.25, 1, 7)",
                "INSERT INTO dept_emp VALUES (1, 'd001', '1986-06-26', NULL), (2, 'd002', '1985-11-21', '1990-01-01'),"
                        + " (2, 'd001', '1990-01-02', NULL), (3, 'd001', '1986-08-28', NULL), (4, 'd002', '1986-12-01', NULL),"
                        + " (5, 'd003', '1989-09-12', NULL), (6, 'd001', '1989-06-02', '1995-01-01'),"
                        + " (7, 'd002', '1989-02-10', NULL), (8, 'd001', '1994-09-15', NULL), (6, 'd003', '1995-01-02', NULL)",
                "INSERT INTO assignments VALUES (1, 2, 'd002', 'analyst'), (2, 2, 'd002', 'lead'), (3, 6, 'd003', 'lead'),"
                        + " (4, 1, 'd001', 'member')",
                "INSERT INTO " + t.q("odd names") + " VALUES (1, 'Ann', 1, 'ann@x.org', 'a'), (2, 'Bob', 0, NULL, 'b'),"
                        + " (3, 'Cy', 1, 'cy@x.org', NULL)");
    }

    /** emp_no of the employees matching {@code where}, in emp_no order. */
    private List<Object> employees(String where) {
        return values("{ hr_employees(where: " + where + ", order_by: {emp_no: asc}) { emp_no } }", "hr_employees", "emp_no");
    }

    private List<Object> employeesWith(String declarations, String where, Map<String, Object> variables) {
        return column(data("query(" + declarations + ") { hr_employees(where: " + where + ", order_by: {emp_no: asc}) { emp_no } }",
                variables), "hr_employees", "emp_no");
    }

    /** emp_no in the order given by {@code orderBy}. */
    private List<Object> ordered(String orderBy) {
        return values("{ hr_employees(order_by: " + orderBy + ") { emp_no } }", "hr_employees", "emp_no");
    }

    /** "emp_no/dept_no" of each element of the dept_emp list at {@code path}. */
    private static List<String> pairs(Object data, String path) {
        List<Map<String, Object>> rows = at(data, path);
        return rows.stream().map(r -> r.get("emp_no") + "/" + r.get("dept_no")).toList();
    }

    /** Per department (d001..d004, in order) the values of {@code field} of the list {@code list}. */
    private static List<List<Object>> perDepartment(Map<String, Object> data, String list, String field) {
        List<Map<String, Object>> departments = at(data, "hr_departments");
        assertThat(departments).extracting(d -> d.get("dept_no")).containsExactly("d001", "d002", "d003", "d004");
        List<List<Object>> result = new ArrayList<>();
        for (int i = 0; i < departments.size(); i++) {
            result.add(column(data, "hr_departments." + i + "." + list, field));
        }
        return result;
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    // ---- where: integers ------------------------------------------------------------------------

    @Test
    void intEqAndNeq() {
        assertThat(employees("{emp_no: {_eq: 3}}")).containsExactly(3);
        assertThat(employees("{rating: {_neq: 5}}")).as("_neq leaves out nulls, as SQL and Hasura do").containsExactly(3, 4, 5, 8);
    }

    @Test
    void intRangeOperators() {
        assertThat(employees("{rating: {_gt: 3}}")).containsExactly(1, 4, 7);
        assertThat(employees("{rating: {_gte: 3}}")).containsExactly(1, 3, 4, 7);
        assertThat(employees("{rating: {_lt: 3}}")).containsExactly(5, 8);
        assertThat(employees("{rating: {_lte: 3}}")).containsExactly(3, 5, 8);
    }

    @Test
    void intInAndNin() {
        assertThat(employees("{emp_no: {_in: [2, 4, 99]}}")).containsExactly(2, 4);
        assertThat(employees("{rating: {_nin: [5, 1]}}")).as("NOT IN leaves out nulls").containsExactly(3, 4, 5);
    }

    @Test
    void emptyInMatchesNoRowAndEmptyNinEveryRow() {
        assertThat(employees("{emp_no: {_in: []}}")).isEmpty();
        assertThat(employees("{emp_no: {_nin: []}}")).isEqualTo(ALL);
        assertThat(employees("{rating: {_nin: []}}")).as("rows with a null rating too").isEqualTo(ALL);
        assertThat(employees("{_or: [{emp_no: {_in: []}}, {emp_no: {_eq: 2}}]}")).containsExactly(2);
    }

    @Test
    void isNullTrueAndFalse() {
        assertThat(employees("{rating: {_is_null: true}}")).containsExactly(2, 6);
        assertThat(employees("{rating: {_is_null: false}}")).containsExactly(1, 3, 4, 5, 7, 8);
        assertThat(employees("{hire_date: {_is_null: true}}")).containsExactly(4);
        assertThat(employees("{salary: {_is_null: true}}")).containsExactly(5);
    }

    // ---- where: text ----------------------------------------------------------------------------

    @Test
    void textComparisons() {
        assertThat(employees("{last_name: {_eq: \"Simmel\"}}")).containsExactly(2);
        assertThat(employees("{last_name: {_neq: \"Simmel\"}}")).containsExactly(1, 3, 4, 5, 6, 7, 8);
        assertThat(employees("{last_name: {_gt: \"Preusig\"}}")).containsExactly(2, 7, 8);
        assertThat(employees("{last_name: {_gte: \"Preusig\"}}")).containsExactly(2, 6, 7, 8);
        assertThat(employees("{last_name: {_lt: \"Koblick\"}}")).containsExactly(1, 3);
        assertThat(employees("{last_name: {_lte: \"Koblick\"}}")).containsExactly(1, 3, 4);
        assertThat(employees("{last_name: {_in: [\"Bamford\", \"Nobody\", \"Zielinski\"]}}")).containsExactly(3, 7);
        assertThat(employees("{last_name: {_nin: [\"Bamford\", \"Zielinski\"]}}")).containsExactly(1, 2, 4, 5, 6, 8);
    }

    @Test
    void likeAndNlike() {
        assertThat(employees("{last_name: {_like: \"S%\"}}")).containsExactly(2, 8);
        assertThat(employees("{last_name: {_like: \"%el%\"}}")).containsExactly(1, 2, 7, 8);
        assertThat(employees("{last_name: {_like: \"_a%\"}}")).as("_ is one character").containsExactly(1, 3, 5);
        assertThat(employees("{last_name: {_nlike: \"S%\"}}")).containsExactly(1, 3, 4, 5, 6, 7);
    }

    @Test
    void ilikeAndNilikeIgnoreCase() {
        assertThat(employees("{last_name: {_ilike: \"s%\"}}")).containsExactly(2, 8);
        assertThat(employees("{last_name: {_ilike: \"%EL%\"}}")).containsExactly(1, 2, 7, 8);
        assertThat(employees("{last_name: {_nilike: \"%EL%\"}}")).containsExactly(3, 4, 5, 6);
    }

    @Test
    void likeIsCaseSensitiveAndIlikeIsNotOnACaseSensitiveColumn() {
        assertThat(employees("{login: {_like: \"P%\"}}")).containsExactly(3);
        assertThat(employees("{login: {_like: \"p%\"}}")).isEmpty();
        assertThat(employees("{login: {_ilike: \"p%\"}}")).containsExactly(3);
        assertThat(employees("{login: {_nlike: \"%a%\"}}")).containsExactly(1, 3, 5, 7);
        assertThat(employees("{login: {_nilike: \"%a%\"}}")).containsExactly(1, 5);
        assertThat(employees("{login: {_eq: \"parto\"}}")).isEmpty();
    }

    // ---- where: dates and decimals --------------------------------------------------------------

    @Test
    void dateComparisons() {
        assertThat(employees("{birth_date: {_eq: \"1955-01-21\"}}")).containsExactly(5);
        assertThat(employees("{birth_date: {_neq: \"1955-01-21\"}}")).containsExactly(1, 2, 3, 4, 6, 7, 8);
        assertThat(employees("{birth_date: {_gt: \"1958-01-01\"}}")).containsExactly(2, 3, 8);
        assertThat(employees("{birth_date: {_gte: \"1958-02-19\"}}")).containsExactly(2, 3, 8);
        assertThat(employees("{birth_date: {_lt: \"1953-09-02\"}}")).containsExactly(6);
        assertThat(employees("{birth_date: {_lte: \"1954-05-01\"}}")).containsExactly(1, 4, 6);
        assertThat(employees("{birth_date: {_in: [\"1953-09-02\", \"1957-05-23\"]}}")).containsExactly(1, 7);
        assertThat(employees("{birth_date: {_nin: [\"1953-09-02\", \"1957-05-23\"]}}")).containsExactly(2, 3, 4, 5, 6, 8);
        assertThat(employees("{hire_date: {_is_null: false, _lt: \"1986-07-01\"}}")).containsExactly(1, 2);
    }

    @Test
    void decimalComparisons() {
        assertThat(employees("{salary: {_eq: 40054.75}}")).containsExactly(4);
        assertThat(employees("{salary: {_neq: 40054.75}}")).containsExactly(1, 2, 3, 6, 7, 8);
        assertThat(employees("{salary: {_gt: 60117}}")).containsExactly(2, 7);
        assertThat(employees("{salary: {_gte: 60117.00}}")).containsExactly(1, 2, 7);
        assertThat(employees("{salary: {_lt: 43906.25}}")).containsExactly(3, 4);
        assertThat(employees("{salary: {_lte: 43906.25}}")).containsExactly(3, 4, 8);
        assertThat(employees("{salary: {_in: [40006, 70000.00]}}")).containsExactly(3, 7);
        assertThat(employees("{salary: {_nin: [40006, 70000.00]}}")).containsExactly(1, 2, 4, 6, 8);
    }

    // ---- where: variables -----------------------------------------------------------------------

    @Test
    void valuesFromVariables() {
        assertThat(employeesWith("$v: BigDecimal", "{salary: {_eq: $v}}", Map.of("v", dec("40054.75")))).containsExactly(4);
        assertThat(employeesWith("$v: BigDecimal", "{salary: {_eq: $v}}", Map.of("v", dec("40054.7500"))))
                .as("another scale of the same number").containsExactly(4);
        assertThat(employeesWith("$d: Date", "{birth_date: {_gt: $d}}", Map.of("d", "1958-01-01"))).containsExactly(2, 3, 8);
        assertThat(employeesWith("$s: String", "{last_name: {_ilike: $s}}", Map.of("s", "s%"))).containsExactly(2, 8);
        assertThat(employeesWith("$n: Boolean", "{rating: {_is_null: $n}}", Map.of("n", true))).containsExactly(2, 6);
        assertThat(employeesWith("$ids: [Int!]", "{emp_no: {_in: $ids}}", Map.of("ids", List.of(2, 4, 99)))).containsExactly(2, 4);
        assertThat(employeesWith("$ids: [Int!]", "{emp_no: {_in: $ids}}", Map.of("ids", List.of()))).isEmpty();
        assertThat(employeesWith("$ids: [Int!]", "{emp_no: {_nin: $ids}}", Map.of("ids", List.of()))).isEqualTo(ALL);
    }

    @Test
    void wholeWhereFromAVariable() {
        Map<String, Object> where = Map.of("_or", List.of(Map.of("rating", Map.of("_eq", 5)),
                Map.of("last_name", Map.of("_ilike", "s%"))));
        assertThat(employeesWith("$w: HrEmployeesBoolExp", "$w", Map.of("w", where))).containsExactly(1, 2, 7, 8);
    }

    // ---- where: logic ---------------------------------------------------------------------------

    @Test
    void severalConditionsInOneObjectAllHold() {
        assertThat(employees("{rating: {_gte: 3}, salary: {_lt: 50000}}")).containsExactly(3, 4);
        assertThat(employees("{salary: {_gt: 40006, _lt: 60117}}")).containsExactly(4, 6, 8);
    }

    @Test
    void andOrNot() {
        assertThat(employees("{_and: [{rating: {_gte: 3}}, {salary: {_lt: 50000}}]}")).containsExactly(3, 4);
        assertThat(employees("{_or: [{rating: {_eq: 1}}, {salary: {_is_null: true}}]}")).containsExactly(5, 8);
        assertThat(employees("{_not: {rating: {_is_null: true}}}")).containsExactly(1, 3, 4, 5, 7, 8);
        assertThat(employees("{_not: {rating: {_eq: 5}}}")).as("NOT of unknown is unknown").containsExactly(3, 4, 5, 8);
    }

    @Test
    void nestedLogic() {
        assertThat(employees("{_or: [{rating: {_eq: 5}}, {_and: [{salary: {_lt: 41000}}, {_not: {last_name: {_like: \"K%\"}}}]}]}"))
                .containsExactly(1, 3, 7);
        assertThat(employees("{_not: {_or: [{rating: {_is_null: true}}, {rating: {_gte: 3}}]}}")).containsExactly(5, 8);
        assertThat(employees("{_and: [{_or: [{emp_no: {_lt: 3}}, {emp_no: {_gt: 6}}]}, {_not: {_and: [{rating: {_eq: 5}}]}}]}"))
                .as("2 has a null rating: NOT of unknown is unknown").containsExactly(8);
    }

    @Test
    void emptyOrMatchesNoRow() {
        assertThat(employees("{_or: []}")).isEmpty();
        assertThat(employees("{_not: {_or: []}}")).isEqualTo(ALL);
    }

    /** An explicit null in a comparison, written or from a variable, fails the request (Hasura v2): never "no condition". */
    @Test
    void comparingWithNullFailsTheRequest() {
        for (ExecutionResult result : List.of(execute("{ hr_employees(where: {rating: {_eq: null}}) { emp_no } }"),
                execute("query($r: [Int!]) { hr_employees(where: {_or: [{rating: {_in: $r}}]}) { emp_no } }",
                        java.util.Collections.singletonMap("r", null)))) {
            assertThat(codes(result)).containsExactly("BAD_USER_INPUT");
            assertThat(result.getErrors().get(0).getMessage()).contains("needs a value; use _is_null to test for null");
            assertThat(result.isDataPresent()).isFalse();
        }
    }

    @Test
    void emptyConditionsMatchEveryRow() {
        assertThat(employees("{}")).isEqualTo(ALL);
        assertThat(employees("{_and: []}")).isEqualTo(ALL);
        assertThat(employees("{rating: {}}")).isEqualTo(ALL);
    }

    // ---- order_by -------------------------------------------------------------------------------

    @Test
    void ascPutsNullsLastAndDescFirst() {
        assertThat(ordered("[{rating: asc}, {emp_no: asc}]")).containsExactly(8, 5, 3, 4, 1, 7, 2, 6);
        assertThat(ordered("[{rating: desc}, {emp_no: asc}]")).containsExactly(2, 6, 1, 7, 4, 3, 5, 8);
        assertThat(ordered("[{hire_date: asc}]")).containsExactly(2, 1, 3, 7, 6, 5, 8, 4);
        assertThat(ordered("[{hire_date: desc}]")).containsExactly(4, 8, 5, 6, 7, 3, 1, 2);
        assertThat(ordered("[{salary: desc}]")).containsExactly(5, 7, 2, 1, 6, 8, 4, 3);
    }

    @Test
    void explicitNullsOrdering() {
        assertThat(ordered("[{rating: asc_nulls_last}, {emp_no: asc}]")).containsExactly(8, 5, 3, 4, 1, 7, 2, 6);
        assertThat(ordered("[{rating: asc_nulls_first}, {emp_no: asc}]")).containsExactly(2, 6, 8, 5, 3, 4, 1, 7);
        assertThat(ordered("[{rating: desc_nulls_first}, {emp_no: asc}]")).containsExactly(2, 6, 1, 7, 4, 3, 5, 8);
        assertThat(ordered("[{rating: desc_nulls_last}, {emp_no: asc}]")).containsExactly(1, 7, 4, 3, 5, 8, 2, 6);
        assertThat(ordered("[{hire_date: asc_nulls_first}]")).containsExactly(4, 2, 1, 3, 7, 6, 5, 8);
        assertThat(ordered("[{hire_date: desc_nulls_last}]")).containsExactly(8, 5, 6, 7, 3, 1, 2, 4);
    }

    @Test
    void multiKeyOrdering() {
        assertThat(ordered("[{rating: desc_nulls_last}, {last_name: desc}]")).containsExactly(7, 1, 4, 3, 5, 8, 2, 6);
        assertThat(ordered("[{last_name: asc}]")).containsExactly(3, 1, 4, 5, 6, 8, 2, 7);
        assertThat(ordered("[{emp_no: desc}]")).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        Map<String, Object> data = data("{ hr_dept_emp(order_by: [{dept_no: desc}, {from_date: asc}]) { emp_no dept_no } }");
        assertThat(pairs(data, "hr_dept_emp")).containsExactly("5/d003", "6/d003", "2/d002", "4/d002", "7/d002",
                "1/d001", "3/d001", "6/d001", "2/d001", "8/d001");
    }

    @Test
    void keysWithinOneOrderByObjectApplyInColumnOrder() {
        assertThat(ordered("{last_name: asc, first_name: desc}")).as("first_name comes before last_name in the table")
                .containsExactly(7, 8, 3, 5, 1, 4, 2, 6);
    }

    @Test
    void orderByAColumnOfAnObjectRelationship() {
        Map<String, Object> asc = data("{ hr_dept_emp(order_by: [{employees: {last_name: asc}}, {dept_no: asc}]) {"
                + " emp_no dept_no employees { last_name } } }");
        assertThat(pairs(asc, "hr_dept_emp")).containsExactly("3/d001", "1/d001", "4/d002", "5/d003", "6/d001", "6/d003",
                "8/d001", "2/d001", "2/d002", "7/d002");
        assertThat(each(column(asc, "hr_dept_emp", "employees"), "last_name"))
                .containsExactly("Bamford", "Facello", "Koblick", "Maliniak", "Preusig", "Preusig", "Schmiedel", "Simmel",
                        "Simmel", "Zielinski");
        Map<String, Object> desc = data("{ hr_dept_emp(order_by: [{employees: {last_name: desc}}, {dept_no: asc}]) { emp_no dept_no } }");
        assertThat(pairs(desc, "hr_dept_emp")).containsExactly("7/d002", "2/d001", "2/d002", "8/d001", "6/d001", "6/d003",
                "5/d003", "4/d002", "1/d001", "3/d001");
    }

    @Test
    void orderByANullableObjectRelationshipAndThroughTwoHops() {
        assertThat(ordered("[{manager: {last_name: asc}}, {emp_no: asc}]")).as("no manager sorts like null")
                .containsExactly(2, 3, 6, 4, 5, 8, 1, 7);
        assertThat(ordered("[{manager: {last_name: asc_nulls_first}}, {emp_no: asc}]")).containsExactly(1, 7, 2, 3, 6, 4, 5, 8);
        assertThat(ordered("[{manager: {last_name: desc}}, {emp_no: asc}]")).containsExactly(1, 7, 8, 4, 5, 2, 3, 6);
        assertThat(values("{ hr_assignments(order_by: [{dept_emp: {employees: {last_name: asc}}}, {id: desc}]) { id } }",
                "hr_assignments", "id")).containsExactly(4, 3, 2, 1);
    }

    // ---- paging and by_pk -----------------------------------------------------------------------

    @Test
    void limitAndOffsetAtTheRoot() {
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, limit: 3, offset: 2) { emp_no } }", "hr_employees", "emp_no"))
                .containsExactly(3, 4, 5);
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, limit: 3) { emp_no } }", "hr_employees", "emp_no"))
                .containsExactly(1, 2, 3);
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, offset: 6) { emp_no } }", "hr_employees", "emp_no"))
                .containsExactly(7, 8);
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, limit: 0) { emp_no } }", "hr_employees", "emp_no")).isEmpty();
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, offset: 100) { emp_no } }", "hr_employees", "emp_no")).isEmpty();
        assertThat(values("{ hr_employees(where: {rating: {_is_null: false}}, order_by: [{rating: desc}, {emp_no: asc}],"
                + " limit: 2, offset: 1) { emp_no } }", "hr_employees", "emp_no")).containsExactly(7, 4);
    }

    @Test
    void nullLimitAndOffsetMeanNone() {
        assertThat(values("{ hr_employees(order_by: {emp_no: asc}, limit: null, offset: null) { emp_no } }", "hr_employees",
                "emp_no")).isEqualTo(ALL);
        Map<String, Object> variables = new HashMap<>();
        variables.put("l", null);
        assertThat(column(data("query($l: Int) { hr_employees(order_by: {emp_no: asc}, limit: $l) { emp_no } }", variables),
                "hr_employees", "emp_no")).isEqualTo(ALL);
    }

    @Test
    void negativeLimitOrOffsetFailsTheWholeRequest() {
        for (String args : List.of("limit: -1", "offset: -1", "limit: 2, offset: -5")) {
            ExecutionResult result = execute("{ hr_employees(" + args + ") { emp_no } hr_departments { dept_no } }");
            assertThat(codes(result)).as(args).containsExactly("BAD_USER_INPUT");
            assertThat(result.getErrors().get(0).getPath()).as(args).containsExactly("hr_employees");
            assertThat(result.isDataPresent()).as("no data at all, as for a validation error: " + args).isFalse();
        }
        ExecutionResult viaVariable = execute("query($l: Int) { hr_employees(limit: $l) { emp_no } }", Map.of("l", -3));
        assertThat(codes(viaVariable)).containsExactly("BAD_USER_INPUT");
        assertThat(viaVariable.getErrors().get(0).getMessage()).isEqualTo("limit must not be negative, was -3");
        assertThat(viaVariable.isDataPresent()).isFalse();
        ExecutionResult aggregate = execute("{ hr_employees_aggregate(offset: -1) { aggregate { count } } }");
        assertThat(codes(aggregate)).containsExactly("BAD_USER_INPUT");
        assertThat(aggregate.isDataPresent()).isFalse();
    }

    @Test
    void negativeLimitOnAListRelationshipFailsTheWholeRequest() {
        ExecutionResult result = execute("{ hr_departments_by_pk(dept_no: \"d001\") { dept_no dept_emp(limit: -2) { emp_no } } }");
        assertThat(codes(result)).containsExactly("BAD_USER_INPUT");
        assertThat(result.getErrors().get(0).getPath()).containsExactly("hr_departments_by_pk", "dept_emp");
        assertThat(result.isDataPresent()).isFalse();
    }

    @Test
    void aLikePatternLongerThanTheLimitFailsTheWholeRequest() {
        String pattern = "a%".repeat(501);
        ExecutionResult result = execute("query($p: String) { hr_departments { dept_no } hr_dept_emp(where: {employees: "
                + "{last_name: {_ilike: $p}}}) { emp_no } }", Map.of("p", pattern));
        assertThat(codes(result)).containsExactly("BAD_USER_INPUT");
        assertThat(result.getErrors().get(0).getPath()).containsExactly("hr_dept_emp");
        assertThat(result.getErrors().get(0).getMessage()).contains("'last_name'").contains("1002 characters");
        assertThat(result.isDataPresent()).isFalse();
        assertThat(employees("{last_name: {_like: \"" + "%".repeat(LikePatterns.MAX_LENGTH) + "\"}}"))
                .as("a pattern of the maximum length runs").isEqualTo(ALL);
    }

    @Test
    void anUnknownEnumValueFailsTheWholeRequest() {
        ExecutionResult literal = execute("{ hr_departments { dept_no } hr_employees(order_by: [{emp_no: sideways}]) { emp_no } }");
        assertThat(codes(literal)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(literal.isDataPresent()).isFalse();
        ExecutionResult variable = execute("query($d: order_by) { hr_employees(order_by: [{emp_no: $d}]) { emp_no } }",
                Map.of("d", "sideways"));
        assertThat(codes(variable)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(variable.isDataPresent()).isFalse();
    }

    @Test
    void byPkHitAndMiss() {
        Map<String, Object> data = data("{ hit: hr_employees_by_pk(emp_no: 3) { emp_no last_name salary hire_date }"
                + " miss: hr_employees_by_pk(emp_no: 99) { emp_no } }");
        assertThat(get(data, "hit.last_name")).isEqualTo("Bamford");
        assertThat((BigDecimal) at(data, "hit.salary")).isEqualByComparingTo("40006.00");
        assertThat(get(data, "hit.hire_date")).isEqualTo("1986-08-28");
        assertThat(data).containsEntry("miss", null);
        Map<String, Object> dept = data("{ hr_departments_by_pk(dept_no: \"d003\") { dept_name budget } }");
        assertThat(get(dept, "hr_departments_by_pk.dept_name")).isEqualTo("Human Resources");
        assertThat(get(dept, "hr_departments_by_pk.budget")).isNull();
    }

    @Test
    void byPkWithACompositeKey() {
        Map<String, Object> data = data("{ hit: hr_dept_emp_by_pk(emp_no: 2, dept_no: \"d002\") { emp_no dept_no from_date to_date }"
                + " miss: hr_dept_emp_by_pk(emp_no: 2, dept_no: \"d003\") { emp_no } }");
        assertThat(get(data, "hit.from_date")).isEqualTo("1985-11-21");
        assertThat(get(data, "hit.to_date")).isEqualTo("1990-01-01");
        assertThat(data).containsEntry("miss", null);
    }

    @Test
    void byPkWithRelationships() {
        Map<String, Object> data = data("{ hr_employees_by_pk(emp_no: 2) { manager { last_name }"
                + " dept_emp(order_by: {dept_no: asc}) { dept_no departments { dept_name } } } }");
        assertThat(get(data, "hr_employees_by_pk.manager.last_name")).isEqualTo("Facello");
        assertThat(column(data, "hr_employees_by_pk.dept_emp", "dept_no")).containsExactly("d001", "d002");
        assertThat(get(data, "hr_employees_by_pk.dept_emp.1.departments.dept_name")).isEqualTo("Finance");
    }

    // ---- relationships --------------------------------------------------------------------------

    @Test
    void objectRelationshipsOfAForeignKey() {
        Map<String, Object> data = data("{ hr_dept_emp(order_by: [{emp_no: asc}, {dept_no: asc}]) {"
                + " emp_no dept_no employees { last_name } departments { dept_name } } }");
        assertThat(pairs(data, "hr_dept_emp")).containsExactly("1/d001", "2/d001", "2/d002", "3/d001", "4/d002", "5/d003",
                "6/d001", "6/d003", "7/d002", "8/d001");
        assertThat(each(column(data, "hr_dept_emp", "employees"), "last_name"))
                .containsExactly("Facello", "Simmel", "Simmel", "Bamford", "Koblick", "Maliniak", "Preusig", "Preusig",
                        "Zielinski", "Schmiedel");
        assertThat(each(column(data, "hr_dept_emp", "departments"), "dept_name"))
                .containsExactly("Marketing", "Marketing", "Finance", "Marketing", "Finance", "Human Resources", "Marketing",
                        "Human Resources", "Finance", "Marketing");
    }

    @Test
    void listRelationshipOfAForeignKey() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no dept_emp(order_by: {emp_no: asc}) { emp_no } } }");
        assertThat(perDepartment(data, "dept_emp", "emp_no")).containsExactly(
                List.of(1, 2, 3, 6, 8), List.of(2, 4, 7), List.of(5, 6), List.of());
    }

    @Test
    void selfReferencingForeignKeyBothWays() {
        Map<String, Object> data = data("{ hr_employees(order_by: {emp_no: asc}) { emp_no manager { emp_no }"
                + " employees(order_by: {emp_no: asc}) { emp_no } } }");
        assertThat(each(column(data, "hr_employees", "manager"), "emp_no"))
                .containsExactly(null, 1, 1, 2, 2, 1, null, 7);
        List<List<Object>> reports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reports.add(column(data, "hr_employees." + i + ".employees", "emp_no"));
        }
        assertThat(reports).containsExactly(List.of(2, 3, 6), List.of(4, 5), List.of(), List.of(), List.of(), List.of(),
                List.of(8), List.of());
    }

    @Test
    void relationshipsNestThreeLevels() {
        Map<String, Object> data = data("{ hr_departments(where: {dept_no: {_eq: \"d003\"}}) { dept_emp(order_by: {emp_no: asc}) {"
                + " employees { last_name manager { last_name } } } } }");
        assertThat(get(data, "hr_departments.0.dept_emp.0.employees.last_name")).isEqualTo("Maliniak");
        assertThat(get(data, "hr_departments.0.dept_emp.0.employees.manager.last_name")).isEqualTo("Simmel");
        assertThat(get(data, "hr_departments.0.dept_emp.1.employees.last_name")).isEqualTo("Preusig");
        assertThat(get(data, "hr_departments.0.dept_emp.1.employees.manager.last_name")).isEqualTo("Facello");
    }

    @Test
    void listLimitAndOffsetApplyPerParent() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(order_by: {emp_no: asc}, limit: 2, offset: 1) { emp_no } } }");
        assertThat(perDepartment(data, "dept_emp", "emp_no")).containsExactly(List.of(2, 3), List.of(4, 7), List.of(6), List.of());
        Map<String, Object> desc = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(order_by: {emp_no: desc}, limit: 2) { emp_no } } }");
        assertThat(perDepartment(desc, "dept_emp", "emp_no")).containsExactly(List.of(8, 6), List.of(7, 4), List.of(6, 5), List.of());
        Map<String, Object> offsetOnly = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(order_by: {emp_no: asc}, offset: 3) { emp_no } } }");
        assertThat(perDepartment(offsetOnly, "dept_emp", "emp_no")).containsExactly(List.of(6, 8), List.of(), List.of(), List.of());
    }

    @Test
    void listWhereOrderAndLimitTogetherPerParent() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(where: {to_date: {_is_null: true}}, order_by: {from_date: desc}, limit: 1) { emp_no } } }");
        assertThat(perDepartment(data, "dept_emp", "emp_no")).containsExactly(List.of(8), List.of(7), List.of(6), List.of());
    }

    @Test
    void theSameListTwiceWithDifferentArguments() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " first: dept_emp(order_by: {emp_no: asc}, limit: 1) { emp_no }"
                + " last: dept_emp(order_by: {emp_no: desc}, limit: 1) { emp_no } } }");
        assertThat(perDepartment(data, "first", "emp_no")).containsExactly(List.of(1), List.of(2), List.of(5), List.of());
        assertThat(perDepartment(data, "last", "emp_no")).containsExactly(List.of(8), List.of(7), List.of(6), List.of());
    }

    @Test
    void whereInsideAList() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(where: {to_date: {_is_null: true}}, order_by: {emp_no: asc}) { emp_no } } }");
        assertThat(perDepartment(data, "dept_emp", "emp_no")).containsExactly(List.of(1, 2, 3, 8), List.of(4, 7), List.of(5, 6), List.of());
        Map<String, Object> through = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp(where: {employees: {salary: {_gt: 50000}}}, order_by: {emp_no: asc}) { emp_no } } }");
        assertThat(perDepartment(through, "dept_emp", "emp_no")).containsExactly(List.of(1, 2, 6), List.of(2, 7), List.of(6), List.of());
    }

    @Test
    void listAggregateCountPerParent() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " all: dept_emp_aggregate { aggregate { count } }"
                + " open: dept_emp_aggregate(where: {to_date: {_is_null: true}}) { aggregate { count } } } }");
        assertThat(each(column(data, "hr_departments", "all"), "aggregate.count")).containsExactly(5, 3, 2, 0);
        assertThat(each(column(data, "hr_departments", "open"), "aggregate.count")).containsExactly(4, 2, 2, 0);
    }

    @Test
    void listAggregateMinMaxAndNodesPerParent() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp_aggregate(order_by: {emp_no: desc}) { aggregate { count min { from_date } max { from_date } }"
                + " nodes { emp_no } } } }");
        List<Object> aggregates = column(data, "hr_departments", "dept_emp_aggregate");
        assertThat(each(aggregates, "aggregate.min.from_date"))
                .containsExactly("1986-06-26", "1985-11-21", "1989-09-12", null);
        assertThat(each(aggregates, "aggregate.max.from_date"))
                .containsExactly("1994-09-15", "1989-02-10", "1995-01-02", null);
        assertThat(perDepartment(data, "dept_emp_aggregate.nodes", "emp_no"))
                .containsExactly(List.of(8, 6, 3, 2, 1), List.of(7, 4, 2), List.of(6, 5), List.of());
    }

    @Test
    void listAggregateOverAPagePerParent() {
        Map<String, Object> data = data("{ hr_departments(order_by: {dept_no: asc}) { dept_no"
                + " dept_emp_aggregate(order_by: {emp_no: asc}, limit: 2) { aggregate { count max { emp_no } } } } }");
        List<Object> aggregates = column(data, "hr_departments", "dept_emp_aggregate");
        assertThat(each(aggregates, "aggregate.count")).containsExactly(2, 2, 2, 0);
        assertThat(each(aggregates, "aggregate.max.emp_no")).containsExactly(2, 4, 6, null);
    }

    @Test
    void listAggregateSumAndAvgPerParent() {
        Map<String, Object> data = data("{ hr_employees(where: {emp_no: {_in: [1, 2, 7, 8]}}, order_by: {emp_no: asc}) { emp_no"
                + " employees_aggregate { aggregate { count sum { salary } avg { rating } } } } }");
        List<Object> aggregates = column(data, "hr_employees", "employees_aggregate");
        assertThat(each(aggregates, "aggregate.count")).containsExactly(3, 2, 1, 0);
        assertThat(each(aggregates, "aggregate.sum.salary")).extracting(v -> v == null ? null : ((BigDecimal) v).toPlainString())
                .containsExactly("162558.50", "40054.75", "43906.25", null);
        assertThat(each(aggregates, "aggregate.avg.rating")).containsExactly(3.0, 3.0, 1.0, null);
    }

    @Test
    void listRelationshipInWhereMeansSomeRowMatches() {
        assertThat(values("{ hr_departments(where: {dept_emp: {employees: {salary: {_gt: 65000}}}}, order_by: {dept_no: asc})"
                + " { dept_no } }", "hr_departments", "dept_no")).containsExactly("d001", "d002");
        assertThat(values("{ hr_departments(where: {dept_emp: {}}, order_by: {dept_no: asc}) { dept_no } }", "hr_departments",
                "dept_no")).containsExactly("d001", "d002", "d003");
        assertThat(values("{ hr_departments(where: {_not: {dept_emp: {}}}) { dept_no } }", "hr_departments", "dept_no"))
                .containsExactly("d004");
        assertThat(values("{ hr_departments(where: {_or: [{dept_name: {_eq: \"Research\"}}, {dept_emp: {emp_no: {_eq: 5}}}]},"
                + " order_by: {dept_no: asc}) { dept_no } }", "hr_departments", "dept_no")).containsExactly("d003", "d004");
        assertThat(employees("{employees: {rating: {_gte: 4}}}")).as("managers of someone rated 4 or more").containsExactly(2);
    }

    @Test
    void objectRelationshipInWhereMeansTheRelatedRowMatches() {
        Map<String, Object> data = data("{ hr_dept_emp(where: {employees: {last_name: {_like: \"S%\"}}},"
                + " order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no dept_no } }");
        assertThat(pairs(data, "hr_dept_emp")).containsExactly("2/d001", "2/d002", "8/d001");
        assertThat(employees("{manager: {last_name: {_eq: \"Facello\"}}}")).containsExactly(2, 3, 6);
        assertThat(employees("{_not: {manager: {}}}")).as("no manager row").containsExactly(1, 7);
    }

    @Test
    void compositeForeignKeyObjectRelationship() {
        Map<String, Object> data = data("{ hr_assignments(order_by: {id: asc}) { id role dept_emp { emp_no dept_no from_date } } }");
        List<Object> related = column(data, "hr_assignments", "dept_emp");
        List<Object> emp = each(related, "emp_no");
        List<Object> dept = each(related, "dept_no");
        List<Object> from = each(related, "from_date");
        List<String> triples = new ArrayList<>();
        for (int i = 0; i < related.size(); i++) {
            triples.add(emp.get(i) + "/" + dept.get(i) + "/" + from.get(i));
        }
        assertThat(triples).containsExactly("2/d002/1985-11-21", "2/d002/1985-11-21", "6/d003/1995-01-02", "1/d001/1986-06-26");
    }

    @Test
    void compositeForeignKeyListRelationshipAndAggregate() {
        Map<String, Object> data = data("{ hr_dept_emp(order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no dept_no"
                + " assignments(order_by: {id: asc}) { id } assignments_aggregate { aggregate { count } } } }");
        assertThat(pairs(data, "hr_dept_emp")).containsExactly("1/d001", "2/d001", "2/d002", "3/d001", "4/d002", "5/d003",
                "6/d001", "6/d003", "7/d002", "8/d001");
        List<List<Object>> assignments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assignments.add(column(data, "hr_dept_emp." + i + ".assignments", "id"));
        }
        assertThat(assignments).containsExactly(List.of(4), List.of(), List.of(1, 2), List.of(), List.of(), List.of(),
                List.of(), List.of(3), List.of(), List.of());
        assertThat(each(column(data, "hr_dept_emp", "assignments_aggregate"), "aggregate.count"))
                .containsExactly(1, 0, 2, 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void compositeForeignKeyInWhereBothWays() {
        Map<String, Object> data = data("{ hr_dept_emp(where: {assignments: {role: {_eq: \"lead\"}}},"
                + " order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no dept_no } }");
        assertThat(pairs(data, "hr_dept_emp")).containsExactly("2/d002", "6/d003");
        assertThat(values("{ hr_assignments(where: {dept_emp: {to_date: {_is_null: false}}}, order_by: {id: asc}) { id } }",
                "hr_assignments", "id")).containsExactly(1, 2);
    }

    // ---- root aggregates ------------------------------------------------------------------------

    @Test
    void rootAggregatesOverAllRows() {
        Map<String, Object> a = at(data("{ hr_employees_aggregate { aggregate { count sum { salary rating } avg { salary rating }"
                + " min { salary rating last_name birth_date hire_date } max { salary rating last_name birth_date hire_date } } } }"),
                "hr_employees_aggregate.aggregate");
        assertThat(get(a, "count")).isEqualTo(8);
        assertThat((BigDecimal) at(a, "sum.salary")).isEqualByComparingTo("376636.50");
        assertThat(get(a, "sum.rating")).isEqualTo(20L);
        assertThat((Double) at(a, "avg.salary")).isCloseTo(376636.50 / 7, within(1e-6));
        assertThat((Double) at(a, "avg.rating")).isCloseTo(20.0 / 6, within(1e-9));
        assertThat((BigDecimal) at(a, "min.salary")).isEqualByComparingTo("40006.00");
        assertThat((BigDecimal) at(a, "max.salary")).isEqualByComparingTo("70000.00");
        assertThat(get(a, "min.rating")).isEqualTo(1);
        assertThat(get(a, "max.rating")).isEqualTo(5);
        assertThat(get(a, "min.last_name")).isEqualTo("Bamford");
        assertThat(get(a, "max.last_name")).isEqualTo("Zielinski");
        assertThat(get(a, "min.birth_date")).isEqualTo("1953-04-20");
        assertThat(get(a, "max.birth_date")).isEqualTo("1964-06-02");
        assertThat(get(a, "min.hire_date")).isEqualTo("1985-11-21");
        assertThat(get(a, "max.hire_date")).isEqualTo("1994-09-15");
    }

    @Test
    void avgIsAFloat() {
        Map<String, Object> a = at(data("{ hr_employees_aggregate(where: {emp_no: {_in: [3, 5]}}) { aggregate { avg { rating salary } } } }"),
                "hr_employees_aggregate.aggregate");
        assertThat(get(a, "avg.rating")).isInstanceOf(Double.class).isEqualTo(2.5);
        assertThat(get(a, "avg.salary")).as("the null salary is left out").isEqualTo(40006.0);
    }

    @Test
    void rootAggregatesWithWhere() {
        Map<String, Object> a = at(data("{ hr_employees_aggregate(where: {rating: {_gte: 4}}) { aggregate { count sum { salary }"
                + " avg { salary } max { last_name } min { birth_date } } } }"), "hr_employees_aggregate.aggregate");
        assertThat(get(a, "count")).isEqualTo(3);
        assertThat((BigDecimal) at(a, "sum.salary")).isEqualByComparingTo("170171.75");
        assertThat((Double) at(a, "avg.salary")).isCloseTo(170171.75 / 3, within(1e-6));
        assertThat(get(a, "max.last_name")).isEqualTo("Zielinski");
        assertThat(get(a, "min.birth_date")).isEqualTo("1953-09-02");
    }

    @Test
    void rootAggregateNodes() {
        Map<String, Object> data = data("{ hr_employees_aggregate(where: {rating: {_gte: 4}}, order_by: {emp_no: desc}) {"
                + " aggregate { count } nodes { emp_no last_name } } }");
        assertThat(get(data, "hr_employees_aggregate.aggregate.count")).isEqualTo(3);
        assertThat(column(data, "hr_employees_aggregate.nodes", "emp_no")).containsExactly(7, 4, 1);
        assertThat(column(data, "hr_employees_aggregate.nodes", "last_name")).containsExactly("Zielinski", "Koblick", "Facello");
    }

    @Test
    void rootAggregateOverAPage() {
        Map<String, Object> data = data("{ hr_employees_aggregate(order_by: {emp_no: asc}, limit: 3) {"
                + " aggregate { count sum { rating } } nodes { emp_no } } }");
        assertThat(get(data, "hr_employees_aggregate.aggregate.count")).isEqualTo(3);
        assertThat(get(data, "hr_employees_aggregate.aggregate.sum.rating")).isEqualTo(8L);
        assertThat(column(data, "hr_employees_aggregate.nodes", "emp_no")).containsExactly(1, 2, 3);
    }

    @Test
    void rootAggregateOfNoRows() {
        Map<String, Object> data = data("{ hr_employees_aggregate(where: {emp_no: {_gt: 100}}) {"
                + " aggregate { count sum { salary } avg { rating } max { last_name } } nodes { emp_no } } }");
        assertThat(get(data, "hr_employees_aggregate.aggregate.count")).isEqualTo(0);
        assertThat(get(data, "hr_employees_aggregate.aggregate.sum.salary")).isNull();
        assertThat(get(data, "hr_employees_aggregate.aggregate.avg.rating")).isNull();
        assertThat(get(data, "hr_employees_aggregate.aggregate.max.last_name")).isNull();
        assertThat(column(data, "hr_employees_aggregate.nodes", "emp_no")).isEmpty();
    }

    @Test
    void rootAggregateOfDecimalsWithANull() {
        Map<String, Object> a = at(data("{ hr_departments_aggregate { aggregate { count sum { budget } avg { budget }"
                + " min { budget dept_name } max { budget dept_name } } } }"), "hr_departments_aggregate.aggregate");
        assertThat(get(a, "count")).isEqualTo(4);
        assertThat((BigDecimal) at(a, "sum.budget")).isEqualByComparingTo("425000.75");
        assertThat((Double) at(a, "avg.budget")).isCloseTo(425000.75 / 3, within(1e-6));
        assertThat((BigDecimal) at(a, "min.budget")).isEqualByComparingTo("75000.25");
        assertThat((BigDecimal) at(a, "max.budget")).isEqualByComparingTo("250000.00");
        assertThat(get(a, "min.dept_name")).isEqualTo("Finance");
        assertThat(get(a, "max.dept_name")).isEqualTo("Research");
    }

    // ---- names ----------------------------------------------------------------------------------

    @Test
    void columnNamesBecomeLegalGraphqlNames() {
        Map<String, Object> data = data("{ hr_odd_names(where: {_2fa: {_eq: 1}}, order_by: {first_name: desc}) {"
                + " __typename id first_name _2fa e_mail x__meta } }");
        List<Map<String, Object>> rows = at(data, "hr_odd_names");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactlyInAnyOrderEntriesOf(mapOf("__typename", "HrOddNames", "id", 3,
                "first_name", "Cy", "_2fa", 1, "e_mail", "cy@x.org", "x__meta", null));
        assertThat(rows.get(1)).containsExactlyInAnyOrderEntriesOf(mapOf("__typename", "HrOddNames", "id", 1,
                "first_name", "Ann", "_2fa", 1, "e_mail", "ann@x.org", "x__meta", "a"));
        Map<String, Object> aggregate = data("{ hr_odd_names_aggregate { aggregate { max { _2fa first_name } } } }");
        assertThat(get(aggregate, "hr_odd_names_aggregate.aggregate.max._2fa")).isEqualTo(1);
        assertThat(get(aggregate, "hr_odd_names_aggregate.aggregate.max.first_name")).isEqualTo("Cy");
        assertThat(values("{ hr_odd_names(where: {e_mail: {_is_null: true}}) { id } }", "hr_odd_names", "id")).containsExactly(2);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

}
