package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.AccessSpec.MaskStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form checks of access.yml: every problem at once, each with file and line. */
class AccessFileTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void readsKeysRolesTablesFiltersMasksAndLimits() {
        AccessSpec spec = AccessFile.parse("access.yml", """
                api-keys:
                  - name: reporting
                    key-sha256: %s
                    role: analyst
                    claims: { tenant_id: "t1", level: 3, regions: [north, 7], hasura_list: "{1,2}" }
                roles:
                  analyst:
                    introspection: false
                    limits: { max-depth: 6, max-limit: 100, max-fields: 200 }
                    hr.employees:
                      select:
                        columns: [emp_no, email, tenant_id]
                        filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                      mask:
                        email: email
                  manager:
                    actuator: true
                    hr.employees: {}
                """.formatted(HASH.toUpperCase()));
        assertThat(spec.apiKeys()).singleElement().satisfies(k -> {
            assertThat(k.keySha256()).isEqualTo(HASH);
            assertThat(k.roles()).containsExactly("analyst");
            assertThat(k.claims()).isEqualTo(Map.of("tenant_id", "t1", "level", 3, "regions", java.util.List.of("north", 7),
                    "hasura_list", "{1,2}"));
        });
        AccessSpec.RoleSpec analyst = spec.roles().get(0);
        assertThat(analyst.introspection()).isFalse();
        assertThat(analyst.maxDepth()).isEqualTo(6);
        assertThat(analyst.maxLimit()).isEqualTo(100);
        assertThat(analyst.maxFields()).isEqualTo(200);
        AccessSpec.TableAccessSpec employees = analyst.tables().get(0);
        assertThat(employees.service()).isEqualTo("hr");
        assertThat(employees.table()).isEqualTo("employees");
        assertThat(employees.columns()).containsExactly("emp_no", "email", "tenant_id");
        assertThat(employees.filter()).isEqualTo(Map.of("tenant_id", Map.of("_eq", "@claims.tenant_id")));
        assertThat(employees.masks()).isEqualTo(Map.of("email", MaskStrategy.EMAIL));
        assertThat(spec.roles().get(1).tables().get(0).columns()).as("all columns").isNull();
        assertThat(spec.roles().get(1).introspection()).isTrue();
        assertThat(spec.roles().get(1).actuator()).isTrue();
        assertThat(analyst.actuator()).as("default").isFalse();
    }

    @Test
    void actuatorIsTrueOrFalse() {
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                roles:
                  ops:
                    actuator: yes please
                """)).isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactly("access.yml:3: actuator: must be true or false"));
    }

    @Test
    void explainIsAllowedPerRoleAndIsTrueOrFalse() {
        AccessSpec spec = AccessFile.parse("access.yml", """
                roles:
                  ops:
                    explain: true
                  reader:
                    actuator: true
                """);
        assertThat(spec.roles()).extracting(AccessSpec.RoleSpec::name, AccessSpec.RoleSpec::explain)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ops", true), org.assertj.core.groups.Tuple.tuple("reader", false));
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                roles:
                  ops:
                    actuator: true
                    explain: sometimes
                """)).isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactly("access.yml:4: explain: must be true or false"));
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                api-keys:
                  - name: bad
                    key-sha256: 1234
                    role: ghost
                    claims: { tenants: [t1, [t2]], org: { id: 1 }, ids: [1, "2"] }
                  - key-sha256: %s
                    role: analyst
                    colour: blue
                roles:
                  analyst:
                    limits: { max-depth: 0, max-rowz: 5 }
                    hr.employees:
                      select: { columns: [a], where: {} }
                      mask: { email: scramble }
                  "bad role":
                    hr.x: {}
                """.formatted(HASH)))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "access.yml:11: max-depth: must be a whole number of at least 1",
                                "access.yml:11: max-rowz: unknown limit; one of max-depth, max-fields, max-limit, max-response-bytes, max-rows, request-timeout, max-rows-affected, requests-per-minute, requests-per-second",
                                "access.yml:13: where: unknown key; select holds 'columns' and 'filter'",
                                "access.yml:14: mask: unknown strategy 'scramble'; one of null, redact, email, last4, hash",
                                "access.yml:15: roles: role name 'bad role' must match [A-Za-z][A-Za-z0-9_-]*",
                                "access.yml:3: key-sha256: must be the SHA-256 of the key as 64 hexadecimal digits"
                                        + " (e.g. printf %s KEY | sha256sum)",
                                "access.yml:4: role: role 'ghost' is not defined under roles",
                                "access.yml:5: claims: claim 'tenants' must be a value (a string, number or boolean) or a list of values",
                                "access.yml:5: claims: claim 'org' must be a value (a string, number or boolean) or a list of values",
                                "access.yml:8: colour: unknown key; an API key has claims, key-sha256, limits, name, role, roles",
                                "access.yml:6: name: missing; every API key has a name (it appears in logs, never the key)"));
    }

    @Test
    void readsWritePermissionsAndReportsTheirProblemsWithLines() {
        AccessSpec spec = AccessFile.parse("access.yml", """
                roles:
                  tenant:
                    shop.accounts:
                      insert:
                        columns: [name, balance]
                        set: { tenant_id: "@claims.tenant_id" }
                        check: { balance: { _gte: 0 } }
                      update: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                      delete:
                """);
        var writes = spec.roles().get(0).tables().get(0).writes();
        assertThat(writes.get(WriteSpec.Kind.INSERT).columns()).containsExactly("name", "balance");
        assertThat(writes.get(WriteSpec.Kind.INSERT).presets()).isEqualTo(Map.of("tenant_id", "@claims.tenant_id"));
        assertThat(writes.get(WriteSpec.Kind.INSERT).check()).isEqualTo(Map.of("balance", Map.of("_gte", 0)));
        assertThat(writes.get(WriteSpec.Kind.UPDATE).columns()).as("all columns").isNull();
        assertThat(writes.get(WriteSpec.Kind.UPDATE).filter()).isEqualTo(Map.of("tenant_id", Map.of("_eq", "@claims.tenant_id")));
        assertThat(writes.get(WriteSpec.Kind.DELETE).filter()).isNull();
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                roles:
                  tenant:
                    shop.accounts:
                      insert:
                        filter: { id: { _eq: 1 } }
                        columns: name
                      update: { check: 3, set: [a] }
                      delete: { columns: [a] }
                      upsert: {}
                """))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "access.yml:5: filter: unknown key; insert holds columns, set, check",
                                "access.yml:6: columns: expected a list of column names",
                                "access.yml:7: check: must be a mapping in the where syntax, e.g. { tenant_id: { _eq: \"@claims.tenant_id\" } }",
                                "access.yml:7: set: must be a mapping of column to value, e.g. { tenant_id: \"@claims.tenant_id\" }",
                                "access.yml:8: columns: unknown key; delete holds filter",
                                "access.yml:9: upsert: unknown key; a table holds 'select', 'mask', 'insert', 'update' and 'delete'"));
    }
}
