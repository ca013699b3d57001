package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.config.ConfigProblem;
import dev.weft.config.FederationFile;
import dev.weft.config.WeftConfigException;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * federation.yml's options beyond directives, over the embedded demo: a lookup root field by primary key, a column
 * typed {@code ID} (an integer key, whose ID arguments and representations find the row), a value type without
 * {@code @key}, a directive the file defines and composes, and a key through object relationships (which replaces
 * the primary key's own, and finds rows in {@code _entities}); and their problems with file and line.
 */
class SubgraphOptionsTest {
    private static final String FEDERATION = """
            types:
              hr.employees:
                name: Employee
                lookup: employee
                fields:
                  emp_no: { type: ID }
              hr.departments:
                entity: false
                directives: ["@audited"]
              hr.dept_emp:
                keys: ["employees { emp_no } departments{dept_no}"]
            compose-directives:
              - { name: "@audited", url: "https://example.com/audit/v1.0", on: [OBJECT] }
            """;

    @Test
    void lookupsIdColumnsValueTypesDefinedDirectivesAndNestedKeys() {
        try (WeftRuntime weft = SubgraphConfigTest.start(true, FederationFile.parse("federation.yml", FEDERATION))) {
            String sdl = at(data(weft.execute("{ _service { sdl } }", Map.of())), "_service.sdl");
            assertThat(sdl).contains(
                    "@link(import : [\"@audited\"], url : \"https://example.com/audit/v1.0\")",
                    "@composeDirective(name : \"@audited\")", "directive @audited on OBJECT",
                    "type Employee @key(fields : \"emp_no\") {", "emp_no: ID!",
                    "employee(emp_no: ID!): Employee", "hr_employees_by_pk(emp_no: ID!): Employee",
                    "type HrDepartments @audited {",
                    "type HrDeptEmp @key(fields : \"employees { emp_no } departments { dept_no }\") {")
                    .doesNotContain("type HrDeptEmp @key(fields : \"emp_no dept_no\")");

            String lookups = """
                    { employee(emp_no: "10003") { emp_no first_name dept_emp { dept_no } } hr_employees_by_pk(emp_no: "10003")
                      { emp_no first_name dept_emp { dept_no } } none: employee(emp_no: "abc") { emp_no }
                      missing: employee(emp_no: "1") { emp_no } hr_dept_emp(where: {emp_no: {_eq: 10003}}) { dept_no } }""";
            Map<String, Object> d = data(weft.execute(lookups, Map.of()));
            assertThat(d).isEqualTo(data(weft.executeFieldByField(lookups, Map.of()))); // the direct executor's answer is graphql-java's
            assertThat((Object) at(d, "employee")).isEqualTo(at(d, "hr_employees_by_pk"));
            assertThat(String.valueOf((Object) at(d, "employee"))).startsWith("{emp_no=10003, first_name=").contains("dept_emp=[{dept_no=d");
            assertThat((Object) at(d, "none")).isNull();
            assertThat((Object) at(d, "missing")).isNull();
            String dept = String.valueOf((Object) at(d, "hr_dept_emp.0.dept_no"));

            String entities = """
                    query($r: [_Any!]!) { _entities(representations: $r) {
                      ... on HrDeptEmp { emp_no dept_no departments { dept_no } } ... on Employee { id: emp_no } } }""";
            Map<String, Object> representations = Map.of("r", List.of(
                            Map.of("__typename", "HrDeptEmp", "employees", Map.of("emp_no", "10003"), "departments", Map.of("dept_no", dept)),
                            Map.of("__typename", "HrDeptEmp", "employees", Map.of("emp_no", 10003), "departments", Map.of("dept_no", "d999")),
                            Map.of("__typename", "Employee", "emp_no", "10003")));
            d = data(weft.execute(entities, representations));
            assertThat(d).isEqualTo(data(weft.executeFieldByField(entities, representations)));
            assertThat((Object) at(d, "_entities.2.id")).isEqualTo("10003"); // an ID, serialized as text
            assertThat(String.valueOf((Object) at(d, "_entities"))).isEqualTo("[{emp_no=10003, dept_no=" + dept + ", departments={dept_no="
                    + dept + "}}, null, {id=10003}]");

            ExecutionResult notEntity = weft.execute("""
                    { _entities(representations: [{__typename: "HrDepartments", dept_no: "d001"}]) { __typename } }""", Map.of());
            assertThat(notEntity.getErrors()).singleElement().satisfies(e ->
                    assertThat(e.getMessage()).contains("'HrDepartments' is not an entity type"));
        }
    }

    @Test
    void problemsOfTheOptionsNameFileAndLine() {
        WeftConfigException e = catchThrowableOfType(WeftConfigException.class, () -> SubgraphConfigTest.start(true,
                FederationFile.parse("federation.yml", """
                        types:
                          hr.employees:
                            lookup: hr_departments
                            directives: ["@audited", "@unknown"]
                            keys: ["departments { dept_no }", "dept_emp { emp_no }"]
                            fields:
                              hire_date: { type: ID }
                          hr.dept_emp:
                            lookup: assignment
                            keys: ["departments { dept_name } employees { emp_no }"]
                            fields:
                              departments: { type: ID }
                          hr.departments:
                            lookup: assignment
                          events.clicks:
                            keys: ["employee { emp_no }"]
                        compose-directives:
                          - { name: "@audited", url: "https://example.com/audit/v1.0", on: [OBJECT] }
                          - { name: "@key", url: "https://example.com/key/v1.0", on: [OBJECT] }
                        """)).close());
        assertThat(e).as("start-up must fail").isNotNull();
        assertThat(e.problems().stream().map(ConfigProblem::toString).toList()).containsExactlyInAnyOrder(
                "federation.yml:19: compose-directives: '@key' is a directive of GraphQL, Federation or Weft; define a"
                        + " directive of another name",
                "federation.yml:3: types.hr.employees.lookup: Query has a field 'hr_departments' already; choose another name",
                "federation.yml:4: types.hr.employees.directives: '@unknown' is no directive of compose-directives with"
                        + " OBJECT among its locations (on: [OBJECT])",
                "federation.yml:5: types.hr.employees.keys: 'departments' is no object relationship of HrEmployees"
                        + " (a key's nested fields go through one)",
                "federation.yml:5: types.hr.employees.keys: 'dept_emp' is no object relationship of HrEmployees"
                        + " (a key's nested fields go through one)",
                "federation.yml:7: types.hr.employees.fields.hire_date.type: ID fits a text or integer column; 'hire_date' is of type DATE",
                "federation.yml:10: types.hr.dept_emp.keys: 'dept_name' is no column of HrDepartments that 'departments'"
                        + " joins on (dept_no)",
                "federation.yml:12: types.hr.dept_emp.fields.departments.type: ID fits a text or integer column;"
                        + " 'departments' is a relationship",
                "federation.yml:14: types.hr.departments.lookup: Query has a field 'assignment' already; choose another name",
                "federation.yml:16: types.events.clicks.keys: the column 'emp_no' may be null; the column of a key's"
                        + " relationship must be NOT NULL");
    }
}
