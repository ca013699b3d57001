package dev.weft.config;

import java.time.Duration;

/**
 * The raw {@code weft.breaker.*} settings (or a service's own {@code weft.services.<name>.breaker.*}) as bound from
 * Spring's environment; every field may be null. {@link ConfigValidator#breaker} checks them and applies the defaults
 * of {@link BreakerSettings} (for a service, the global settings).
 *
 * <pre>{@code
 * weft:
 *   breaker: { enabled: true, window-size: 10, minimum-calls: 3, failure-rate: 50, open-duration: 2s, half-open-calls: 1 }
 *   services:
 *     shop: { kind: postgres, url: ..., breaker: { open-duration: 10s } }
 * }</pre>
 */
public record BreakerProperties(Boolean enabled, Integer windowSize, Integer minimumCalls, Integer failureRate,
                                Duration openDuration, Integer halfOpenCalls) {
    public static final BreakerProperties NONE = new BreakerProperties(null, null, null, null, null, null);

    /** What {@code weft.services.<name>} holds for its breaker: {@code breaker}, null where it sets none. */
    public record OfService(BreakerProperties breaker) {
    }
}
