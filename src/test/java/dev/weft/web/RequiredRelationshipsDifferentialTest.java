package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * relationships.yml's {@code required: true} on the embedded demo ({@code status}, a has_one to another database,
 * and {@code projects}, a many_to_many through a third): the fields are non-null, and where a required relationship
 * has no row, its source fails or a row filter hides its row, the null bubbles to the nearest nullable field with
 * exactly one error at the required field's path. The direct executor and graphql-java's field-by-field execution
 * give exactly the same response (data and errors) in every case.
 */
class RequiredRelationshipsDifferentialTest {
    private static final String ACCESS = """
            roles:
              viewer:
                hr.employees: {}
                hrstatus.employee_status:
                  select: { filter: { status: { _neq: "terminated" } } }
                hrstatus.project_assignments: {}
                pm.projects: {}
            """;
    private static final Caller VIEWER = new Caller("viewer", Map.of());
    private static List<ServiceSettings> services;
    private static WeftRuntime weft;
    private static WeftRuntime filtered;

    @BeforeAll
    static void start() throws Exception {
        String yml = Files.readString(Path.of("relationships.yml"))
                .replace("    name: status\n", "    name: status\n    required: true\n")
                .replace("    name: projects\n", "    name: projects\n    required: true\n");
        List<RelationshipSpec> relationships = RelationshipsFile.parse("relationships.yml", yml);
        assertThat(relationships).filteredOn(RelationshipSpec::required).extracting(RelationshipSpec::name)
                .containsExactly("status", "projects");
        services = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, DemoDatabases.create()));
        weft = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
        filtered = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", ACCESS), LimitSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        weft.close();
        filtered.close();
    }

    @Test
    void requiredRelationshipsAreNonNullInTheSchema() {
        var employees = weft.schemaFor(Caller.UNRESTRICTED).getObjectType("HrEmployees");
        assertThat(graphql.schema.GraphQLTypeUtil.simplePrint(employees.getFieldDefinition("status").getType()))
                .isEqualTo("HrstatusEmployeeStatus!");
        assertThat(graphql.schema.GraphQLTypeUtil.simplePrint(employees.getFieldDefinition("projects").getType()))
                .isEqualTo("[PmProjects!]!");
        assertThat(graphql.schema.GraphQLTypeUtil.simplePrint(employees.getFieldDefinition("clicks").getType()))
                .isEqualTo("[EventsClicks!]");
    }

    @Test
    void withEveryRowPresentNothingBubbles() {
        Map<String, Object> data = agreed(weft, "{ hr_employees(where: {emp_no: {_lt: 10006}}, order_by: [{emp_no: asc}]) "
                + "{ emp_no status { status } projects(order_by: [{id: asc}]) { name } } }", null, 0);
        assertThat((List<?>) data.get("hr_employees")).hasSize(5);
    }

    @Test
    void aMissingRequiredRowNullsTheNearestNullableParent() {
        // employee 10020 has no status: by_pk (nullable) is null
        Map<String, Object> data = agreed(weft, "{ e: hr_employees_by_pk(emp_no: 10020) { emp_no status { status } } "
                + "other: hr_employees_by_pk(emp_no: 10001) { emp_no status { status } } }", null, 1);
        assertThat(data.get("e")).isNull();
        assertThat(data.get("other")).isEqualTo(Map.of("emp_no", 10001, "status", Map.of("status", "on_leave")));
        ExecutionResult result = weft.execute("{ e: hr_employees_by_pk(emp_no: 10020) { emp_no status { status } } }", Map.of());
        GraphQLError error = result.getErrors().get(0);
        assertThat(error.getPath()).isEqualTo(List.of("e", "status"));
        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
        assertThat(error.getMessage()).contains("no row of hrstatus").contains("non-null field 'status'");
    }

    @Test
    void theNullBubblesThroughListsToTheRootField() {
        // the root list's element (HrEmployees!) is null, so the list is: the root field is null, the other keeps its data
        Map<String, Object> data = agreed(weft, "{ hr_employees(order_by: [{emp_no: asc}]) { emp_no status { status } } "
                + "hr_departments(order_by: [{dept_no: asc}], limit: 1) { dept_no } }", null, 1);
        assertThat(data.get("hr_employees")).isNull();
        assertThat(data.get("hr_departments")).isEqualTo(List.of(Map.of("dept_no", "d001")));
        assertThat(weft.execute("{ hr_employees(order_by: [{emp_no: asc}]) { emp_no status { status } } }", Map.of())
                .getErrors().get(0).getPath()).isEqualTo(List.of("hr_employees", 19, "status"));
        // a nullable object relationship stops it: dept_emp keeps its rows, the employee 10020 is null
        Map<String, Object> departments = agreed(weft, "{ hr_departments(where: {dept_no: {_eq: \"d002\"}}) { dept_no "
                + "dept_emp(order_by: [{emp_no: asc}]) { emp_no employees { emp_no status { since } } } } }", null, 1);
        List<Map<String, Object>> deptEmp = at(departments, "hr_departments", "dept_emp");
        assertThat(deptEmp).isNotEmpty().anySatisfy(de -> {
            assertThat(de.get("emp_no")).isEqualTo(10020);
            assertThat(de.get("employees")).isNull();
        });
        // a nested list ([HrEmployees!], nullable) and an aggregate's nodes ([HrEmployees!]!: the aggregate is null)
        Map<String, Object> project = agreed(weft, "{ pm_projects_by_pk(id: 2) { name members(order_by: [{emp_no: asc}]) "
                + "{ emp_no status { status } } members_aggregate { aggregate { count } nodes { emp_no status { status } } } } "
                + "hr_employees_aggregate { aggregate { count } nodes { status { since } } } }", null, 3);
        @SuppressWarnings("unchecked")
        Map<String, Object> byPk = (Map<String, Object>) project.get("pm_projects_by_pk");
        assertThat(byPk).containsEntry("members", null).containsEntry("members_aggregate", null);
        assertThat(project.get("hr_employees_aggregate")).isNull();
    }

    @Test
    void aRowFilterHidingTheRequiredRowAnswersAsAMissingRow() {
        // 10004 is terminated: its status exists but the viewer may not read it; 10020 has none. Both answers are alike.
        ExecutionResult hidden = filtered.execute("{ e: hr_employees_by_pk(emp_no: 10004) { emp_no status { status } } }",
                Map.of(), VIEWER);
        ExecutionResult missing = filtered.execute("{ e: hr_employees_by_pk(emp_no: 10020) { emp_no status { status } } }",
                Map.of(), VIEWER);
        assertThat(hidden.toSpecification()).isEqualTo(missing.toSpecification());
        assertThat(hidden.getErrors()).hasSize(1);
        Map<String, Object> data = agreed(filtered, "{ a: hr_employees_by_pk(emp_no: 10004) { emp_no status { status } } "
                + "b: hr_employees_by_pk(emp_no: 10003) { emp_no status { status } } "
                + "c: hr_employees(where: {emp_no: {_in: [10003, 10004]}}) { emp_no projects { name } status { since } } }", VIEWER, 2);
        assertThat(data.get("a")).isNull();
        assertThat(data.get("b")).isEqualTo(Map.of("emp_no", 10003, "status", Map.of("status", "active")));
        assertThat(data.get("c")).isNull();
    }

    @Test
    void aFailingSourceOfARequiredRelationshipBubblesWithItsOwnError() throws Exception {
        renameTable("hrstatus", "employee_status", "employee_status_away");
        try {
            Map<String, Object> data = agreed(weft, "{ e: hr_employees_by_pk(emp_no: 10001) { emp_no status { status } } "
                    + "d: hr_departments(order_by: [{dept_no: asc}], limit: 1) { dept_no } }", null, 1);
            assertThat(data.get("e")).isNull();
            assertThat(data.get("d")).isEqualTo(List.of(Map.of("dept_no", "d001")));
            GraphQLError error = weft.execute("{ e: hr_employees_by_pk(emp_no: 10001) { emp_no status { status } } }", Map.of())
                    .getErrors().get(0);
            assertThat(error.getPath()).isEqualTo(List.of("e", "status"));
            assertThat(error.getMessage()).doesNotContain("non-null field");
        } finally {
            renameTable("hrstatus", "employee_status_away", "employee_status");
        }
        renameTable("pm", "projects", "projects_away");
        try {
            // a required list that fails is null, and so is its parent: [PmProjects!]! on an employee of a nullable list
            Map<String, Object> data = agreed(weft, "{ hr_employees(where: {emp_no: {_in: [10001, 10002]}}, order_by: [{emp_no: asc}]) "
                    + "{ emp_no projects { name } } }", null, 2);
            assertThat(data.get("hr_employees")).isNull();
        } finally {
            renameTable("pm", "projects_away", "projects");
        }
    }

    /** Runs {@code query} on both paths, asserts they agree and have {@code errors} errors (each with its own path); the data. */
    private static Map<String, Object> agreed(WeftRuntime runtime, String query, Caller caller, int errors) {
        ExecutionResult direct = caller == null ? runtime.execute(query, Map.of()) : runtime.execute(query, Map.of(), caller);
        ExecutionResult fieldByField = caller == null ? runtime.executeFieldByField(query, Map.of())
                : runtime.executeFieldByField(query, Map.of(), caller);
        // field by field, sibling fields' errors come in the order they completed: compare them as a set
        assertThat(direct.toSpecification().get("data")).as(query).isEqualTo(fieldByField.toSpecification().get("data"));
        assertThat(specifications(direct)).as(query).containsExactlyInAnyOrderElementsOf(specifications(fieldByField));
        assertThat(direct.getErrors()).as(query).hasSize(errors);
        assertThat(direct.getErrors().stream().map(GraphQLError::getPath).distinct()).as(query).hasSize(errors);
        assertThat(direct.toSpecification()).as(query).containsKey("data");
        Map<String, Object> data = direct.getData();
        return data == null ? new HashMap<>() : data;
    }

    private static List<Map<String, Object>> specifications(ExecutionResult result) {
        return result.getErrors().stream().map(GraphQLError::toSpecification).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> at(Map<String, Object> data, String list, String field) {
        return (List<Map<String, Object>>) ((List<Map<String, Object>>) data.get(list)).get(0).get(field);
    }

    private static void renameTable(String service, String from, String to) throws Exception {
        ServiceSettings s = services.stream().filter(x -> x.name().equals(service)).findFirst().orElseThrow();
        try (Connection c = DriverManager.getConnection(s.url(), s.username(), "");
             var statement = c.createStatement()) {
            statement.execute("ALTER TABLE \"" + from + "\" RENAME TO \"" + to + "\"");
        }
    }
}
