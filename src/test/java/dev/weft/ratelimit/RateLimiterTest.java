package dev.weft.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessSpec.RateLimitSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-instance limiter (no Redis): a role's and an API key's rates, each refusing with a time to retry. */
class RateLimiterTest {

    @Test
    void aRoleGetsItsRatePerMinuteThenWaits() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitSpec("role", "analyst", "access.yml:3", 3, null)), null,
                "x:", Duration.ofMillis(100), true, null);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("analyst", null).admitted()).isTrue();
        }
        RateLimiter.Decision refused = limiter.admit("analyst", "any");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(refused.message()).contains("role 'analyst'");
        assertThat(limiter.admit("other", null).admitted()).isTrue(); // a role without a rate
    }

    @Test
    void anApiKeyHasItsOwnRateBesideItsRoles() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitSpec("role", "analyst", "access.yml:3", 100, null),
                new RateLimitSpec("api-key", "reporting", "access.yml:9", null, 2)), null, "x:", Duration.ofMillis(100), true, null);
        assertThat(limiter.admit("analyst", "reporting").admitted()).isTrue();
        assertThat(limiter.admit("analyst", "reporting").admitted()).isTrue();
        RateLimiter.Decision refused = limiter.admit("analyst", "reporting");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.message()).contains("api-key 'reporting'");
        assertThat(limiter.admit("analyst", "another-key").admitted()).isTrue();
    }
}
