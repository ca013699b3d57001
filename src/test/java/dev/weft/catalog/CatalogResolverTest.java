package dev.weft.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Naming rules and clash reports of {@link CatalogResolver}; catalog values built by hand, no database. */
class CatalogResolverTest {
    private static final ServiceName HR = new ServiceName("hr");

    @Test
    void namesTablesAndForeignKeyFieldsByTheDocumentedRule() {
        Table employees = table("employees", List.of(col("emp_no"), col("manager_id")), List.of("emp_no"),
                List.of(new ForeignKey("fk_mgr", List.of("manager_id"), ref("employees"), List.of("emp_no"))));
        Table deptEmp = table("dept_emp", List.of(col("emp_no"), col("dept_no")), List.of("emp_no", "dept_no"),
                List.of(new ForeignKey("fk_emp", List.of("emp_no"), ref("employees"), List.of("emp_no"))));
        Catalog catalog = new CatalogResolver().resolve(List.of(new Source(settings("hr"), List.of(employees, deptEmp))));

        Table named = catalog.table(ref("employees"));
        assertThat(named.typeName()).isEqualTo("HrEmployees");
        assertThat(named.rootField()).isEqualTo("hr_employees");
        assertThat(catalog.relationshipsFrom(ref("employees")))
                .extracting(Relationship::fieldName)
                .containsExactlyInAnyOrder("manager", "employees", "dept_emp");
        assertThat(catalog.relationship(ref("dept_emp"), "employees").orElseThrow().cardinality())
                .isEqualTo(Relationship.Cardinality.OBJECT);
    }

    @Test
    void twoForeignKeysToOneTableGetTheLongNames() {
        Table employees = table("employees", List.of(col("emp_no")), List.of("emp_no"), List.of());
        Table moves = table("moves", List.of(col("id"), col("from_emp"), col("to_emp")), List.of("id"), List.of(
                new ForeignKey("a", List.of("from_emp"), ref("employees"), List.of("emp_no")),
                new ForeignKey("b", List.of("to_emp"), ref("employees"), List.of("emp_no"))));
        Catalog catalog = new CatalogResolver().resolve(List.of(new Source(settings("hr"), List.of(employees, moves))));
        assertThat(catalog.relationshipsFrom(ref("moves"))).extracting(Relationship::fieldName)
                .containsExactlyInAnyOrder("employees_by_from_emp", "employees_by_to_emp");
        assertThat(catalog.relationshipsFrom(ref("employees"))).extracting(Relationship::fieldName)
                .containsExactlyInAnyOrder("moves_by_from_emp", "moves_by_to_emp");
    }

    @Test
    void columnsThatBecomeTheSameFieldAreAProblemNamingBoth() {
        Table t = table("people", List.of(col("first name"), col("first_name")), List.of(), List.of());
        assertThatThrownBy(() -> new CatalogResolver().resolve(List.of(new Source(settings("hr"), List.of(t)))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("columns 'first name' and 'first_name'")
                .hasMessageContaining("'first_name'");
    }

    @Test
    void tablesOfTwoServicesNeedingOneTypeNameAreAProblemNamingBoth() {
        Table a = new Table(new TableRef(new ServiceName("a"), null, "users"), false, List.of(col("id")), List.of("id"),
                List.of(), null, null);
        Table b = new Table(new TableRef(new ServiceName("b"), null, "users"), false, List.of(col("id")), List.of("id"),
                List.of(), null, null);
        List<ServiceSettings> services = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, Map.of(
                "a", new ServiceProperties("h2", "jdbc:h2:mem:a", null, null, null, null, null, "a_", "", null, null, null, null, null),
                "b", new ServiceProperties("h2", "jdbc:h2:mem:b", null, null, null, null, null, "b_", "X", null, null, null, null, null))));
        Table bAsSameType = new Table(b.ref(), false, b.columns(), b.primaryKey(), List.of(), null, null);
        assertThatThrownBy(() -> new CatalogResolver().resolve(List.of(
                new Source(services.get(0), List.of(a)),
                new Source(new ServiceSettings("b", services.get(1).kind(), "jdbc:h2:mem:b", null, services.get(1).password(),
                        null, List.of(), List.of(), "b_", "", 1, services.get(1).connectionTimeout(),
                        services.get(1).queryTimeout(), 10), List.of(bAsSameType)))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("tables a.users and b.users both need the GraphQL type 'Users'");
    }

    @Test
    void legalNamesFollowTheRule() {
        assertThat(GraphqlNames.field("first name")).isEqualTo("first_name");
        assertThat(GraphqlNames.field("2fa")).isEqualTo("_2fa");
        assertThat(GraphqlNames.field("__secret")).isEqualTo("x__secret");
        assertThat(GraphqlNames.field("prix-€")).isEqualTo("prix__");
        assertThat(GraphqlNames.type("Hr", "employee_status")).isEqualTo("HrEmployeeStatus");
        assertThat(GraphqlNames.type("Hr", "EMPLOYEE_STATUS")).isEqualTo("HrEmployeeStatus");
    }

    private static TableRef ref(String name) {
        return new TableRef(HR, "public", name);
    }

    private static Column col(String name) {
        return new Column(name, GraphqlNames.field(name), ColumnType.INT, false, "INTEGER");
    }

    private static Table table(String name, List<Column> columns, List<String> pk, List<ForeignKey> fks) {
        return new Table(ref(name), false, columns, pk, fks, null, null);
    }

    private static ServiceSettings settings(String name) {
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, Map.of(name,
                new ServiceProperties("h2", "jdbc:h2:mem:x", null, null, null, null, null, null, null, null, null, null, null, null)))).get(0);
    }
}
