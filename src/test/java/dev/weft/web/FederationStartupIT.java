package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * federation.yml as Spring starts Weft (the embedded demo, {@code weft.federation.file} in weft.yml): its form
 * problems and the problems found against the catalog stop start-up, each with the file and line; a file that
 * does not exist is named.
 */
class FederationStartupIT {
    @TempDir
    Path dir;

    @Test
    void problemsOfFederationYmlStopStartUpWithFileAndLine() throws IOException {
        Path federation = write("federation.yml", """
                types:
                  hr.employees:
                    shareable: maybe
                """);
        WeftConfigException form = dev.weft.testing.FailedStart.with(weft(federation));
        assertThat(form.problems()).extracting(ConfigProblem::toString)
                .containsExactly(federation + ":3: types.hr.employees.shareable: expected true or false");

        write("federation.yml", """
                types:
                  hr.employees:
                    name: Employee
                  hr.nope: {}
                """);
        WeftConfigException catalog = dev.weft.testing.FailedStart.with(weft(federation));
        assertThat(catalog.problems()).extracting(ConfigProblem::toString)
                .containsExactly(federation + ":4: types.hr.nope: no table or view 'nope' in service 'hr'");
    }

    @Test
    void aConfiguredFileThatDoesNotExistIsNamed() throws IOException {
        WeftConfigException missing = dev.weft.testing.FailedStart.with(weft(dir.resolve("nowhere.yml")));
        assertThat(missing.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("weft.federation.file");
            assertThat(p.message()).contains("nowhere.yml", "does not exist");
        });
    }

    private Path weft(Path federation) throws IOException {
        return write("weft.yml", "weft:\n  federation:\n    file: " + federation + "\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
