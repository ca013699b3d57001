package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Spring's binder fills the {@code weft.*} records. (A second constructor on a record once made it
 * bind nothing at all, silently: Weft then served the demo instead of the configured services.)
 */
class WeftPropertiesBindingTest {

    @Test
    void bindsEveryKeyOfTheRecords() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "weft.relationships", "rel.yml",
                "weft.cross-source-max-keys", "500",
                "weft.services.hr.kind", "postgres",
                "weft.services.hr.url", "jdbc:postgresql://h/db",
                "weft.services.hr.type-prefix", "H",
                "weft.services.hr.query-timeout", "3s",
                "weft.services.hr.pool.max-size", "4",
                "weft.services.hr.include[0]", "emp*")), new MapConfigurationPropertySource(Map.of(
                "weft.security.access", "acl.yml",
                "weft.security.anonymous-role", "viewer",
                "weft.security.jwt.jwk-set-uri", "https://idp.example/jwks",
                "weft.security.jwt.role-claim", "realm_access.roles",
                "weft.security.jwt.claims-namespace", "https://hasura.io/jwt/claims",
                "weft.security.jwt.claims-namespace-path", "$.app.claims",
                "weft.security.jwt.default-role-claim", "x-hasura-default-role")));
        WeftProperties properties = binder.bind("weft", Bindable.of(WeftProperties.class)).get();
        assertThat(properties.relationships()).isEqualTo("rel.yml");
        assertThat(properties.crossSourceMaxKeysInMemoryOrDefault()).as("the older key, read as the memory budget")
                .isEqualTo(500);
        WeftProperties renamed = new Binder(new MapConfigurationPropertySource(Map.of("weft.cross-source-max-keys", "500",
                "weft.cross-source-max-keys-in-memory", "2000000"))).bind("weft", Bindable.of(WeftProperties.class)).get();
        assertThat(renamed.crossSourceMaxKeysInMemoryOrDefault()).as("the new key wins").isEqualTo(2_000_000);
        assertThat(WeftProperties.of(null, Map.of()).crossSourceMaxKeysInMemoryOrDefault()).isEqualTo(1_000_000);
        assertThat(renamed.sourceJsonThresholdOrDefault()).as("weft.source-json-threshold's default").isEqualTo(5_000);
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("weft.source-json-threshold", "-1")))
                .bind("weft", Bindable.of(WeftProperties.class)).get().sourceJsonThresholdOrDefault()).isEqualTo(-1);
        var hr = properties.services().get("hr");
        assertThat(hr.kind()).isEqualTo("postgres");
        assertThat(hr.url()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(hr.typePrefix()).isEqualTo("H");
        assertThat(hr.queryTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(hr.pool().maxSize()).isEqualTo(4);
        assertThat(hr.include()).containsExactly("emp*");
        assertThat(properties.security().access()).isEqualTo("acl.yml");
        assertThat(properties.security().anonymousRole()).isEqualTo("viewer");
        assertThat(properties.security().jwt().jwkSetUri()).isEqualTo("https://idp.example/jwks");
        assertThat(properties.security().jwt().roleClaim()).isEqualTo("realm_access.roles");
        assertThat(properties.security().jwt().claimsNamespace()).isEqualTo("https://hasura.io/jwt/claims");
        assertThat(properties.security().jwt().claimsNamespacePath()).isEqualTo("$.app.claims");
        assertThat(properties.security().jwt().defaultRoleClaim()).isEqualTo("x-hasura-default-role");
    }
}
