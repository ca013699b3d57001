package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft.security.*} checked together with access.yml: which file is read, and every problem
 * at once with where it was set.
 */
class SecuritySettingsTest {
    private static final String ACCESS = """
            api-keys:
              - { name: k, key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, role: analyst }
            roles:
              analyst:
                hr.employees:
            """;
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final ConfigOrigins ORIGINS = key -> "weft.yml(" + key.substring(key.lastIndexOf('.') + 1) + ")";

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredWithServicesMeansNoAccessControl() {
        SecuritySettings.Validation v = SecuritySettings.check(SecurityProperties.NONE, false, dir, ORIGINS);
        assertThat(v.problems()).isEmpty();
        assertThat(v.settings()).isEmpty();
        assertThat(SecuritySettings.check(null, false, dir, ORIGINS).settings()).isEmpty();
    }

    @Test
    void theDemoWithNothingConfiguredGetsTheDemosAccessYml() {
        SecuritySettings settings = SecuritySettings.check(SecurityProperties.NONE, true, dir, ORIGINS).settings().orElseThrow();
        assertThat(settings.demo()).isTrue();
        assertThat(settings.file()).isEqualTo("classpath:demo/access.yml");
        assertThat(settings.access().roles()).extracting(AccessSpec.RoleSpec::name).containsExactly("analyst", "manager");
        assertThat(settings.access().apiKeys()).extracting(AccessSpec.ApiKeySpec::keySha256).containsExactly(
                dev.weft.security.ApiKey.sha256Hex("demo-analyst-key"), dev.weft.security.ApiKey.sha256Hex("demo-manager-key"));
        assertThat(settings.jwt()).isNull();
        assertThat(settings.anonymousRole()).isNull();
    }

    @Test
    void theWorkingDirectorysAccessYmlIsReadEvenForTheDemo() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        for (boolean noServices : List.of(true, false)) {
            SecuritySettings settings = SecuritySettings.check(SecurityProperties.NONE, noServices, dir, ORIGINS).settings().orElseThrow();
            assertThat(settings.demo()).isFalse();
            assertThat(settings.file()).isEqualTo(dir.resolve("access.yml").toString());
        }
    }

    @Test
    void aFullValidConfiguration() throws IOException {
        Files.writeString(dir.resolve("roles.yml"), ACCESS);
        SecurityProperties p = new SecurityProperties("roles.yml", "analyst",
                new SecurityProperties.Jwt(SECRET, null, null, "[\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"]", null, null, null, null, null));
        SecuritySettings.Validation v = SecuritySettings.check(p, false, dir, ORIGINS);
        assertThat(v.problems()).isEmpty();
        SecuritySettings settings = v.settings().orElseThrow();
        assertThat(settings.anonymousRole()).isEqualTo("analyst");
        assertThat(settings.jwt().hmacSecret().value()).isEqualTo(SECRET);
        assertThat(settings.jwt().roleClaim().segments()).containsExactly("https://hasura.io/jwt/claims", "x-hasura-allowed-roles");
        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(p.toString()).doesNotContain(SECRET);
    }

    @Test
    void aClaimsNamespaceIsAKeyOrAPathNotBoth() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        SecurityProperties key = new SecurityProperties(null, null,
                new SecurityProperties.Jwt(SECRET, null, null, "x-hasura-allowed-roles", "https://hasura.io/jwt/claims", null, null, null, null));
        assertThat(SecuritySettings.check(key, false, dir, ORIGINS).settings().orElseThrow().jwt().claimsNamespace().segments())
                .containsExactly("https://hasura.io/jwt/claims");
        SecurityProperties path = new SecurityProperties(null, null,
                new SecurityProperties.Jwt(SECRET, null, null, null, null, "$.hasura['claims']", "x-hasura-default-role", null, null));
        assertThat(SecuritySettings.check(path, false, dir, ORIGINS).settings().orElseThrow().jwt().claimsNamespace().segments())
                .containsExactly("hasura", "claims");
        assertThat(SecuritySettings.check(path, false, dir, ORIGINS).settings().orElseThrow().jwt().defaultRoleClaim().segments())
                .containsExactly("x-hasura-default-role");
        SecurityProperties none = new SecurityProperties(null, null, new SecurityProperties.Jwt(SECRET, null, null, null, null, null, null, null, null));
        assertThat(SecuritySettings.check(none, false, dir, ORIGINS).settings().orElseThrow().jwt().claimsNamespace()).isNull();

        SecurityProperties both = new SecurityProperties(null, null, new SecurityProperties.Jwt(SECRET, null, null, null, "a", "b", null, null, null));
        assertThat(SecuritySettings.check(both, false, dir, ORIGINS).problems()).extracting(ConfigProblem::toString).containsExactly(
                "weft.yml(claims-namespace-path): weft.security.jwt.claims-namespace-path: set only one of"
                        + " weft.security.jwt.claims-namespace (a key) and claims-namespace-path (a path)");
        SecurityProperties bad = new SecurityProperties(null, null, new SecurityProperties.Jwt(SECRET, null, null, null, null, "a..b", null, null, null));
        assertThat(SecuritySettings.check(bad, false, dir, ORIGINS).problems()).extracting(ConfigProblem::message).containsExactly(
                "'a..b' is not a claim path: a '.' must be followed by a name (position 2)"
                        + " (e.g. $.hasura.claims, [\"https://hasura.io/jwt/claims\"])");
    }

    @Test
    void theRoleClaimDefaultsToRole() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        SecurityProperties p = new SecurityProperties(null, null, new SecurityProperties.Jwt(null, "https://idp.example/jwks", null, null, null, null, null, null, null));
        assertThat(SecuritySettings.check(p, false, dir, ORIGINS).settings().orElseThrow().jwt().roleClaim().segments())
                .containsExactly("role");
    }

    @Test
    void everyProblemAtOnceWithWhereItWasSet() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        SecurityProperties p = new SecurityProperties(null, "ghost",
                new SecurityProperties.Jwt("short", "ftp://idp.example/jwks", "https://idp.example", "a..b", null, null, null, null, null));
        List<String> problems = SecuritySettings.check(p, false, dir, ORIGINS).problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).containsExactly(
                "weft.yml(hmac-secret): weft.security.jwt.hmac-secret: must be at least 32 bytes (256 bits) long, as HS256 requires; it has 5",
                "weft.yml(jwk-set-uri): weft.security.jwt.jwk-set-uri: must be an http or https URL, was 'ftp://idp.example/jwks'",
                "weft.yml(jwk-set-uri): weft.security.jwt.jwk-set-uri: set only one of weft.security.jwt.hmac-secret, jwk-set-uri and"
                        + " issuer-uri; hmac-secret and jwk-set-uri and issuer-uri are set",
                "weft.yml(role-claim): weft.security.jwt.role-claim: 'a..b' is not a claim path: a '.' must be followed by a name"
                        + " (position 2) (e.g. role, realm_access.roles, [\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"])",
                "weft.yml(anonymous-role): weft.security.anonymous-role: role 'ghost' is not defined in " + dir.resolve("access.yml")
                        + "; its roles are [analyst]");
        assertThat(String.join("\n", problems)).doesNotContain("short");
    }

    @Test
    void aRoleClaimWithoutKeysIsAProblem() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        SecurityProperties p = new SecurityProperties(null, null, new SecurityProperties.Jwt(null, null, null, "roles", null, null, null, null, null));
        assertThat(SecuritySettings.check(p, false, dir, ORIGINS).problems()).extracting(ConfigProblem::message)
                .containsExactly("bearer-token settings need a source of token keys: set weft.security.jwt.hmac-secret, jwk-set-uri or issuer-uri");
    }

    @Test
    void securitySettingsWithoutAccessYmlAreAProblem() {
        SecurityProperties p = new SecurityProperties(null, null, new SecurityProperties.Jwt(SECRET, null, null, null, null, null, null, null, null));
        for (boolean noServices : List.of(true, false)) {
            List<ConfigProblem> problems = SecuritySettings.check(p, noServices, dir, ORIGINS).problems();
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).key()).isEqualTo("weft.security.jwt.hmac-secret");
            assertThat(problems.get(0).message()).startsWith("weft.security settings need an access.yml").contains(dir.toAbsolutePath().toString());
        }
    }

    @Test
    void anExplicitAccessFileMustExist() {
        SecurityProperties p = new SecurityProperties("missing.yml", null, null);
        assertThat(SecuritySettings.check(p, true, dir, ORIGINS).problems()).extracting(ConfigProblem::toString)
                .containsExactly("weft.yml(access): weft.security.access: the access file '" + dir.resolve("missing.yml").toAbsolutePath()
                        + "' does not exist");
    }

    @Test
    void accessYmlProblemsComeWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("access.yml"), """
                roles:
                  analyst:
                    hr.employees:
                      selct: {}
                """);
        SecurityProperties p = new SecurityProperties(null, "analyst", null);
        List<ConfigProblem> problems = SecuritySettings.check(p, false, dir, ORIGINS).problems();
        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("access.yml") + ":4: selct: unknown key; a table holds 'select', 'mask', 'insert', 'update' and 'delete'");
    }

    @Test
    void theSecretsLengthDecidesTheAcceptedHmacAlgorithms() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        for (var expected : java.util.Map.of(32, List.of("HS256"), 47, List.of("HS256"), 48, List.of("HS256", "HS384"),
                63, List.of("HS256", "HS384"), 64, List.of("HS256", "HS384", "HS512")).entrySet()) {
            SecurityProperties p = new SecurityProperties(null, null,
                    new SecurityProperties.Jwt("s".repeat(expected.getKey()), null, null, null, null, null, null, null, null));
            SecuritySettings settings = SecuritySettings.check(p, false, dir, ORIGINS).settings().orElseThrow();
            assertThat(settings.jwt().hmacAlgorithms()).as("%d bytes", expected.getKey()).isEqualTo(expected.getValue());
        }
    }

    @Test
    void issuerAndAudiencesAreReadAndChecked() throws IOException {
        Files.writeString(dir.resolve("access.yml"), ACCESS);
        SecurityProperties ok = new SecurityProperties(null, null,
                new SecurityProperties.Jwt(SECRET, null, null, null, null, null, null, " https://idp.example ", List.of("weft-api", " reports ")));
        SecuritySettings.JwtSettings jwt = SecuritySettings.check(ok, false, dir, ORIGINS).settings().orElseThrow().jwt();
        assertThat(jwt.issuer()).isEqualTo("https://idp.example");
        assertThat(jwt.audiences()).containsExactly("weft-api", "reports");

        SecurityProperties bad = new SecurityProperties(null, null,
                new SecurityProperties.Jwt(null, null, "https://idp.example/realm", null, null, null, null, "https://other.example", List.of("weft-api", " ")));
        assertThat(SecuritySettings.check(bad, false, dir, ORIGINS).problems()).extracting(ConfigProblem::toString).containsExactly(
                "weft.yml(issuer): weft.security.jwt.issuer: is 'https://other.example' but issuer-uri is 'https://idp.example/realm',"
                        + " and its tokens' iss must be the issuer-uri: leave issuer out or make them equal",
                "weft.yml(audiences): weft.security.jwt.audiences: has an empty entry; list the audiences a token may carry in aud,"
                        + " e.g. [weft-api]");
    }
}
