package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftConfigException;
import dev.weft.testing.FailedStart;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad {@code weft.limits} values stop start-up with file, line and key, like every configuration problem. */
class LimitsStartupIT {

    @Test
    void badLimitsAreStartUpProblemsWithFileAndLine(@TempDir Path dir) throws Exception {
        Path yml = Files.writeString(dir.resolve("weft.yml"), """
                weft:
                  limits:
                    max-rows: 0
                    max-response-bytes: huge
                    request-timeout: 0s
                """);
        WeftConfigException failure = FailedStart.with(yml);
        assertThat(failure.problems()).extracting(Object::toString).contains(
                yml + ":3: weft.limits.max-rows: must be at least 1, was 0",
                yml + ":4: weft.limits.max-response-bytes: must be a size such as 16MB, 512KB or 1048576 (bytes), was 'huge'",
                yml + ":5: weft.limits.request-timeout: must be a positive duration such as 30s, was 0s");
    }
}
