package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad {@code weft.cache.*} and {@code weft.rate-limits.*} values stop start-up, each with its file, line and key. */
class ScaleOutStartupIT {
    @TempDir
    Path dir;

    @Test
    void badCacheAndRateLimitSettingsAreNamedWithFileAndLine() throws Exception {
        Path yml = Files.writeString(dir.resolve("weft.yml"), """
                weft:
                  cache:
                    max-ttl: 0
                    redis-timeout: soon
                  rate-limits:
                    redis-failure: sometimes
                """);
        WeftConfigException e = dev.weft.testing.FailedStart.with(yml);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                yml + ":3: weft.cache.max-ttl: must be a whole number of seconds from 1 to 2147483647, was '0'",
                yml + ":4: weft.cache.redis-timeout: must be a positive duration such as 500ms or 2s, was 'soon'",
                yml + ":6: weft.rate-limits.redis-failure: must be open or closed, was 'sometimes'");
    }
}
