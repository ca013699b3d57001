package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code weft.source-json-threshold}: -1 (never), 0 (always) or a size; anything lower is a configuration problem. */
class SourceJsonThresholdTest {

    private static ConfigValidator.Validation check(Integer threshold) {
        return new ConfigValidator(ConfigOrigins.NONE).check(new WeftProperties(null, Map.of(), null, null, null, null, null,
                null, threshold));
    }

    @Test
    void minusOneZeroAndSizesAreTakenAndLowerIsAProblemNamingTheKey() {
        assertThat(check(null).problems()).isEmpty();
        assertThat(check(-1).problems()).isEmpty();
        assertThat(check(0).problems()).isEmpty();
        assertThat(check(20_000).problems()).isEmpty();
        assertThat(check(-2).problems()).extracting(ConfigProblem::toString)
                .containsExactly("weft.source-json-threshold: must be -1 (never), 0 (always) or a number of rows, was -2");
    }
}
