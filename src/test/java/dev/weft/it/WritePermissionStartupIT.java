package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.AccessFile;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Write permissions are checked against the catalog at start-up, every problem with access.yml's line and key. */
class WritePermissionStartupIT {
    @Test
    void unknownColumnsBadFiltersAndBadPresetsStopStartUp() {
        try (WriteEngine shop = WriteEngine.create(WriteEngine.Kind.H2)) {
            shop.execute("CREATE TABLE accounts (id INT PRIMARY KEY, tenant_id VARCHAR(8), balance DECIMAL(10,2))");
            assertThatThrownBy(() -> start(shop, """
                            roles:
                              tenant:
                                shop.accounts:
                                  insert:
                                    columns: [id, nope]
                                    set: { balance: "lots" }
                                  update:
                                    filter: { tenant: { _eq: "@claims.tenant_id" } }
                                  delete:
                                    filter: { balance: { _like: 3 } }
                            """))
                    .isInstanceOf(WeftConfigException.class)
                    .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                            .anySatisfy(p -> assertThat(p).startsWith("access.yml:5: roles.tenant.shop.accounts.insert.columns")
                                    .contains("no column 'nope'"))
                            .hasSize(1));
            assertThatThrownBy(() -> start(shop, """
                            roles:
                              tenant:
                                shop.accounts:
                                  insert:
                                    set: { balance: "lots" }
                                  update:
                                    filter: { tenant: { _eq: "@claims.tenant_id" } }
                            """))
                    .isInstanceOf(WeftConfigException.class)
                    .satisfies(e -> assertThat(((WeftConfigException) e).problems()).extracting(Object::toString)
                            .containsExactlyInAnyOrder(
                                    "access.yml:5: roles.tenant.shop.public.accounts.insert.set.balance: the value 'lots' does not"
                                            + " fit the column 'balance' (DECIMAL)",
                                    "access.yml:7: roles.tenant.shop.public.accounts.update.filter: unknown field 'tenant' in"
                                            + " shop.public.accounts"));
        }
    }

    private static void start(WriteEngine shop, String accessYml) {
        dev.weft.web.WeftRuntime.start(TestDatabase.services(Map.of("shop", shop.properties())), List.of(),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, AccessFile.parse("access.yml", accessYml)).close();
    }
}
