package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerSettingsTest {
    private final ConfigValidator validator = new ConfigValidator(ConfigOrigins.NONE);

    @Test
    void noSettingsGiveTheDefaults() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertThat(validator.breaker(null, problems)).isEqualTo(BreakerSettings.DEFAULT);
        assertThat(problems).isEmpty();
    }

    @Test
    void givenSettingsAreKept() {
        List<ConfigProblem> problems = new ArrayList<>();
        BreakerSettings settings = validator.breaker(new BreakerProperties(false, 20, 5, 80, Duration.ofSeconds(7), 2), problems);
        assertThat(settings).isEqualTo(new BreakerSettings(false, 20, 5, 80, Duration.ofSeconds(7), 2));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyWrongValueIsAProblemAtItsKey() {
        List<ConfigProblem> problems = new ArrayList<>();
        validator.breaker(new BreakerProperties(null, 4, 6, 150, Duration.ZERO, 0), problems);
        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder("weft.breaker.minimum-calls",
                "weft.breaker.failure-rate", "weft.breaker.open-duration", "weft.breaker.half-open-calls");
        assertThat(problems).extracting(ConfigProblem::message).anyMatch(m -> m.contains("must not exceed weft.breaker.window-size (4)"));
    }

    @Test
    void breakerKeysAreKnownAndATypoIsNot() {
        assertThat(validator.unknownKeys(List.of("weft.breaker.open-duration", "weft.breaker.enabled",
                "weft.breaker.failure-rate", "weft.breaker.window-size", "weft.breaker.minimum-calls",
                "weft.breaker.half-open-calls"))).isEmpty();
        assertThat(validator.unknownKeys(List.of("weft.breaker.open-durations"))).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("weft.breaker.open-durations");
            assertThat(p.message()).contains("weft.breaker.{enabled, window-size, minimum-calls, failure-rate, open-duration,");
        });
    }
}
