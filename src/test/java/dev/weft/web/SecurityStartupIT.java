package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigProblem;
import dev.weft.config.ConfigValidator;
import dev.weft.config.WeftConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up with bad security settings: problems of {@code weft.security.*} and access.yml come with
 * those of the services in one message, each with its file and line; access.yml's tables are checked
 * against the catalog once the sources are read.
 */
class SecurityStartupIT {

    @TempDir
    Path dir;

    @Test
    void securityProblemsComeWithTheOthersInOneMessage() throws IOException {
        Path access = write("access.yml", SecurityTesting.ACCESS_YML);
        Path yml = write("weft.yml", """
                weft:
                  services:
                    hr:
                      kind: oracle
                      url: jdbc:oracle:thin:@//127.0.0.1:1521/x
                  security:
                    access: %s
                    anonymous-role: ghost
                    jwt:
                      hmac-secret: too-short
                      jwk-set-uri: http://127.0.0.1:9/jwks
                      rolle-claim: role
                """.formatted(access));
        WeftConfigException failure = startFails(yml);
        System.out.println("[SecurityStartupIT] " + failure.getMessage());
        assertThat(failure.problems()).hasSize(5);
        assertProblem(failure, "weft.services.hr.kind", "weft.yml:4", "unknown kind 'oracle'");
        assertProblem(failure, "weft.security.jwt.rolle-claim", "weft.yml:12",
                "unknown key; known keys are weft.security.{access, anonymous-role, jwt.hmac-secret");
        assertProblem(failure, "weft.security.jwt.hmac-secret", "weft.yml:10", "must be at least 32 bytes");
        assertProblem(failure, "weft.security.jwt.jwk-set-uri", "weft.yml:11", "set only one of");
        assertProblem(failure, "weft.security.anonymous-role", "weft.yml:8", "role 'ghost' is not defined in " + access);
        assertThat(failure.getMessage()).doesNotContain("too-short");
    }

    @Test
    void tablesOfAccessYmlAreCheckedAgainstTheCatalog() throws IOException {
        Path access = write("access.yml", """
                roles:
                  analyst:
                    hr.employees:
                      select: { columns: [emp_no, nope] }
                    hr.nosuchtable:
                """);
        Path yml = write("weft.yml", "weft:\n  security:\n    access: " + access + "\n");
        WeftConfigException failure = startFails(yml);
        assertThat(failure.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                access + ":4: roles.analyst.hr.employees.select.columns: no column 'nope' in hr.public.employees",
                access + ":5: roles.analyst.hr.nosuchtable: no table or view 'nosuchtable' in service 'hr'");
    }

    @Test
    void securitySettingsWithoutAnAccessYmlStopStartUp() throws IOException {
        Path yml = write("weft.yml", "weft:\n  security:\n    anonymous-role: viewer\n");
        WeftConfigException failure = startFails(yml);
        assertThat(failure.problems()).hasSize(1);
        assertProblem(failure, "weft.security.anonymous-role", "weft.yml:3", "weft.security settings need an access.yml");
    }

    private static void assertProblem(WeftConfigException failure, String key, String location, String what) {
        List<ConfigProblem> found = failure.problems().stream().filter(p -> key.equals(p.key())).toList();
        assertThat(found).as("problems with key %s in %s", key, failure.getMessage()).hasSize(1);
        assertThat(found.get(0).message()).contains(what);
        assertThat(found.get(0).location()).as("location of %s", key).endsWith(location);
    }

    private static WeftConfigException startFails(Path yml) {
        return dev.weft.testing.FailedStart.with(yml);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
