package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.Caller;
import graphql.ExecutionResult;
import graphql.schema.idl.SchemaPrinter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles, row filters, masks and limits on the embedded demo: the analyst sees only employees of its
 * claim's gender, wherever employees are reached (root, by_pk, aggregate, a foreign key, a relationship
 * from another database, a filter through relationships), sees e-mails masked and cannot compare
 * them, and keeps to its limits. Both execution paths must agree.
 */
class AccessEnforcementTest {
    private static final String ACCESS = """
            roles:
              analyst:
                introspection: false
                limits: { max-depth: 4, max-limit: 50, max-fields: 40 }
                hr.employees:
                  select:
                    columns: [emp_no, first_name, last_name, gender, email, hire_date]
                    filter: { gender: { _eq: "@claims.gender" } }
                  mask: { email: email }
                hr.dept_emp:
                  select: { filter: { employees: { gender: { _eq: "@claims.gender" } } } }
                hr.departments: {}
                hrstatus.employee_status:
                  select: { filter: { employee: { gender: { _eq: "@claims.gender" } } } }
              manager:
                hr.employees: {}
                hr.departments: {}
                hr.dept_emp: {}
                hrstatus.employee_status: {}
              initials:
                hr.employees:
                  select: { filter: { last_name: { _iregex: "@claims.initials" } } }
              clicks:
                events.clicks: {}
              browsing:
                events.clicks:
                  select: { filter: { payload: { browser: { _eq: "@claims.browser" }, screen: { w: { _gte: "@claims.min_width" } } } } }
            """;
    private static final Caller ANALYST_F = new Caller("analyst", Map.of("gender", "F"));
    private static final Caller MANAGER = new Caller("manager", Map.of());
    private static final Caller MANAGER_OF_CLICKS = new Caller("clicks", Map.of());
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        weft = DemoRuntime.start(ACCESS);
    }

    @AfterAll
    static void stop() {
        weft.close();
    }

    @Test
    void rowsOfOtherGendersAreInvisibleWhereverEmployeesAreReached() {
        List<Map<String, Object>> all = at(data(run("{ hr_employees { emp_no gender } }", MANAGER)), "hr_employees");
        long women = all.stream().filter(e -> "F".equals(e.get("gender"))).count();
        Object man = all.stream().filter(e -> "M".equals(e.get("gender"))).findFirst().orElseThrow().get("emp_no");
        assertThat(women).isPositive().isLessThan(all.size());

        Map<String, Object> d = data(run("""
                query($man: Int!) {
                  hr_employees { emp_no gender }
                  hr_employees_aggregate { aggregate { count } }
                  him: hr_employees_by_pk(emp_no: $man) { emp_no }
                  hr_departments { dept_emp { employees { gender } } }
                  hrstatus_employee_status { employee { gender } }
                }""", ANALYST_F, Map.of("man", man)));
        List<Map<String, Object>> employees = at(d, "hr_employees");
        assertThat(employees).hasSize((int) women).allSatisfy(e -> assertThat(e.get("gender")).isEqualTo("F"));
        assertThat((Integer) at(d, "hr_employees_aggregate.aggregate.count")).isEqualTo((int) women);
        assertThat((Object) at(d, "him")).isNull();
        List<Map<String, Object>> departments = at(d, "hr_departments");
        assertThat(departments).flatExtracting(dep -> (List<Map<String, Object>>) dep.get("dept_emp"))
                .isNotEmpty().allSatisfy(de -> assertThat(at(de, "employees.gender").toString()).isEqualTo("F"));
        List<Map<String, Object>> statuses = at(d, "hrstatus_employee_status");
        assertThat(statuses).isNotEmpty().allSatisfy(s -> assertThat(at(s, "employee.gender").toString()).isEqualTo("F"));
    }

    @Test
    void aFilterThroughRelationshipsCannotReachHiddenRows() {
        String man = at(data(run("{ hr_employees(where: {gender: {_eq: \"M\"}}, limit: 1) { first_name } }", MANAGER)),
                "hr_employees.0.first_name");
        Map<String, Object> d = data(run("""
                query($name: String!) {
                  hr_departments(where: {dept_emp: {employees: {first_name: {_eq: $name}}}}) { dept_no }
                  hr_employees(where: {first_name: {_eq: $name}}) { emp_no }
                }""", ANALYST_F, Map.of("name", man)));
        assertThat((List<?>) at(d, "hr_departments")).isEmpty();
        assertThat((List<?>) at(d, "hr_employees")).isEmpty();
    }

    @Test
    void emailsAreMaskedAndCannotBeComparedOrSorted() {
        List<Map<String, Object>> employees = at(data(run("{ hr_employees { email } }", ANALYST_F)), "hr_employees");
        assertThat(employees).extracting(e -> e.get("email")).filteredOn(e -> e != null)
                .isNotEmpty().allSatisfy(e -> assertThat(e.toString()).matches(".\\*\\*\\*@example\\.com"));
        assertThat(codes(run("{ hr_employees(where: {email: {_like: \"a%\"}}) { emp_no } }", ANALYST_F)))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(run("{ hr_employees(order_by: [{email: asc}]) { emp_no } }", ANALYST_F)))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(run("{ hr_employees { salary } }", ANALYST_F))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(run("{ pm_projects { name } }", ANALYST_F))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        List<Map<String, Object>> plain = at(data(run("{ hr_employees { email } }", MANAGER)), "hr_employees");
        assertThat(plain).extracting(e -> e.get("email")).filteredOn(e -> e != null)
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("***"));
    }

    @Test
    void limitsIntrospectionAndClaimsAreEnforced() {
        assertThat(codes(run("{ hr_employees(limit: 51) { emp_no } }", ANALYST_F))).containsExactly("BAD_USER_INPUT");
        assertThat(codes(run("{ hr_departments { dept_emp { employees { dept_emp { employees { emp_no } } } } } }", ANALYST_F)))
                .containsExactly("BAD_USER_INPUT");
        assertThat(run("{ __schema { types { name } } }", ANALYST_F).getErrors()).isNotEmpty();
        assertThat(run("{ __schema { types { name } } }", MANAGER).getErrors()).isEmpty();
        assertThat(codes(run("{ hr_employees { emp_no } }", new Caller("analyst", Map.of())))).containsExactly("FORBIDDEN");
        assertThat(codes(run("{ hr_employees { emp_no } }", new Caller("nobody", Map.of())))).containsExactly("FORBIDDEN");
        assertThat(codes(run("{ hr_employees { emp_no } }", null))).containsExactly("FORBIDDEN");
    }

    /** A row filter may match a regular expression the caller's claim carries; without the claim the request fails as a whole. */
    @Test
    void aRowFilterMatchesARegularExpressionFromAClaim() {
        Caller initials = new Caller("initials", Map.of("initials", "^s"));
        List<Map<String, Object>> all = at(data(run("{ hr_employees { last_name } }", MANAGER)), "hr_employees");
        long expected = all.stream().filter(e -> e.get("last_name").toString().toLowerCase(java.util.Locale.ROOT).startsWith("s")).count();
        assertThat(expected).isPositive().isLessThan(all.size());
        List<Map<String, Object>> seen = at(data(run("{ hr_employees { last_name } }", initials)), "hr_employees");
        assertThat(seen).hasSize((int) expected);
        ExecutionResult missing = run("{ hr_employees_aggregate { aggregate { count } } }", new Caller("initials", Map.of()));
        assertThat(codes(missing)).containsExactly("FORBIDDEN");
        assertThat(missing.isDataPresent()).isFalse();
    }

    @Test
    void bothExecutionPathsAgreeForARole() {
        for (String query : List.of(
                "{ hr_employees(order_by: [{emp_no: asc}]) { emp_no email dept_emp { dept_no } } }",
                "{ hr_departments(order_by: [{dept_no: asc}]) { dept_no dept_emp_aggregate { aggregate { count } } } }",
                "{ hrstatus_employee_status(order_by: [{emp_no: asc}]) { emp_no employee { last_name email } } }")) {
            assertThat(weft.execute(query, Map.of(), ANALYST_F).toSpecification())
                    .isEqualTo(weft.executeFieldByField(query, Map.of(), ANALYST_F).toSpecification());
        }
    }

    @Test
    void eachRoleSeesItsOwnSchemaAndTheFullOneNamesTheMasks() {
        String analyst = new SchemaPrinter().print(weft.schemaFor(ANALYST_F));
        assertThat(analyst).contains("email: String @mask(strategy : \"email\")").doesNotContain("salary")
                .doesNotContain("pm_projects").doesNotContain("projects(");
        String full = new SchemaPrinter().print(weft.schema().schema());
        assertThat(full).contains("@mask(roles : [\"analyst\"], strategy : \"email\")");
    }

    private static ExecutionResult run(String query, Caller caller) {
        return run(query, caller, Map.of());
    }

    private static ExecutionResult run(String query, Caller caller, Map<String, Object> variables) {
        return weft.execute(query, variables, caller);
    }

    @Test
    void claimsBindInsideNestedDocumentsOfMongoDb() {
        Caller caller = new Caller("browsing", Map.of("browser", "Chrome", "min_width", "1366")); // a string for an Int field
        String query = "{ events_clicks { _id payload { browser screen { w } } } }";
        for (ExecutionResult result : List.of(weft.execute(query, Map.of(), caller), weft.executeFieldByField(query, Map.of(), caller))) {
            List<Map<String, Object>> clicks = at(data(result), "events_clicks");
            assertThat(clicks).isNotEmpty();
            clicks.forEach(click -> {
                assertThat((Object) at(click, "payload.browser")).isEqualTo("Chrome");
                assertThat(((Number) at(click, "payload.screen.w")).intValue()).isGreaterThanOrEqualTo(1366);
            });
            List<Map<String, Object>> all = at(data(weft.execute(query, Map.of(), MANAGER_OF_CLICKS)), "events_clicks");
            assertThat(clicks.size()).isLessThan(all.size());
        }
    }
}
