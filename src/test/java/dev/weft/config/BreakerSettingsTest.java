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

    @Test
    void aServiceOverridesTheGlobalSettingsKeyByKey() {
        List<ConfigProblem> problems = new ArrayList<>();
        BreakerSettings global = validator.breaker(new BreakerProperties(null, 20, 5, 80, Duration.ofSeconds(7), 2), problems);
        BreakerSettings shop = validator.breaker("weft.services.shop.breaker",
                new BreakerProperties(null, null, 1, null, Duration.ofSeconds(30), null), global, problems);
        assertThat(problems).isEmpty();
        assertThat(shop).as("minimum-calls and open-duration its own, the rest the global settings")
                .isEqualTo(new BreakerSettings(true, 20, 1, 80, Duration.ofSeconds(30), 2));
        assertThat(validator.breaker("weft.services.legacy.breaker", new BreakerProperties(false, null, null, null, null, null),
                global, problems).enabled()).isFalse();
        assertThat(validator.breaker("weft.services.x.breaker", null, BreakerSettings.OFF, problems)).isEqualTo(BreakerSettings.OFF);
    }

    @Test
    void aServicesWrongValueIsAProblemAtItsOwnKey() {
        List<ConfigProblem> problems = new ArrayList<>();
        validator.breaker("weft.services.shop.breaker", new BreakerProperties(null, 4, null, 0, null, null),
                new BreakerSettings(true, 10, 6, 50, Duration.ofSeconds(2), 1), problems);
        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder("weft.services.shop.breaker.failure-rate");
        // the inherited minimum-calls (6) is brought down to the service's smaller window (4)
        problems.clear();
        validator.breaker("weft.services.shop.breaker", new BreakerProperties(null, 4, 5, null, null, null), BreakerSettings.DEFAULT,
                problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("weft.services.shop.breaker.minimum-calls");
            assertThat(p.message()).contains("must not exceed weft.services.shop.breaker.window-size (4)");
        });
    }

    @Test
    void serviceBreakerKeysAreKnown() {
        assertThat(validator.unknownKeys(List.of("weft.services.shop.breaker.enabled", "weft.services.shop.breaker.window-size",
                "weft.services.shop.breaker.minimum-calls", "weft.services.shop.breaker.failure-rate",
                "weft.services.shop.breaker.open-duration", "weft.services.shop.breaker.half-open-calls"))).isEmpty();
        assertThat(validator.unknownKeys(List.of("weft.services.shop.breaker.open-durations"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("weft.services.<name>.breaker.{enabled, window-size, minimum-calls,"
                        + " failure-rate, open-duration, half-open-calls}"));
    }
}
