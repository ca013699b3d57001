package dev.weft.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** relationships.yml entries checked against a hand-built catalog: existence, key types, clashes, FK replacement. */
class VirtualRelationshipsTest {
    private static final List<ServiceSettings> SERVICES = new ConfigValidator(ConfigOrigins.NONE).validate(
            WeftProperties.of(null, Map.of(
                    "hr", new ServiceProperties("h2", "jdbc:h2:mem:a", null, null, null, null, null, null, null, null, null, null, null, null),
                    "st", new ServiceProperties("h2", "jdbc:h2:mem:b", null, null, null, null, null, null, null, null, null, null, null, null))));

    private static final Table EMPLOYEES = new Table(new TableRef(new ServiceName("hr"), "public", "employees"), false,
            List.of(col("emp_no", ColumnType.INT), col("hired", ColumnType.DATE), col("code", ColumnType.STRING)),
            List.of("emp_no"), List.of(), null, null);
    private static final Table DEPT_EMP = new Table(new TableRef(new ServiceName("hr"), "public", "dept_emp"), false,
            List.of(col("emp_no", ColumnType.INT)), List.of(), List.of(new ForeignKey("fk", List.of("emp_no"),
            EMPLOYEES.ref(), List.of("emp_no"))), null, null);
    private static final Table STATUS = new Table(new TableRef(new ServiceName("st"), "APP", "EMPLOYEE_STATUS"), false,
            List.of(new Column("EMP_NO", GraphqlNames.field("EMP_NO"), ColumnType.STRING, false, "STRING"), col("SINCE", ColumnType.DATE)), List.of("EMP_NO"), List.of(), null, null);

    @Test
    void resolvesAcrossServicesMatchingUpperCaseNamesIgnoringCase() {
        Catalog catalog = resolve("""
                relationships:
                  - {service: hr, table: employees, name: status, type: has_one, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no, description: Status}
                """);
        Relationship status = catalog.relationship(EMPLOYEES.ref(), "status").orElseThrow();
        assertThat(status.to()).isEqualTo(STATUS.ref());
        assertThat(status.toColumns()).containsExactly("EMP_NO");
        assertThat(status.cardinality()).isEqualTo(Relationship.Cardinality.OBJECT);
        assertThat(status.sameSource()).isFalse();
        assertThat(status.description()).isEqualTo("Status");
    }

    @Test
    void reportsUnknownNamesImpossibleKeyTypesAndClashesWithTheirLines() {
        assertThatThrownBy(() -> resolve("""
                relationships:
                  - {service: nope, table: employees, name: a, type: has_one, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no}
                  - {service: hr, table: employees, name: b, type: has_one, field: missing,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no}
                  - {service: hr, table: employees, name: c, type: has_one, field: hired,
                     ref_service: st, ref_table: status_x, ref_field: emp_no}
                  - {service: hr, table: employees, name: d, type: has_many, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: since}
                  - {service: hr, table: employees, name: code, type: has_one, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no}
                """))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "r.yml:2: service: unknown service 'nope'; configured: hr, st",
                                "r.yml:4: field: no column 'missing' in hr.public.employees",
                                "r.yml:7: ref_table: no table or view 'status_x' in service 'st'",
                                "r.yml:9: ref_field: 'emp_no' (INT) and 'SINCE' (DATE) can never hold equal values",
                                "r.yml:10: name: 'code' is already the field of column 'code' of hr.public.employees"));
    }

    @Test
    void aDeclaredRelationshipOnAForeignKeyReplacesTheGeneratedField() {
        Catalog catalog = resolve("""
                relationships:
                  - {service: hr, table: dept_emp, name: employee, type: belongs_to, field: emp_no,
                     ref_service: hr, ref_table: employees, ref_field: emp_no}
                """);
        assertThat(catalog.relationshipsFrom(DEPT_EMP.ref())).extracting(Relationship::fieldName).containsExactly("employee");
        assertThat(catalog.relationshipsFrom(EMPLOYEES.ref())).extracting(Relationship::fieldName).containsExactly("dept_emp");
    }

    @Test
    void aDeclaredNameStandsAndTheGeneratedFieldTakesItsLongName() {
        Catalog catalog = resolve("""
                relationships:
                  - {service: hr, table: employees, name: dept_emp, type: has_one, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no}
                """);
        assertThat(catalog.relationshipsFrom(EMPLOYEES.ref())).extracting(Relationship::fieldName)
                .containsExactlyInAnyOrder("dept_emp", "dept_emp_by_emp_no");
    }

    @Test
    void aRequiredObjectNeedsNotNullKeyColumnsAndARequiredListAnyKey() {
        Catalog catalog = resolve("""
                relationships:
                  - {service: st, table: employee_status, name: employee, type: belongs_to, field: EMP_NO,
                     ref_service: hr, ref_table: employees, ref_field: emp_no, required: true}
                  - {service: hr, table: employees, name: statuses, type: has_many, field: emp_no,
                     ref_service: st, ref_table: employee_status, ref_field: emp_no, required: true}
                """);
        assertThat(catalog.relationship(STATUS.ref(), "employee").orElseThrow().required()).isTrue();
        assertThat(catalog.relationship(EMPLOYEES.ref(), "statuses").orElseThrow().required()).isTrue();
        assertThat(catalog.relationship(EMPLOYEES.ref(), "dept_emp").orElseThrow().required()).isFalse();
        assertThatThrownBy(() -> resolve("""
                relationships:
                  - service: hr
                    table: employees
                    name: status
                    type: has_one
                    field: hired
                    ref_service: st
                    ref_table: employee_status
                    ref_field: since
                    required: true
                """))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactly("r.yml:10: required: the column 'hired' of field may be null, and a row without"
                                + " its key has no related row; only an object relationship on NOT NULL columns can be required"));
    }

    private static Catalog resolve(String yaml) {
        List<RelationshipSpec> specs = RelationshipsFile.parse("r.yml", yaml);
        return new CatalogResolver().resolve(List.of(new Source(SERVICES.get(0), List.of(EMPLOYEES, DEPT_EMP)),
                new Source(SERVICES.get(1), List.of(STATUS))), specs);
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, GraphqlNames.field(name), type, true, type.name());
    }
}
