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
}
