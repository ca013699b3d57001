package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.schema.GeneratedSchema;
import dev.weft.schema.SchemaGenerator;
import dev.weft.schema.SchemaView;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaPrinter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Weft builds its schemas without graphql-java's validation (it needs memory by the square of the
 * schema's depth). This test runs that validation over the demo's schemas, the full one with every
 * role's masks and each role's own, and checks that the validated build prints the same SDL: a
 * generator change that makes an invalid schema fails here. Roles that see the same tables, columns
 * and masks share one schema object.
 */
class GeneratedSchemaValidityTest {
    private static final String ACCESS = """
            roles:
              analyst:
                introspection: false
                hr.employees:
                  select:
                    columns: [emp_no, first_name, last_name, gender, email, hire_date]
                    filter: { gender: { _eq: "@claims.gender" } }
                  mask: { email: email }
                hr.dept_emp: {}
                hr.departments: {}
                hrstatus.employee_status: {}
              auditor:
                limits: { max-depth: 3 }
                hr.employees:
                  select:
                    columns: [emp_no, first_name, last_name, gender, email, hire_date]
                  mask: { email: email }
                hr.dept_emp: {}
                hr.departments: {}
                hrstatus.employee_status: {}
              manager:
                hr.employees: {}
                hr.departments: {}
                hr.dept_emp: {}
                hrstatus.employee_status: {}
                pm.projects: {}
            """;
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
    void theFullSchemaPassesGraphqlJavasValidation() {
        GeneratedSchema validated = SchemaGenerator.validating().generate(weft.catalog(), weft.schema().bindings(),
                binding -> env -> null, SchemaView.all(weft.securityModel()), weft.mutations());
        assertThat(print(validated.schema())).isEqualTo(print(weft.schema().schema()));
    }

    @Test
    void everyRoleSchemaPassesGraphqlJavasValidation() {
        for (RolePolicy role : weft.securityModel().roles().values()) {
            GeneratedSchema validated = SchemaGenerator.validating().generate(weft.catalog(), weft.schema().bindings(),
                    binding -> env -> null, SchemaView.of(role), weft.mutations());
            assertThat(print(validated.schema())).as(role.name())
                    .isEqualTo(print(weft.schemaFor(new Caller(role.name(), Map.of()))));
        }
    }

    @Test
    void rolesThatSeeTheSameShareOneSchema() {
        GraphQLSchema analyst = weft.schemaFor(new Caller("analyst", Map.of()));
        assertThat(weft.schemaFor(new Caller("auditor", Map.of()))).isSameAs(analyst);
        assertThat(weft.schemaFor(new Caller("manager", Map.of()))).isNotSameAs(analyst);
    }

    private static String print(GraphQLSchema schema) {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(true)).print(schema);
    }
}
