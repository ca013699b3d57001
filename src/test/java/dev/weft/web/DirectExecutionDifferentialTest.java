package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct execution of queries gives exactly what graphql-java's field-by-field execution with
 * DataLoaders gives (data and errors), on the embedded demo with its relationships across databases.
 * {@link RequiredRelationshipsDifferentialTest} compares them where non-null (required) relationships bubble nulls.
 */
class DirectExecutionDifferentialTest {
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static WeftRuntime runtime;
    private static WeftRuntime hasura;

    @BeforeAll
    static void start() {
        runtime = DemoRuntime.start();
        hasura = HasuraNamingDemoTest.start("hasura", DemoDatabases.create());
    }

    @AfterAll
    static void stop() {
        runtime.close();
        hasura.close();
    }

    /** Queries in Hasura's naming (weft.naming: hasura): non-null lists, Hasura's type names in fragments and variables. */
    static List<Object[]> hasuraQueries() {
        return List.of(
                q("fragment E on employees { emp_no last_name __typename } { departments(order_by: [{dept_no: asc}]) { dept_no "
                        + "dept_emp(order_by: [{emp_no: asc}], limit: 2, offset: 1) { from_date employees { ...E } } } __typename }"),
                q("query($o: [employees_order_by!], $w: employees_bool_exp) { employees(order_by: $o, where: $w, limit: 5) "
                        + "{ emp_no status { since } projects(order_by: [{name: asc}]) { name } } }",
                        Map.of("o", List.of(Map.of("status", Map.of("since", "desc")), Map.of("emp_no", "asc")),
                                "w", Map.of("status", Map.of("status", Map.of("_eq", "active"))))),
                q("{ departments { dept_name dept_emp_aggregate { __typename aggregate { __typename count min { from_date } "
                        + "max { __typename emp_no } } nodes { emp_no } } } }"),
                q("{ employees_aggregate(where: {salary: {_gt: 50000}}) { aggregate { count sum { salary } avg { salary } "
                        + "stddev { salary } } } clicks(order_by: [{_id: asc}], limit: 3) { _id payload { __typename browser } } }"),
                q("{ employees_by_pk(emp_no: 10003) { emp_no dept_emp { dept_no } } missing: employees_by_pk(emp_no: 1) { emp_no } }"));
    }

    @ParameterizedTest
    @MethodSource("hasuraQueries")
    void directAndFieldByFieldExecutionAgreeInHasuraNaming(String query, Map<String, Object> variables) {
        ExecutionResult direct = hasura.execute(query, variables);
        assertThat(direct.toSpecification()).isEqualTo(hasura.executeFieldByField(query, variables).toSpecification());
        assertThat(direct.getErrors()).isEmpty();
    }

    static List<Object[]> queries() {
        return List.of(
                q("{ hr_employees(order_by: [{emp_no: asc}]) { emp_no first_name salary hire_date email } }"),
                q("{ a: hr_employees(limit: 2, offset: 3, order_by: [{emp_no: desc}]) { id: emp_no __typename } "
                        + "b: hr_departments { dept_name } __typename }"),
                q("query($n: Int!, $s: Boolean!) { hr_employees(limit: $n, order_by: [{emp_no: asc}]) { emp_no "
                        + "last_name @include(if: $s) first_name @skip(if: $s) } }", Map.of("n", 4, "s", true)),
                q("fragment E on HrEmployees { emp_no last_name } { hr_departments(order_by: [{dept_no: asc}]) { dept_no "
                        + "dept_emp(order_by: [{emp_no: asc}], limit: 2, offset: 1) { from_date employees { ...E } } } }"),
                q("{ hr_departments { dept_name dept_emp_aggregate { aggregate { count min { from_date } max { emp_no } } "
                        + "nodes { emp_no employees { status { status } } } } } }"),
                q("{ hr_employees(order_by: [{emp_no: asc}]) { emp_no status { status since employee { last_name } } "
                        + "projects(order_by: [{name: asc}]) { name members(order_by: [{emp_no: asc}]) { emp_no } } } }"),
                q("{ hr_employees(where: {projects: {name: {_eq: \"Borealis\"}}}, order_by: [{emp_no: asc}]) { emp_no } }"),
                q("{ hr_employees(where: {status: {status: {_eq: \"active\"}}}, order_by: [{status: {since: desc}}, {emp_no: asc}], "
                        + "limit: 5) { emp_no status { since } } }"),
                q("{ hr_employees_aggregate(where: {salary: {_gt: 50000}}) { aggregate { count sum { salary } avg { salary } "
                        + "min { hire_date last_name } max { salary } } nodes { emp_no } } }"),
                q("{ hr_employees_by_pk(emp_no: 10003) { emp_no dept_emp { dept_no } } missing: hr_employees_by_pk(emp_no: 1) { emp_no } }"),
                q("{ pm_projects(order_by: [{id: asc}]) { name members_aggregate(limit: 2, order_by: [{emp_no: desc}]) "
                        + "{ aggregate { count } nodes { emp_no } } } }"),
                q("{ hrstatus_employee_status(where: {employee: {dept_emp: {dept_no: {_eq: \"d005\"}}}}, "
                        + "order_by: [{employee: {last_name: asc}}]) { emp_no employee { last_name } } }"),
                q("{ hr_employees(order_by: [{emp_no: asc}], limit: 3) { emp_no dept_emp(limit: -1) { dept_no } } }"),
                q("{ hr_employees(limit: -1) { emp_no } hr_departments(order_by: [{dept_no: asc}]) { dept_no } }"),
                q("{ hr_employees(where: {_or: [{last_name: {_iregex: \"^s\"}}, {first_name: {_regex: \"^[AB]\"}}]}, "
                        + "order_by: [{emp_no: asc}]) { emp_no last_name } }"),
                q("{ hr_departments(order_by: [{dept_no: asc}]) { dept_no dept_emp(where: {employees: {last_name: {_nregex: \"a\"}}}) "
                        + "{ emp_no } } }"),
                // the README's distinct_on and aggregate-order example, and both across the demo's databases
                q("{ hr_dept_emp(distinct_on: [dept_no], order_by: [{dept_no: asc}, {from_date: desc}]) { dept_no emp_no from_date }"
                        + " hr_departments(order_by: [{dept_emp_aggregate: {count: desc}}, {dept_no: asc}], limit: 3) { dept_name } }"),
                q("{ hr_dept_emp(order_by: [{employees: {dept_emp_aggregate: {count: asc}}}, {emp_no: asc}], limit: 4) { emp_no } }"),
                q("{ a: hr_employees(order_by: [{clicks_aggregate: {max: {duration_ms: desc}}}, {emp_no: asc}], limit: 5) { emp_no } hr_employees("
                        + "order_by: {emp_no: asc}, limit: 4) { emp_no projects(distinct_on: [id], order_by: [{id: asc}]) { id } } }"),
                // distinct_on on aggregate fields: at the root (paged), per department, and across H2 and MongoDB
                q("{ hr_dept_emp_aggregate(distinct_on: [dept_no], order_by: [{dept_no: asc}, {from_date: desc}], offset: 1) {"
                        + " aggregate { count max { emp_no } } nodes { dept_no emp_no } } hr_departments(order_by: {dept_no: asc}) {"
                        + " dept_no dept_emp_aggregate(distinct_on: [to_date], order_by: [{to_date: asc}, {emp_no: desc}]) {"
                        + " aggregate { count } nodes { emp_no } } } }"),
                q("{ hr_employees(order_by: {emp_no: asc}, limit: 4) { emp_no clicks_aggregate(distinct_on: [page],"
                        + " order_by: [{page: asc}, {at: desc}], limit: 2) { aggregate { count } nodes { page } } } }"));
    }

    /** Arguments judged before execution fail the request on both paths: errors with a code, no data at all. */
    static List<Object[]> refused() {
        String longPattern = "%".repeat(1001);
        return List.of(
                r("{ hr_employees(order_by: [{emp_no: asc}], limit: 3) { emp_no dept_emp(limit: -1) { dept_no } } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_employees", "dept_emp")),
                r("{ hr_employees(limit: -1) { emp_no } hr_departments(order_by: [{dept_no: asc}]) { dept_no } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_employees")),
                r("query($o: Int) { hr_departments { dept_no } hr_employees(offset: $o) { emp_no } }", Map.of("o", -2),
                        "BAD_USER_INPUT", List.of("hr_employees")),
                r("{ hr_departments { dept_no d: dept_emp(where: {employees: {last_name: {_ilike: \"" + longPattern
                        + "\"}}}) { emp_no } } }", Map.of(), "BAD_USER_INPUT", List.of("hr_departments", "d")),
                r("{ hr_departments { dept_no d: dept_emp(where: {employees: {last_name: {_iregex: \"(a\"}}}) { emp_no } } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_departments", "d")),
                r("query($p: String) { hr_employees(where: {first_name: {_niregex: $p}}) { emp_no } }", Map.of("p", "[a-"),
                        "BAD_USER_INPUT", List.of("hr_employees")),
                r("{ hr_departments { dept_no } hr_employees(where: {email: {_eq: null}}) { emp_no } }", Map.of(), "BAD_USER_INPUT",
                        List.of("hr_employees")),
                r("query($e: String) { hr_departments { dept_no dept_emp(where: {employees: {email: {_neq: $e}}}) { emp_no } } }",
                        java.util.Collections.singletonMap("e", null), "BAD_USER_INPUT", List.of("hr_departments", "dept_emp")),
                r("query($l: Int = -1) { hr_departments { dept_no } hr_employees(limit: $l) { emp_no } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_employees")),
                r("query($w: HrEmployeesBoolExp = {last_name: {_regex: \"(a\"}}) { hr_employees(where: $w) { emp_no } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_employees")),
                r("query($w: HrDeptEmpBoolExp) { hr_departments { dept_no dept_emp(where: $w) { emp_no } } }",
                        Map.of("w", Map.of("employees", Map.of("_not", Map.of("first_name", Map.of("_iregex", "a)"))))),
                        "BAD_USER_INPUT", List.of("hr_departments", "dept_emp")),
                r("mutation($p: String) { update_hr_employees_many(updates: [{where: {emp_no: {_eq: 1}}, _set: {first_name: \"x\"}},"
                        + " {where: {last_name: {_like: $p}}, _set: {first_name: \"y\"}}]) { affected_rows } }",
                        Map.of("p", longPattern), "BAD_USER_INPUT", List.of("update_hr_employees_many")),
                r("mutation { delete_hr_employees(where: {dept_emp: {employees: {last_name: {_regex: \"[a\"}}}}) { affected_rows } }",
                        Map.of(), "BAD_USER_INPUT", List.of("delete_hr_employees")),
                r("query($d: order_by = sideways) { hr_employees(order_by: [{emp_no: $d}]) { emp_no } }", Map.of(),
                        "GRAPHQL_VALIDATION_FAILED", null),
                r("{ hr_employees(where: {first_name: {_similar: \"a%\"}}) { emp_no } }", Map.of(), "GRAPHQL_VALIDATION_FAILED", null),
                r("{ hr_employees(order_by: [{emp_no: sideways}]) { emp_no } }", Map.of(), "GRAPHQL_VALIDATION_FAILED", null),
                r("query($d: order_by) { hr_employees(order_by: [{emp_no: $d}]) { emp_no } }", Map.of("d", "sideways"),
                        "GRAPHQL_VALIDATION_FAILED", null),
                r("{ hr_departments { dept_no dept_emp(distinct_on: [from_date], order_by: [{emp_no: asc}]) { emp_no } } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_departments", "dept_emp")),
                r("{ hr_dept_emp_aggregate(distinct_on: [dept_no], order_by: [{emp_no: asc}]) { aggregate { count } } }", Map.of(),
                        "BAD_USER_INPUT", List.of("hr_dept_emp_aggregate")));
    }

    /** A pattern only the engine can judge (a repetition count) is its refusal: a field error with a code, alike on both paths. */
    @org.junit.jupiter.api.Test
    void aRegexTheEngineRefusesIsAFieldErrorOnBothPaths() {
        String query = "{ hr_employees(where: {last_name: {_regex: \"a{2,1}\"}}) { emp_no } hr_departments(limit: 1) { dept_no } }";
        ExecutionResult direct = runtime.execute(query, Map.of());
        assertThat(direct.toSpecification()).isEqualTo(runtime.executeFieldByField(query, Map.of()).toSpecification());
        assertThat(dev.weft.testing.GraphqlAssertions.codes(direct)).containsExactly("BAD_USER_INPUT");
        assertThat(direct.<Map<String, Object>>getData()).containsEntry("hr_employees", null).containsKey("hr_departments");
    }

    @ParameterizedTest
    @MethodSource("refused")
    void judgedArgumentsFailTheWholeRequestOnBothPaths(String query, Map<String, Object> variables, String code, List<Object> path) {
        ExecutionResult direct = runtime.execute(query, variables);
        ExecutionResult fieldByField = runtime.executeFieldByField(query, variables);
        assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
        // the direct path writes its JSON itself: the same bytes as Jackson writing graphql-java's maps
        assertThat(JSON.writeValueAsString(direct.toSpecification())).isEqualTo(JSON.writeValueAsString(fieldByField.toSpecification()));
        // through a UTF-8 stream (the HTTP response's case) it writes raw bytes: the same bytes again
        assertThat(JSON.writeValueAsBytes(direct.toSpecification())).isEqualTo(JSON.writeValueAsBytes(fieldByField.toSpecification()));
        for (ExecutionResult result : List.of(direct, fieldByField)) {
            assertThat(result.toSpecification()).as(query).doesNotContainKey("data");
            assertThat(result.getErrors()).as(query).hasSize(1);
            assertThat(result.getErrors().get(0).getExtensions()).as(query).containsEntry("code", code);
            if (path != null) {
                assertThat(result.getErrors().get(0).getPath()).as(query).isEqualTo(path);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("queries")
    void directAndFieldByFieldExecutionAgree(String query, Map<String, Object> variables) {
        ExecutionResult direct = runtime.execute(query, variables);
        ExecutionResult fieldByField = runtime.executeFieldByField(query, variables);
        assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
        // the direct path writes its JSON itself: the same bytes as Jackson writing graphql-java's maps
        assertThat(JSON.writeValueAsString(direct.toSpecification())).isEqualTo(JSON.writeValueAsString(fieldByField.toSpecification()));
        // through a UTF-8 stream (the HTTP response's case) it writes raw bytes: the same bytes again
        assertThat(JSON.writeValueAsBytes(direct.toSpecification())).isEqualTo(JSON.writeValueAsBytes(fieldByField.toSpecification()));
        if (!query.contains("-1") && !query.contains("null")) {
            assertThat(direct.getErrors()).isEmpty();
        }
    }

    private static Object[] r(String query, Map<String, Object> variables, String code, List<Object> path) {
        return new Object[] {query, variables, code, path};
    }

    private static Object[] q(String query) {
        return q(query, Map.of());
    }

    private static Object[] q(String query, Map<String, Object> variables) {
        return new Object[] {query, variables};
    }
}
