package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.AccessFile;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** access.yml resolved against a hand-built catalog: existence, fitting masks, API keys. */
class SecurityModelTest {
    private static final TableRef EMPLOYEES = new TableRef(new ServiceName("hr"), "public", "employees");
    private static final Catalog CATALOG = new Catalog(List.of(new Source(new ConfigValidator(ConfigOrigins.NONE).validate(
            WeftProperties.of(null, Map.of("hr", new ServiceProperties("h2", "jdbc:h2:mem:x", null, null, null, null, null,
                    null, null, null, null, null, null, null)))).get(0), List.of(new Table(EMPLOYEES, false, List.of(
            new Column("emp_no", "emp_no", ColumnType.INT, false, "INTEGER"),
            new Column("email", "email", ColumnType.STRING, false, "VARCHAR"),
            new Column("salary", "salary", ColumnType.DECIMAL, true, "DECIMAL"),
            new Column("TENANT_ID", "TENANT_ID", ColumnType.STRING, false, "CHAR")), List.of("emp_no"), List.of(),
            "HrEmployees", "hr_employees")))), List.of());

    @Test
    void resolvesRolesColumnsMasksAndKeys() {
        SecurityModel model = SecurityModel.resolve(AccessFile.parse("access.yml", """
                api-keys:
                  - { name: reporting, key-sha256: %s, roles: [analyst, manager], claims: { tenant_id: t1 } }
                roles:
                  analyst:
                    hr.employees:
                      select: { columns: [emp_no, email, tenant_id], filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                      mask: { email: email }
                  manager:
                    hr.EMPLOYEES: { mask: { salary: null } }
                """.formatted(ApiKey.sha256Hex("secret-key"))), CATALOG);
        TablePolicy analyst = model.roles().get("analyst").table(EMPLOYEES).orElseThrow();
        assertThat(analyst.columns()).containsExactlyInAnyOrder("emp_no", "email", "TENANT_ID");
        assertThat(analyst.masks()).isEqualTo(Map.of("email", MaskStrategy.EMAIL));
        assertThat(model.roles().get("manager").table(EMPLOYEES).orElseThrow().columns()).hasSize(4);
        assertThat(model.apiKey("secret-key")).hasValueSatisfying(k -> assertThat(k.roles()).containsExactly("analyst", "manager"));
        assertThat(model.apiKey("secret-kez")).isEmpty();
        assertThat(model.apiKey(null)).isEmpty();
        assertThat(model.apiKeys().get(0).toString()).doesNotContain(ApiKey.sha256Hex("secret-key"));
    }

    @Test
    void refusesUnknownTablesColumnsAndMasksThatDoNotFit() {
        assertThatThrownBy(() -> SecurityModel.resolve(AccessFile.parse("access.yml", """
                roles:
                  analyst:
                    hr.nope: {}
                    crm.customers: {}
                    hr.employees:
                      select: { columns: [emp_no, ghost] }
                      mask: { email: email, emp_no: email }
                  other:
                    hr.employees:
                      mask: { email: "null", salary: last4 }
                """), CATALOG))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "access.yml:3: roles.analyst.hr.nope: no table or view 'nope' in service 'hr'",
                                "access.yml:4: roles.analyst.crm.customers: unknown service 'crm'",
                                "access.yml:6: roles.analyst.hr.employees.select.columns: no column 'ghost' in hr.public.employees",
                                "access.yml:7: roles.analyst.hr.employees.mask.email: 'email' is not among the role's columns",
                                "access.yml:7: roles.analyst.hr.employees.mask.emp_no: email masks text columns only",
                                "access.yml:10: roles.other.hr.employees.mask.email: the column is NOT NULL, so it cannot be masked to null",
                                "access.yml:10: roles.other.hr.employees.mask.salary: last4 masks text columns only"));
    }

    @Test
    void theSameTableWrittenInAnotherCaseCannotReplaceItsFilterAndMasks() {
        assertThatThrownBy(() -> SecurityModel.resolve(AccessFile.parse("access.yml", """
                roles:
                  analyst:
                    hr.employees:
                      select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                      mask: { email: email }
                    hr.Employees: {}
                """), CATALOG))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString).containsExactly(
                        "access.yml:6: roles.analyst.hr.Employees: names the same table as hr.employees (line 3);"
                                + " write each table once per role"));
    }
}
