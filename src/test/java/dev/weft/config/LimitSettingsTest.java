package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    @Test
    void weftLimitsOverrideTheDefaultsKeyByKey() {
        List<ConfigProblem> problems = new ArrayList<>();
        LimitSettings limits = new LimitsProperties(40, null, 500, "8MB", Duration.ofSeconds(5))
                .resolve(ConfigOrigins.NONE, problems);
        assertThat(problems).isEmpty();
        assertThat(limits).isEqualTo(new LimitSettings(40, LimitSettings.DEFAULTS.maxFields(), 500, 8L * 1024 * 1024,
                Duration.ofSeconds(5)));
        assertThat(new LimitsProperties(null, null, null, null, null).resolve(ConfigOrigins.NONE, problems))
                .isEqualTo(LimitSettings.DEFAULTS);
    }

    @Test
    void badValuesAreProblemsWithTheirKeyAndOrigin() {
        List<ConfigProblem> problems = new ArrayList<>();
        LimitSettings limits = new LimitsProperties(0, -1, null, "lots", Duration.ZERO)
                .resolve(key -> "weft.yml:" + key.length(), problems);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "weft.yml:21: weft.limits.max-depth: must be at least 1, was 0",
                "weft.yml:22: weft.limits.max-fields: must be at least 1, was -1",
                "weft.yml:30: weft.limits.max-response-bytes: must be a size such as 16MB, 512KB or 1048576 (bytes), was 'lots'",
                "weft.yml:27: weft.limits.request-timeout: must be a positive duration such as 30s, was 0s");
        assertThat(limits).as("the defaults stand for the bad values").isEqualTo(LimitSettings.DEFAULTS);
    }

    @Test
    void sizesAndDurationsAsWritten() {
        assertThat(LimitSettings.bytes("16MB")).isEqualTo(16L * 1024 * 1024);
        assertThat(LimitSettings.bytes("512 kb")).isEqualTo(512L * 1024);
        assertThat(LimitSettings.bytes("1048576")).isEqualTo(1_048_576L);
        assertThat(LimitSettings.bytes("1GB")).isEqualTo(1L << 30);
        assertThat(LimitSettings.bytes("16 MiB")).isNull();
        assertThat(LimitSettings.bytes("-5")).isNull();
        assertThat(LimitSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(LimitSettings.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(LimitSettings.duration("10")).isNull();
    }

    @Test
    void theLimitKeysAreKnownAndATypoIsNot() {
        ConfigValidator validator = new ConfigValidator(ConfigOrigins.NONE);
        assertThat(validator.unknownKeys(List.of("weft.limits.max-depth", "weft.limits.max-fields", "weft.limits.max-rows",
                "weft.limits.max-response-bytes", "weft.limits.request-timeout"))).isEmpty();
        assertThat(validator.unknownKeys(List.of("weft.limits.max-row"))).extracting(ConfigProblem::toString).containsExactly(
                "weft.limits.max-row: unknown key; known keys are weft.limits.{max-depth, max-fields, max-rows,"
                        + " max-response-bytes, request-timeout}");
    }

    @Test
    void aRoleLowersOrRaisesTheLimitsInAccessYml() {
        AccessSpec spec = AccessFile.parse("access.yml", """
                roles:
                  reporting:
                    limits: { max-depth: 40, max-rows: 50000, max-response-bytes: 64MB, request-timeout: 2m, max-limit: 10 }
                """);
        AccessSpec.RoleSpec role = spec.roles().get(0);
        assertThat(role.maxLimit()).isEqualTo(10);
        assertThat(LimitSettings.DEFAULTS.with(role.limits())).isEqualTo(new LimitSettings(40,
                LimitSettings.DEFAULTS.maxFields(), 50_000, 64L * 1024 * 1024, Duration.ofMinutes(2)));
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                roles:
                  reporting:
                    limits: { max-response-bytes: huge, request-timeout: 0s, max-rows: 0 }
                """)).isInstanceOf(WeftConfigException.class).extracting(e -> ((WeftConfigException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).extracting(Object::toString).containsExactly(
                        "access.yml:3: max-response-bytes: must be a size such as 16MB, 512KB or 1048576 (bytes)",
                        "access.yml:3: request-timeout: must be a positive duration such as 500ms, 10s or 2m",
                        "access.yml:3: max-rows: must be a whole number of at least 1");
    }
}
