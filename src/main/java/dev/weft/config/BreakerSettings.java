package dev.weft.config;

import java.time.Duration;

/**
 * The validated circuit-breaker settings of a source (each source has its own breaker): the global ones of
 * {@code weft.breaker.*}, or those a service overrides in {@code weft.services.<name>.breaker.*}.
 * A breaker opens when at least {@code minimumCalls} of the last {@code windowSize} statements of a source
 * ran and {@code failureRate} percent or more of them found the source unavailable; while open, the
 * source's fields fail at once; after {@code openDuration} the next {@code halfOpenCalls} statements probe
 * the source and close the breaker if they succeed.
 *
 * <p>Example: the defaults open a source's breaker after 3 failed statements in a row and probe it 2 s later.
 */
public record BreakerSettings(boolean enabled, int windowSize, int minimumCalls, int failureRate, Duration openDuration,
                              int halfOpenCalls) {
    public static final BreakerSettings DEFAULT = new BreakerSettings(true, 10, 3, 50, Duration.ofSeconds(2), 1);
    /** No breaker: every statement goes to the source. */
    public static final BreakerSettings OFF = new BreakerSettings(false, 10, 3, 50, Duration.ofSeconds(2), 1);
}
