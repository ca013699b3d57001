package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.security.Caller;
import dev.weft.security.Mask;
import dev.weft.security.RolePolicy;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Role by table by column over the whole demo catalog: a column can be read exactly when the role may
 * select it; every mask strategy gives the documented value of the real one; a masked column cannot
 * be filtered, sorted or aggregated.
 */
class RoleMatrixTest {
    private static final String ACCESS = """
            roles:
              all:
                hr.employees: {}
                hr.departments: {}
                hr.dept_emp: {}
                hrstatus.employee_status: {}
                pm.projects: {}
              some:
                hr.employees: { select: { columns: [emp_no, last_name, hire_date] } }
                pm.projects: { select: { columns: [name] } }
              masked:
                hr.employees:
                  mask: { email: "null", first_name: last4, last_name: hash, gender: redact, salary: redact }
              none:
                hrstatus.employee_status: { select: { columns: [status] } }
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
    void everyColumnOfEveryTableIsReadableExactlyWhenTheRoleMaySelectIt() {
        int cells = 0;
        for (RolePolicy role : weft.securityModel().roles().values()) {
            Caller caller = new Caller(role.name(), Map.of());
            for (Table table : weft.catalog().tables().values()) {
                for (Column column : table.columns()) {
                    if (!column.isScalar()) {
                        continue;
                    }
                    boolean allowed = role.table(table.ref()).map(p -> p.columns().contains(column.name())).orElse(false);
                    ExecutionResult result = weft.execute("{ " + table.rootField() + "(limit: 1) { " + column.fieldName() + " } }",
                            Map.of(), caller);
                    if (allowed) {
                        assertThat(result.getErrors()).as("%s reads %s.%s", role.name(), table.ref(), column.name()).isEmpty();
                    } else {
                        assertThat(codes(result)).as("%s reads %s.%s", role.name(), table.ref(), column.name())
                                .containsExactly("GRAPHQL_VALIDATION_FAILED");
                    }
                    cells++;
                }
            }
        }
        assertThat(cells).isGreaterThan(100);
    }

    @Test
    void everyMaskStrategyGivesItsValueOfTheRealOne() {
        String query = "{ hr_employees(order_by: [{emp_no: asc}]) { emp_no email first_name last_name gender salary } }";
        List<Map<String, Object>> real = at(data(weft.execute(query, Map.of(), new Caller("all", Map.of()))), "hr_employees");
        List<Map<String, Object>> masked = at(data(weft.execute(query, Map.of(), new Caller("masked", Map.of()))), "hr_employees");
        assertThat(masked).hasSameSizeAs(real);
        Map<String, MaskStrategy> masks = Map.of("email", MaskStrategy.NULL, "first_name", MaskStrategy.LAST4,
                "last_name", MaskStrategy.HASH, "gender", MaskStrategy.REDACT);
        for (int i = 0; i < real.size(); i++) {
            for (var mask : masks.entrySet()) {
                assertThat(masked.get(i).get(mask.getKey())).as("%s of row %d", mask.getKey(), i)
                        .isEqualTo(Mask.apply(mask.getValue(), real.get(i).get(mask.getKey())));
            }
            Object salary = real.get(i).get("salary");
            assertThat((Object) masked.get(i).get("salary")).isEqualTo(salary == null ? null : java.math.BigDecimal.ZERO);
            assertThat(masked.get(i).get("emp_no")).isEqualTo(real.get(i).get("emp_no"));
        }
    }

    @Test
    void aMaskedColumnCannotBeFilteredSortedOrAggregated() {
        Caller caller = new Caller("masked", Map.of());
        for (String column : List.of("email", "first_name", "last_name", "gender", "salary")) {
            assertThat(codes(weft.execute("{ hr_employees(where: {" + column + ": {_is_null: false}}) { emp_no } }", Map.of(), caller)))
                    .as("where on %s", column).containsExactly("GRAPHQL_VALIDATION_FAILED");
            assertThat(codes(weft.execute("{ hr_employees(order_by: [{" + column + ": asc}]) { emp_no } }", Map.of(), caller)))
                    .as("order_by on %s", column).containsExactly("GRAPHQL_VALIDATION_FAILED");
            assertThat(codes(weft.execute("{ hr_employees_aggregate { aggregate { max { " + column + " } } } }", Map.of(), caller)))
                    .as("max of %s", column).containsExactly("GRAPHQL_VALIDATION_FAILED");
        }
        assertThat(weft.execute("{ hr_employees(where: {emp_no: {_gt: 1}}, order_by: [{hire_date: desc}]) { emp_no } "
                + "hr_employees_aggregate { aggregate { max { emp_no } } } }", Map.of(), caller).getErrors()).isEmpty();
    }
}
