package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The syntax of {@code weft.security.jwt.role-claim} and where it leads in a token's claims. */
class ClaimPathTest {

    @Test
    void parsesNamesDotsBracketsAndADollar() {
        assertThat(ClaimPath.parse("role").segments()).containsExactly("role");
        assertThat(ClaimPath.parse("realm_access.roles").segments()).containsExactly("realm_access", "roles");
        assertThat(ClaimPath.parse("[\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"]").segments())
                .containsExactly("https://hasura.io/jwt/claims", "x-hasura-allowed-roles");
        assertThat(ClaimPath.parse("$.app['my.roles']").segments()).containsExactly("app", "my.roles");
        assertThat(ClaimPath.parse("$['a'].b[\"c d\"]").segments()).containsExactly("a", "b", "c d");
        assertThat(ClaimPath.parse("x-roles").segments()).containsExactly("x-roles");
    }

    @Test
    void refusesWhatIsNotAPathSayingWhere() {
        assertThatThrownBy(() -> ClaimPath.parse("")).hasMessageContaining("names no claim");
        assertThatThrownBy(() -> ClaimPath.parse("a..b")).hasMessageContaining("'.' must be followed by a name");
        assertThatThrownBy(() -> ClaimPath.parse("a.")).hasMessageContaining("'.' must be followed by a name");
        assertThatThrownBy(() -> ClaimPath.parse(".a")).hasMessageContaining("unexpected '.' at position 1");
        assertThatThrownBy(() -> ClaimPath.parse("[abc]")).hasMessageContaining("must hold a quoted key");
        assertThatThrownBy(() -> ClaimPath.parse("[\"abc]")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ClaimPath.parse("[\"abc\"")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> ClaimPath.parse("[\"\"]")).hasMessageContaining("empty key");
        assertThatThrownBy(() -> ClaimPath.parse("a b")).hasMessageContaining("unexpected ' ' at position 2");
        assertThatThrownBy(() -> ClaimPath.parse("$")).hasMessageContaining("'$' must be followed");
        assertThatThrownBy(() -> ClaimPath.parse("a.[\"b\"]")).hasMessageContaining("'.' must be followed by a name");
    }

    @Test
    void findsOneRoleOrSeveral() {
        Map<String, Object> claims = Map.of("role", "analyst",
                "https://hasura.io/jwt/claims", Map.of("x-hasura-allowed-roles", List.of("a", "b", 3)),
                "realm_access", Map.of("roles", List.of("x")));
        assertThat(ClaimPath.parse("role").values(claims)).containsExactly("analyst");
        assertThat(ClaimPath.parse("[\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"]").values(claims))
                .containsExactly("a", "b");
        assertThat(ClaimPath.parse("realm_access.roles").values(claims)).containsExactly("x");
        assertThat(ClaimPath.parse("realm_access.nothing").values(claims)).isEmpty();
        assertThat(ClaimPath.parse("role.deeper").values(claims)).isEmpty();
        assertThat(ClaimPath.parse("realm_access").values(claims)).isEmpty();
    }

    @Test
    void hasuraNamesMatchInAnyCaseOthersExactly() {
        Map<String, Object> claims = Map.of("x-hasura-tenant-id", "7", "tenant", "t1",
                "ns", Map.of("X-Hasura-Allowed-Roles", List.of("user")));
        assertThat(ClaimPath.lookup(claims, "x-hasura-tenant-id")).isEqualTo("7");
        assertThat(ClaimPath.lookup(claims, "X-Hasura-Tenant-Id")).isEqualTo("7");
        assertThat(ClaimPath.lookup(claims, "X-HASURA-TENANT-ID")).isEqualTo("7");
        assertThat(ClaimPath.lookup(claims, "Tenant")).isNull();
        assertThat(ClaimPath.parse("ns.x-hasura-allowed-roles").values(claims)).containsExactly("user");
        // two keys that differ only in case: ambiguous, so none
        assertThat(ClaimPath.lookup(Map.of("x-hasura-org", "a", "X-Hasura-Org", "b"), "x-Hasura-org")).isNull();
        assertThat(ClaimPath.lookup(Map.of("x-hasura-org", "a", "X-Hasura-Org", "b"), "X-Hasura-Org")).isEqualTo("b");
    }

    @Test
    void aKeyIsAPathOfOneSegmentWhateverItHolds() {
        ClaimPath namespace = ClaimPath.key("https://hasura.io/jwt/claims");
        assertThat(namespace.segments()).containsExactly("https://hasura.io/jwt/claims");
        assertThat(namespace.find(Map.of("https://hasura.io/jwt/claims", Map.of("a", 1)))).isEqualTo(Map.of("a", 1));
        assertThat(namespace.find(Map.of("other", 1))).isNull();
    }
}
