package dev.weft.ops;

import dev.weft.config.BreakerSettings;
import dev.weft.execute.SourceExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per source, named after the service. Only a statement that found the
 * source unavailable ({@code SOURCE_UNAVAILABLE}: refused or lost connection, no connection within
 * {@code pool.connection-timeout}, rejected login) counts as a failure; a value the source rejects or a
 * statement cancelled at {@code query-timeout} shows a source that answers, so it counts as a success.
 *
 * <pre>{@code
 * SourceBreakers breakers = new SourceBreakers(BreakerSettings.DEFAULT);
 * SourceExecutor guarded = breakers.guard(executor);   // fails at once while 'shop' is down
 * breakers.state("shop");                              // Optional[CLOSED]
 * }</pre>
 */
public final class SourceBreakers {
    private static final Logger log = LoggerFactory.getLogger(SourceBreakers.class);

    private final BreakerSettings settings;
    private final CircuitBreakerRegistry registry;

    public SourceBreakers(BreakerSettings settings) {
        this.settings = settings;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(GuardedSourceExecutor::isUnavailable)
                .build());
    }

    /** The executor itself when breakers are off, else one that goes through the service's breaker. */
    public SourceExecutor guard(SourceExecutor executor) {
        if (!settings.enabled()) {
            return executor;
        }
        CircuitBreaker breaker = registry.circuitBreaker(executor.serviceName());
        breaker.getEventPublisher().onStateTransition(event -> log.warn("circuit breaker of source '{}': {}",
                event.getCircuitBreakerName(), event.getStateTransition()));
        return new GuardedSourceExecutor(executor, breaker);
    }

    /** The state of the service's breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), if it has one. */
    public Optional<String> state(String service) {
        return registry.find(service).map(b -> b.getState().name());
    }
}
