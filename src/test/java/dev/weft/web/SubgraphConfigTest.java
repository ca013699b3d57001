package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.config.BreakerSettings;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigProblem;
import dev.weft.config.ConfigValidator;
import dev.weft.config.FederationFile;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * federation.yml over the embedded demo: renamed entity types, extra keys on unique columns, every directive Weft
 * applies (as the subgraph SDL prints them), lookups by an extra key, a key on a nullable unique column; and the problems that need the catalog
 * (unknown tables and fields, name clashes, non-unique keys, @external key fields, @provides on a
 * column), each with file and line. {@code weft.federation.enabled: false} leaves a plain schema.
 */
class SubgraphConfigTest {
    private static final String FEDERATION = """
            types:
              hr.employees:
                name: Employee
                tags: [hr]
                fields:
                  last_name: { shareable: true, tags: [pii] }
                  salary: { inaccessible: true }
                  first_name: { override: legacy }
                  hire_date: { external: true }
                  birth_date: { requires: "hire_date" }
              hr.departments:
                name: Department
                keys: ["dept_name"]
                shareable: true
              hrstatus.employee_status:
                interface-object: true
                fields:
                  employee: { provides: "hire_date" }
            compose-directives:
              - { name: "@mask", url: "https://weft.dev/mask/v1.0" }
            """;

    static WeftRuntime start(boolean federation, FederationSpec spec) {
        return WeftRuntime.start(new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, DemoDatabases.create())),
                RelationshipsFile.load("relationships.yml"), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, null,
                LimitSettings.DEFAULTS, new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null), federation, spec,
                dev.weft.reload.SourceSupply.fresh());
    }

    private static List<String> problems(String yaml) {
        WeftConfigException e = catchThrowableOfType(WeftConfigException.class,
                () -> start(true, FederationFile.parse("federation.yml", yaml)).close());
        assertThat(e).as("start-up must fail").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void federationYmlRenamesTypesAddsKeysAndAppliesEveryDirective() {
        try (WeftRuntime weft = start(true, FederationFile.parse("federation.yml", FEDERATION))) {
            String sdl = at(data(weft.execute("{ _service { sdl } }", Map.of())), "_service.sdl");
            assertThat(sdl).contains(
                    "@link(import : [\"@mask\"], url : \"https://weft.dev/mask/v1.0\")", "@composeDirective(name : \"@mask\")",
                    "directive @mask(",
                    "type Employee @key(fields : \"emp_no\") @tag(name : \"hr\") {",
                    "type Department @key(fields : \"dept_no\") @key(fields : \"dept_name\") @shareable {",
                    "type HrstatusEmployeeStatus @interfaceObject @key(fields : \"emp_no\") {",
                    "last_name: String! @shareable @tag(name : \"pii\")", "salary: BigDecimal @inaccessible",
                    "first_name: String! @override(from : \"legacy\")", "hire_date: Date! @external",
                    "birth_date: Date! @requires(fields : \"hire_date\")", "employee: Employee @provides(fields : \"hire_date\")",
                    "input EmployeeBoolExp", "type DepartmentAggregate", "hr_employees(")
                    .doesNotContain("HrEmployees", "HrDepartments");
            Map<String, Object> d = data(weft.execute("""
                    query($r: [_Any!]!) { hr_employees(limit: 1) { __typename }
                      _entities(representations: $r) { ... on Department { dept_no dept_name } ... on Employee { emp_no } } }""",
                    Map.of("r", List.of(Map.of("__typename", "Department", "dept_name", "Marketing"),
                            Map.of("__typename", "Department", "dept_no", "d002"),
                            Map.of("__typename", "Employee", "emp_no", 10003)))));
            assertThat(at(d, "hr_employees").toString()).isEqualTo("[{__typename=Employee}]");
            // graphql-java's own validator finds the subgraph schema valid (directive definitions, locations, repeats)
            dev.weft.schema.federation.Subgraph subgraph = dev.weft.schema.federation.Subgraph.resolve(true,
                    FederationFile.parse("federation.yml", FEDERATION), weft.catalog());
            assertThat(dev.weft.schema.SchemaGenerator.validating(subgraph).generate(weft.catalog(), weft.schema().bindings(),
                    binding -> env -> null).schema().getType("Department")).isNotNull();
            assertThat(at(d, "_entities").toString()).isEqualTo(
                    "[{dept_no=d001, dept_name=Marketing}, {dept_no=d002, dept_name=Finance}, {emp_no=10003}]");
        }
    }

    @Test
    void problemsThatNeedTheCatalogStopStartUpWithFileAndLine() {
        assertThat(problems("""
                types:
                  hr.nope: {}
                  nope.employees: {}
                  hr.employees:
                    name: HrDepartments
                    keys: ["email", "zzz"]
                    fields:
                      emp_no: { external: true }
                      nothing: { shareable: true }
                      first_name: { provides: "x" }
                  hr.dept_emp:
                    fields:
                      departments: { provides: "dept_name" }
                """)).containsExactly(
                "federation.yml:2: types.hr.nope: no table or view 'nope' in service 'hr'",
                "federation.yml:3: types.nope.employees: unknown service 'nope'",
                "federation.yml:5: types.hr.employees.name: 'HrDepartments' is the type of hr.public.departments already;"
                        + " rename that one too or choose another name",
                "federation.yml:6: types.hr.employees.keys: 'zzz' is no column of hr.public.employees",
                "federation.yml:8: types.hr.employees.fields.emp_no.external: 'emp_no' is a key field, resolved by this"
                        + " subgraph: it cannot be @external",
                "federation.yml:9: types.hr.employees.fields.nothing: no column or relationship field 'nothing' in type HrEmployees",
                "federation.yml:10: types.hr.employees.fields.first_name.provides: @provides belongs on a relationship field;"
                        + " 'first_name' is a column",
                "federation.yml:13: types.hr.dept_emp.fields.departments.provides: 'dept_name' must be a field of HrDepartments"
                        + " marked external: true in this file");
        assertThat(problems("""
                types:
                  hr.employees:
                    keys: ["last_name", "email"]
                """)).containsExactly("federation.yml:3: types.hr.employees.keys: the columns [last_name] are no unique"
                + " constraint of hr.public.employees; a @key must name one row", "federation.yml:3: types.hr.employees.keys:"
                + " the columns [email] are no unique constraint of hr.public.employees; a @key must name one row");
    }

    @Test
    void aKeyMayBeANullableUniqueColumnAndANullKeyValueIsNoEntity() throws Exception {
        var services = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, DemoDatabases.create()));
        var hr = services.stream().filter(s -> s.name().equals("hr")).findFirst().orElseThrow();
        try (var c = java.sql.DriverManager.getConnection(hr.url(), hr.username(), ""); var st = c.createStatement()) {
            st.execute("ALTER TABLE employees ADD CONSTRAINT employees_email_unique UNIQUE (email)");
        }
        try (WeftRuntime weft = WeftRuntime.start(services, RelationshipsFile.load("relationships.yml"),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, null, LimitSettings.DEFAULTS,
                new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null), true,
                FederationFile.parse("federation.yml", "types:\n  hr.employees:\n    keys: [\"email\"]\n"),
                dev.weft.reload.SourceSupply.fresh())) {
            String sdl = at(data(weft.execute("{ _service { sdl } }", Map.of())), "_service.sdl");
            assertThat(sdl).contains("type HrEmployees @key(fields : \"emp_no\") @key(fields : \"email\") {", "email: String\n");
            String query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on HrEmployees { emp_no email } } }";
            List<Map<String, Object>> representations = new java.util.ArrayList<>();
            representations.add(Map.of("__typename", "HrEmployees", "email", "mayuko.warwick@example.com"));
            Map<String, Object> nullEmail = new java.util.HashMap<>(Map.of("__typename", "HrEmployees"));
            nullEmail.put("email", null); // 10014 has no e-mail: a null key names no row, as a gateway would expect
            representations.add(nullEmail);
            representations.add(Map.of("__typename", "HrEmployees", "emp_no", 10014));
            var direct = weft.execute(query, Map.of("r", representations));
            var fieldByField = weft.executeFieldByField(query, Map.of("r", representations));
            assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
            assertThat(direct.getErrors()).isEmpty();
            assertThat(at(data(direct), "_entities").toString()).isEqualTo(
                    "[{emp_no=10020, email=mayuko.warwick@example.com}, null, {emp_no=10014, email=null}]");
        }
    }

    @Test
    void disabledFederationLeavesAPlainSchema() {
        try (WeftRuntime weft = start(false, FederationSpec.NONE)) {
            String printed = new graphql.schema.idl.SchemaPrinter().print(weft.schema().schema());
            assertThat(printed).doesNotContain("@key", "_service", "_entities", "_Entity", "@link");
            assertThat(weft.execute("{ _service { sdl } }", Map.of()).getErrors()).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("_service"));
        }
    }
}
