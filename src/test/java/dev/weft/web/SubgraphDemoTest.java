package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.Caller;
import graphql.ExecutionResult;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo (H2) as a Federation v2 subgraph, through both execution paths (the direct executor and
 * graphql-java's field-by-field execution give the same answers and errors): {@code _service { sdl }}
 * per role, {@code _entities} in the order asked with key coercion and composite keys, row filters, masks and
 * roles that may not address a type by key.
 */
class SubgraphDemoTest {
    private static final String ACCESS = """
            roles:
              women:
                hr.employees:
                  select: { filter: { gender: { _eq: "F" } } }
                  mask: { email: email }
                hr.dept_emp: {}
                hr.departments: {}
              nokey:
                hr.employees: { select: { columns: [first_name, last_name] } }
                hr.departments: {}
              maskedkey:
                hr.employees: { mask: { emp_no: redact } }
              quiet:
                introspection: false
                hr.departments: {}
            """;
    private static final String ENTITIES = """
            query($r: [_Any!]!) { _entities(representations: $r) {
              __typename
              ... on HrEmployees { emp_no first_name email dept_emp(order_by: [{dept_no: asc}]) { dept_no departments { dept_name } } }
              ... on HrDeptEmp { emp_no dept_no from_date }
              ... on HrDepartments { dept_name }
            } }""";
    private static WeftRuntime open;
    private static WeftRuntime governed;

    @BeforeAll
    static void start() {
        open = DemoRuntime.start();
        governed = DemoRuntime.start(ACCESS);
    }

    @AfterAll
    static void stop() {
        open.close();
        governed.close();
    }

    private static String sdl(WeftRuntime weft, Caller caller) {
        ExecutionResult r = caller == null ? weft.execute("{ _service { sdl } }", Map.of())
                : weft.execute("{ _service { sdl } }", Map.of(), caller);
        assertThat(r.getErrors()).isEmpty();
        return at(data(r), "_service.sdl");
    }

    @Test
    void serviceSdlIsTheSubgraphSchemaWithFederationDirectivesAndWithoutFederationsOwnFields() {
        String sdl = sdl(open, null);
        assertThat(sdl).contains("@link(import : [\"@key\", \"@requires\", \"@provides\", \"@external\", \"@shareable\","
                        + " \"@inaccessible\", \"@tag\", \"@override\", \"@interfaceObject\", \"@composeDirective\"], url : \"https://specs.apollo.dev/federation/v2.3\")",
                "type HrEmployees @key(fields : \"emp_no\")", "type HrDeptEmp @key(fields : \"emp_no dept_no\")",
                "directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE",
                "scalar federation__FieldSet", "scalar link__Import", "hr_employees_by_pk")
                .doesNotContain("_Service", "_Entity", "_Any", "_entities", "_service", "directive @include", "directive @skip");
        new SchemaParser().parse(sdl); // well-formed SDL
        // the full schema itself has them
        assertThat(new graphql.schema.idl.SchemaPrinter().print(open.schema().schema()))
                .contains("_entities(representations: [_Any!]!): [_Entity]!", "_service: _Service!", "union _Entity =");
    }

    @Test
    void entitiesAnswerInTheOrderAskedWithNullForMissingRowsOnBothPaths() {
        List<Object> representations = List.of(
                Map.of("__typename", "HrEmployees", "emp_no", "10002"),
                Map.of("__typename", "HrDeptEmp", "emp_no", 10001, "dept_no", "d004"),
                Map.of("__typename", "HrEmployees", "emp_no", 10001),
                Map.of("__typename", "HrEmployees", "emp_no", 99999),
                Map.of("__typename", "HrDepartments", "dept_no", "d001"),
                Map.of("__typename", "HrEmployees", "emp_no", "not a number"));
        ExecutionResult direct = open.execute(ENTITIES, Map.of("r", representations));
        ExecutionResult fieldByField = open.executeFieldByField(ENTITIES, Map.of("r", representations));
        assertThat(direct.getErrors()).isEmpty();
        assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
        List<Map<String, Object>> entities = at(data(direct), "_entities");
        assertThat(entities).hasSize(6);
        assertThat(entities.get(0)).containsEntry("__typename", "HrEmployees").containsEntry("emp_no", 10002)
                .containsEntry("first_name", "Bezalel");
        assertThat(entities.get(1)).containsEntry("__typename", "HrDeptEmp").containsEntry("dept_no", "d004")
                .containsEntry("emp_no", 10001);
        assertThat(entities.get(2)).containsEntry("emp_no", 10001).containsEntry("email", "georgi.facello@example.com");
        assertThat((List<?>) entities.get(2).get("dept_emp")).isNotEmpty();
        assertThat(entities.get(3)).isNull();
        assertThat(entities.get(4)).containsEntry("dept_name", "Marketing");
        assertThat(entities.get(5)).isNull();
    }

    @Test
    void representationsWrittenInTheDocumentAreReadLikeVariables() {
        String query = "{ _entities(representations: [{__typename: \"HrDeptEmp\", emp_no: 10001, dept_no: \"d004\", extra: [1, {a: null}]},"
                + " {__typename: \"HrEmployees\", emp_no: \"10003\"}]) { ... on HrDeptEmp { emp_no } ... on HrEmployees { last_name } } }";
        ExecutionResult direct = open.execute(query, Map.of());
        assertThat(at(data(direct), "_entities").toString()).isEqualTo("[{emp_no=10001}, {last_name=Bamford}]");
        assertThat(direct.toSpecification()).isEqualTo(open.executeFieldByField(query, Map.of()).toSpecification());
        assertThat(open.execute("{ _entities(representations: [\"HrEmployees\"]) { __typename } }", Map.of()).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void mongoDbDocumentsAreEntitiesByTheirObjectId() {
        List<Map<String, Object>> clicks = at(data(open.execute("{ events_clicks(order_by: [{at: asc}], limit: 3) { _id page employee { emp_no } } }",
                Map.of())), "events_clicks");
        List<Object> representations = new java.util.ArrayList<>();
        clicks.forEach(c -> representations.add(0, Map.of("__typename", "EventsClicks", "_id", c.get("_id"))));
        representations.add(1, Map.of("__typename", "EventsClicks", "_id", "000000000000000000000000"));
        ExecutionResult r = open.execute("query($r: [_Any!]!) { _entities(representations: $r) { ... on EventsClicks { _id page employee { emp_no } } } }",
                Map.of("r", representations));
        List<Map<String, Object>> entities = at(data(r), "_entities");
        assertThat(entities).hasSize(4);
        assertThat(entities.get(0)).isEqualTo(clicks.get(2));
        assertThat(entities.get(1)).isNull();
        assertThat(entities.get(2)).isEqualTo(clicks.get(1));
        assertThat(entities.get(3)).isEqualTo(clicks.get(0));
    }

    @Test
    void aRepresentationOfNoEntityTypeOrWithoutKeyFieldsIsAnErrorAtItsIndexOnly() {
        ExecutionResult r = open.execute(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "HrEmployees", "emp_no", 10001),
                Map.of("__typename", "Nope", "id", 1),
                Map.of("__typename", "HrDeptEmp", "emp_no", 10001))));
        assertThat(r.toSpecification()).isEqualTo(open.executeFieldByField(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "HrEmployees", "emp_no", 10001),
                Map.of("__typename", "Nope", "id", 1),
                Map.of("__typename", "HrDeptEmp", "emp_no", 10001)))).toSpecification());
        Map<String, Object> data = r.getData();
        List<Map<String, Object>> entities = at(data, "_entities");
        assertThat(entities.get(0)).containsEntry("emp_no", 10001);
        assertThat(entities.get(1)).isNull();
        assertThat(entities.get(2)).isNull();
        assertThat(r.getErrors()).hasSize(2);
        assertThat(r.getErrors().get(0).getPath()).isEqualTo(List.of("_entities", 1));
        assertThat(r.getErrors().get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(r.getErrors().get(1).getMessage()).contains("\"emp_no dept_no\"");
    }

    @Test
    void aRoleSeesItsRowsMaskedAndOnlyTypesWhoseKeysItSeesUnmasked() {
        Caller women = new Caller("women", Map.of());
        ExecutionResult r = governed.execute(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "HrEmployees", "emp_no", 10002),    // M: hidden by the row filter
                Map.of("__typename", "HrEmployees", "emp_no", "10001"))), women);
        assertThat(r.toSpecification()).isEqualTo(governed.executeFieldByField(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "HrEmployees", "emp_no", 10002),
                Map.of("__typename", "HrEmployees", "emp_no", "10001"))), women).toSpecification());
        assertThat(r.getErrors()).isEmpty();
        List<Map<String, Object>> entities = at(data(r), "_entities");
        assertThat(entities.get(0)).isNull();
        assertThat(entities.get(1)).containsEntry("emp_no", 10001).containsEntry("email", "g***@example.com");

        assertThat(sdl(governed, new Caller("nokey", Map.of()))).doesNotContain("HrEmployees @key")
                .contains("type HrDepartments @key(fields : \"dept_no\")");
        assertThat(sdl(governed, new Caller("maskedkey", Map.of()))).doesNotContain("@key(fields :", "_entities");
        ExecutionResult noEntity = governed.execute("query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
                Map.of("r", List.of(Map.of("__typename", "HrEmployees", "first_name", "Georgi"))), new Caller("nokey", Map.of()));
        assertThat(noEntity.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("not an entity type"));
        ExecutionResult quiet = governed.execute("{ _service { sdl } }", Map.of(), new Caller("quiet", Map.of()));
        assertThat(quiet.getErrors()).singleElement().satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN"));
        assertThat(governed.executeFieldByField("{ _service { sdl } }", Map.of(), new Caller("quiet", Map.of())).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN"));
        ExecutionResult none = governed.execute("{ _entities(representations: []) { __typename } }", Map.of(),
                new Caller("maskedkey", Map.of()));
        assertThat(none.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("_entities"));
    }
}
