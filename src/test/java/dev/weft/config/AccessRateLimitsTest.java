package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code requests-per-minute} and {@code requests-per-second} under {@code limits} of a role and of an API key. */
class AccessRateLimitsTest {

    @Test
    void readsTheRatesOfRolesAndApiKeysWithTheirLines() {
        AccessSpec spec = AccessFile.parse("access.yml", """
                api-keys:
                  - { name: reporting, key-sha256: %s, role: analyst, limits: { requests-per-second: 5 } }
                roles:
                  analyst:
                    limits: { max-depth: 6, requests-per-minute: 600, requests-per-second: 20 }
                    hr.employees:
                """.formatted("a".repeat(64)));
        assertThat(spec.rateLimits()).containsExactlyInAnyOrder(
                new AccessSpec.RateLimitSpec("role", "analyst", "access.yml:5", 600, 20),
                new AccessSpec.RateLimitSpec("api-key", "reporting", "access.yml:2", null, 5));
        assertThat(spec.roles().get(0).maxDepth()).isEqualTo(6);
    }

    @Test
    void reportsBadRatesWithFileLineAndKey() {
        assertThatThrownBy(() -> AccessFile.parse("access.yml", """
                api-keys:
                  - { name: reporting, key-sha256: %s, role: analyst, limits: { requests-per-hour: 5 } }
                roles:
                  analyst:
                    limits:
                      requests-per-minute: 0
                    hr.employees:
                """.formatted("a".repeat(64))))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(((WeftConfigException) e).problems().stream().map(ConfigProblem::toString).toList())
                        .as(List.class.getSimpleName()).anySatisfy(p -> assertThat(p).contains("access.yml:2", "requests-per-hour"))
                        .anySatisfy(p -> assertThat(p).contains("access.yml:6", "requests-per-minute", "at least 1")));
    }
}
