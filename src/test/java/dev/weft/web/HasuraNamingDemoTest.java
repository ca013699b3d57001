package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import graphql.ExecutionResult;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded demo in Hasura's naming ({@code weft.naming: hasura}): Hasura's type names, non-null lists, and
 * Hasura-shaped client documents (fragments on {@code employees}, typed variables) answered exactly as the same
 * documents in Weft's naming, on both execution paths.
 */
class HasuraNamingDemoTest {
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static WeftRuntime hasura;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        hasura = start("hasura", DemoDatabases.create());
        weft = DemoRuntime.start();
    }

    @AfterAll
    static void stop() {
        hasura.close();
        weft.close();
    }

    static WeftRuntime start(String naming, Map<String, ServiceProperties> services) {
        return WeftRuntime.start(new ConfigValidator(ConfigOrigins.NONE).validate(
                        new WeftProperties(null, services, null, null, null, null, naming, null, null)),
                RelationshipsFile.load("relationships.yml"), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @Test
    void typesAreNamedAsHasuraNamesThem() {
        GraphQLSchema schema = hasura.schema().schema();
        assertThat(schema.getQueryType().getName()).isEqualTo("query_root");
        for (String type : List.of("employees", "employees_bool_exp", "employees_order_by", "employees_aggregate",
                "employees_aggregate_fields", "employees_select_column", "employees_sum_fields", "employees_avg_fields",
                "employees_max_fields", "employees_min_fields", "employees_stddev_fields", "employees_var_pop_fields",
                "order_by", "Int_comparison_exp", "String_regex_comparison_exp", "numeric_comparison_exp", "date_comparison_exp",
                "employee_status", "projects", "clicks", "clicks_bool_exp")) {
            assertThat(schema.getType(type)).as(type).isNotNull();
        }
        for (String weftName : List.of("HrEmployees", "HrEmployeesBoolExp", "OrderBy", "IntComparisonExp", "Query", "BigDecimal")) {
            assertThat(schema.getType(weftName)).as(weftName).isNull();
        }
        assertThat(GraphQLTypeUtil.simplePrint(schema.getQueryType().getFieldDefinition("employees").getType()))
                .isEqualTo("[employees!]!");
        assertThat(GraphQLTypeUtil.simplePrint(schema.getQueryType().getFieldDefinition("employees_aggregate").getType()))
                .isEqualTo("employees_aggregate!");
        assertThat(GraphQLTypeUtil.simplePrint(schema.getQueryType().getFieldDefinition("employees_by_pk").getType()))
                .isEqualTo("employees");
        assertThat(GraphQLTypeUtil.simplePrint(schema.getObjectType("departments").getFieldDefinition("dept_emp").getType()))
                .isEqualTo("[dept_emp!]!");
        assertThat(GraphQLTypeUtil.simplePrint(schema.getObjectType("employees").getFieldDefinition("salary").getType()))
                .isEqualTo("numeric");
        assertThat(schema.getObjectType("employees").getFieldDefinition("emp_no")).isNotNull();
    }

    static List<Object[]> documents() {
        return List.of(
                pair("fragment E on employees { emp_no last_name salary hire_date } "
                                + "query($o: [employees_order_by!], $w: employees_bool_exp) { employees(order_by: $o, where: $w) { ...E __typename } }",
                        "fragment E on HrEmployees { emp_no last_name salary hire_date } "
                                + "query($o: [HrEmployeesOrderBy!], $w: HrEmployeesBoolExp) { hr_employees(order_by: $o, where: $w) { ...E } }",
                        Map.of("o", List.of(Map.of("last_name", "desc"), Map.of("emp_no", "asc")),
                                "w", Map.of("salary", Map.of("_gt", 50000)))),
                pair("query($d: order_by!) { departments(order_by: [{dept_no: $d}]) { dept_no dept_emp(order_by: [{emp_no: asc}]) "
                                + "{ emp_no employees { last_name status { status } } } } }",
                        "query($d: OrderBy!) { hr_departments(order_by: [{dept_no: $d}]) { dept_no dept_emp(order_by: [{emp_no: asc}]) "
                                + "{ emp_no employees { last_name status { status } } } } }", Map.of("d", "desc_nulls_last")),
                pair("fragment A on employees_aggregate_fields { count max { salary } min { hire_date } sum { salary } } "
                                + "query($w: employees_bool_exp) { employees_aggregate(where: $w) { aggregate { ...A } nodes { emp_no } } }",
                        "fragment A on HrEmployeesAggregateFields { count max { salary } min { hire_date } sum { salary } } "
                                + "query($w: HrEmployeesBoolExp) { hr_employees_aggregate(where: $w) { aggregate { ...A } nodes { emp_no } } }",
                        Map.of("w", Map.of("emp_no", Map.of("_lt", 10010)))),
                pair("query($c: [employees_select_column!]) { employees_aggregate { aggregate { count(columns: $c, distinct: true) } } "
                                + "employees_by_pk(emp_no: 10001) { last_name projects { name } } }",
                        "query($c: [HrEmployeesSelectColumn!]) { hr_employees_aggregate { aggregate { count(columns: $c, distinct: true) } } "
                                + "hr_employees_by_pk(emp_no: 10001) { last_name projects { name } } }", Map.of("c", List.of("gender"))),
                pair("{ clicks(order_by: [{_id: asc}], limit: 5) { _id emp_no payload { browser } } }",
                        "{ events_clicks(order_by: [{_id: asc}], limit: 5) { _id emp_no payload { browser } } }", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void hasuraDocumentsGetTheAnswersOfTheSameDocumentsInWeftNaming(String hasuraDocument, String weftDocument,
                                                                   Map<String, Object> variables) {
        ExecutionResult direct = hasura.execute(hasuraDocument, variables);
        ExecutionResult fieldByField = hasura.executeFieldByField(hasuraDocument, variables);
        assertThat(direct.getErrors()).as(hasuraDocument).isEmpty();
        assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
        // the direct path writes its JSON itself, with the naming's renderings: the same bytes as graphql-java's maps
        assertThat(JSON.writeValueAsString(direct.toSpecification())).isEqualTo(JSON.writeValueAsString(fieldByField.toSpecification()));
        // through a UTF-8 stream (the HTTP response's case) it writes raw bytes: the same bytes again
        assertThat(JSON.writeValueAsBytes(direct.toSpecification())).isEqualTo(JSON.writeValueAsBytes(fieldByField.toSpecification()));
        ExecutionResult oracle = weft.execute(weftDocument, variables);
        assertThat(oracle.getErrors()).isEmpty();
        Map<String, Object> data = direct.getData();
        Map<String, Object> expected = oracle.getData();
        assertThat(withoutTypename(List.copyOf(data.values()))).isEqualTo(withoutTypename(List.copyOf(expected.values())));
    }

    @Test
    void graphiqlsOpeningQueryIsBuiltFromTheHasuraNamedSchemaAndAnswers() {
        String query = dev.weft.schema.ExampleQuery.of(hasura.schema().schema());
        assertThat(query).contains("query Example {").doesNotContain("hr_");
        ExecutionResult result = hasura.execute(query, Map.of());
        assertThat(result.getErrors()).as(query).isEmpty();
        assertThat(((Map<String, Object>) result.getData()).values()).singleElement().asList().isNotEmpty();
    }

    @Test
    void typenameAnswersHasuraNamesOnBothPaths() {
        String query = "{ __typename employees_aggregate { __typename aggregate { __typename max { __typename emp_no } } "
                + "nodes { __typename } } clicks(limit: 1) { __typename payload { __typename } } }";
        ExecutionResult direct = hasura.execute(query, Map.of());
        assertThat(direct.toSpecification()).isEqualTo(hasura.executeFieldByField(query, Map.of()).toSpecification());
        Map<String, Object> data = direct.getData();
        assertThat(data.get("__typename")).isEqualTo("query_root");
        assertThat(direct.toSpecification().toString()).contains("__typename=employees_aggregate,",
                "__typename=employees_aggregate_fields,", "__typename=employees_max_fields,", "__typename=clicks,",
                "__typename=clicks_payload}");
    }

    @Test
    void aFailingNonNullListNullsItsWayUpOnBothPathsAsGraphqlJavaDoes() throws Exception {
        Map<String, ServiceProperties> services = DemoDatabases.create();
        try (WeftRuntime broken = start("hasura", services)) {
            ServiceProperties hr = services.get("hr");
            try (var c = DriverManager.getConnection(hr.url(), hr.username(), hr.password()); var s = c.createStatement()) {
                s.execute("DROP TABLE dept_emp");
            }
            String nested = "{ departments(order_by: [{dept_no: asc}], limit: 2) { dept_no dept_emp { emp_no } } }";
            ExecutionResult direct = broken.execute(nested, Map.of());
            assertThat(direct.toSpecification()).isEqualTo(broken.executeFieldByField(nested, Map.of()).toSpecification());
            assertThat(direct.toSpecification()).containsEntry("data", null);
            assertThat(direct.getErrors()).isNotEmpty();
            // a nullable by_pk field stops the null: the other root field keeps its answer
            String byPk = "{ departments_by_pk(dept_no: \"d001\") { dept_no dept_emp { emp_no } } projects(limit: 1) { id } }";
            ExecutionResult stopped = broken.execute(byPk, Map.of());
            assertThat(stopped.toSpecification()).isEqualTo(broken.executeFieldByField(byPk, Map.of()).toSpecification());
            Map<String, Object> data = stopped.getData();
            assertThat(data.get("departments_by_pk")).isNull();
            assertThat((List<?>) data.get("projects")).hasSize(1);
        }
    }

    @Test
    void oneServiceInHasurasNamingBesideOthersInWeftsKeepsTheWeftRootsAndJoinsAcrossThem() {
        Map<String, ServiceProperties> services = new java.util.LinkedHashMap<>(DemoDatabases.create());
        ServiceProperties pm = services.get("pm");
        services.put("pm", new ServiceProperties(pm.kind(), pm.url(), pm.username(), pm.password(), null, null, null, null, null,
                null, null, null, null, "hasura"));
        try (WeftRuntime mixed = start(null, services)) {
            GraphQLSchema schema = mixed.schema().schema();
            assertThat(schema.getQueryType().getName()).isEqualTo("Query");
            assertThat(schema.getType("OrderBy")).isNotNull();
            assertThat(schema.getType("order_by")).isNotNull();
            assertThat(schema.getType("projects_bool_exp")).isNotNull();
            assertThat(schema.getType("HrEmployeesBoolExp")).isNotNull();
            String query = "query($o: [projects_order_by!]) { hr_employees(order_by: [{emp_no: asc}], limit: 3) "
                    + "{ emp_no projects(order_by: $o) { __typename name } } projects(order_by: $o) { id } }";
            Map<String, Object> variables = Map.of("o", List.of(Map.of("name", "asc")));
            ExecutionResult direct = mixed.execute(query, variables);
            assertThat(direct.getErrors()).isEmpty();
            assertThat(direct.toSpecification()).isEqualTo(mixed.executeFieldByField(query, variables).toSpecification());
            ExecutionResult oracle = weft.execute("{ hr_employees(order_by: [{emp_no: asc}], limit: 3) { emp_no projects(order_by: "
                    + "[{name: asc}]) { name } } pm_projects(order_by: [{name: asc}]) { id } }", Map.of());
            assertThat(withoutTypename(List.copyOf(direct.<Map<String, Object>>getData().values())))
                    .isEqualTo(List.copyOf(oracle.<Map<String, Object>>getData().values()));
            assertThat(direct.toSpecification().toString()).contains("__typename=projects,");
        }
    }

    private static Object withoutTypename(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"__typename".equals(k)) {
                    copy.put(k, withoutTypename(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HasuraNamingDemoTest::withoutTypename).toList();
        }
        return value;
    }

    private static Object[] pair(String hasuraDocument, String weftDocument, Map<String, Object> variables) {
        return new Object[] {hasuraDocument, weftDocument, variables};
    }
}
