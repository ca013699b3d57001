package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ClaimPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of a token's claims are the caller's, with and without a namespace. */
class TokenClaimsTest {
    private static final String NAMESPACE = "https://hasura.io/jwt/claims";
    private static final Map<String, Object> TOKEN = Map.of("sub", "u7", "iss", "https://idp.example", "exp", 1_900_000_000L,
            "tenant_id", "top-level", "role", "admin",
            NAMESPACE, Map.of("x-hasura-allowed-roles", List.of("user", "ghost", "editor"), "x-hasura-default-role", "user",
                    "x-hasura-tenant-id", "3", "sub", "namespaced-sub"));

    @Test
    void withoutANamespaceTheTopLevelClaimsAreTheCallers() {
        TokenClaims read = new TokenClaims(ClaimPath.parse("role"), null);
        assertThat(read.claims(TOKEN)).isEqualTo(TOKEN);
        assertThat(read.roles(read.claims(TOKEN), Set.of("admin", "user"))).containsExactly("admin");
    }

    @Test
    void withANamespaceItsClaimsAreTheCallersBesideTheRegisteredOnes() {
        TokenClaims read = new TokenClaims(ClaimPath.parse("X-Hasura-Allowed-Roles"), ClaimPath.key(NAMESPACE));
        Map<String, Object> claims = read.claims(TOKEN);
        assertThat(claims).containsEntry("x-hasura-tenant-id", "3")
                .containsEntry("sub", "namespaced-sub")            // the namespace wins over a registered claim of the same name
                .containsEntry("iss", "https://idp.example").containsEntry("exp", 1_900_000_000L)
                .doesNotContainKeys("tenant_id", "role", NAMESPACE); // other top-level claims are out of reach
        assertThat(read.roles(claims, Set.of("user", "editor", "admin"))).containsExactly("user", "editor");
    }

    @Test
    void aDefaultRoleClaimPutsItsRoleFirstAndMustBeAmongTheRoles() {
        TokenClaims read = new TokenClaims(ClaimPath.parse("x-hasura-allowed-roles"), ClaimPath.key(NAMESPACE),
                ClaimPath.parse("x-hasura-default-role"));
        Map<String, Object> token = Map.of(NAMESPACE, Map.of("x-hasura-allowed-roles", List.of("admin", "user"),
                "x-hasura-default-role", "user"));
        assertThat(read.roles(read.claims(token), Set.of("admin", "user"))).containsExactly("user", "admin");
        Map<String, Object> outside = Map.of(NAMESPACE, Map.of("x-hasura-allowed-roles", List.of("user"),
                "x-hasura-default-role", "admin"));
        assertThat(read.roles(read.claims(outside), Set.of("admin", "user"))).isEmpty();
        Map<String, Object> none = Map.of(NAMESPACE, Map.of("x-hasura-allowed-roles", List.of("admin", "user")));
        assertThat(read.roles(read.claims(none), Set.of("admin", "user"))).isEmpty();
    }

    @Test
    void aPathNamespaceAndATokenWithoutIt() {
        TokenClaims read = new TokenClaims(ClaimPath.parse("roles"), ClaimPath.parse("$.app.claims"));
        Map<String, Object> token = Map.of("sub", "u1", "app", Map.of("claims", Map.of("roles", "viewer", "org", 4)));
        assertThat(read.claims(token)).isEqualTo(Map.of("roles", "viewer", "org", 4, "sub", "u1"));
        assertThat(read.roles(read.claims(token), Set.of("viewer"))).containsExactly("viewer");
        Map<String, Object> without = read.claims(Map.of("sub", "u1", "roles", "viewer"));
        assertThat(without).isEqualTo(Map.of("sub", "u1"));
        assertThat(read.roles(without, Set.of("viewer"))).isEmpty();
    }

    @Test
    void hasuraNamesInFiltersMatchInAnyCase() {
        Caller caller = new Caller("user", Map.of("x-hasura-tenant-id", "3", "tenant", "t1"));
        assertThat(caller.claim("X-Hasura-Tenant-Id")).contains("3");
        assertThat(caller.claim("x-hasura-tenant-id")).contains("3");
        assertThat(caller.claim("Tenant")).isEmpty();
        assertThat(caller.claim("tenant")).contains("t1");
    }
}
