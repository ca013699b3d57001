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

    @Test
    void aNewConfigurationKeepsUnchangedBucketsAndStartsChangedOnesAnew() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimitSpec("role", "analyst", "access.yml:3", 3, null),
                new RateLimitSpec("role", "steady", "access.yml:5", 2, null)), null, "x:", Duration.ofMillis(100), true, null);
        assertThat(limiter.admit("analyst", null).admitted()).isTrue();
        assertThat(limiter.admit("steady", null).admitted()).isTrue();
        limiter.configure(List.of(new RateLimitSpec("role", "analyst", "access.yml:3", 1, null),
                new RateLimitSpec("role", "steady", "access.yml:5", 2, null)));
        assertThat(limiter.admit("analyst", null).admitted()).as("a fresh bucket of 1").isTrue();
        assertThat(limiter.admit("analyst", null).admitted()).isFalse();
        assertThat(limiter.admit("steady", null).admitted()).as("its second of 2").isTrue();
        assertThat(limiter.admit("steady", null).admitted()).as("the count before the change holds").isFalse();
        limiter.configure(List.of());
        assertThat(limiter.admit("analyst", null).admitted()).as("a removed rate no longer limits").isTrue();
        assertThat(limiter.admit("steady", null).admitted()).isTrue();
    }
}
