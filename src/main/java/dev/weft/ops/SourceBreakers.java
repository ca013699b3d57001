package dev.weft.ops;

import dev.weft.config.BreakerSettings;
import dev.weft.execute.SourceExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
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
 * SourceBreakers breakers = new SourceBreakers(BreakerSettings.DEFAULT, Map.of("legacy", BreakerSettings.OFF));
 * SourceExecutor guarded = breakers.guard(executor);   // fails at once while 'shop' is down
 * breakers.state("shop");                              // Optional[CLOSED]
 * }</pre>
 */
public final class SourceBreakers {
    private static final Logger log = LoggerFactory.getLogger(SourceBreakers.class);

    private final BreakerSettings settings;
    private final Map<String, BreakerSettings> services;
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

    public SourceBreakers(BreakerSettings settings) {
        this(settings, Map.of());
    }

    /** @param services the settings of the services that have their own ({@code weft.services.<name>.breaker.*}), by name */
    public SourceBreakers(BreakerSettings settings, Map<String, BreakerSettings> services) {
        this.settings = settings;
        this.services = Map.copyOf(services);
    }

    /** The settings of the service's breaker: its own, else the global ones. */
    public BreakerSettings settings(String service) {
        return services.getOrDefault(service, settings);
    }

    /** The executor itself when the service's breaker is off, else one that goes through the service's breaker. */
    public SourceExecutor guard(SourceExecutor executor) {
        BreakerSettings own = settings(executor.serviceName());
        if (!own.enabled()) {
            return executor;
        }
        CircuitBreaker breaker = registry.circuitBreaker(executor.serviceName(), config(own));
        breaker.getEventPublisher().onStateTransition(event -> log.warn("circuit breaker of source '{}': {}",
                event.getCircuitBreakerName(), event.getStateTransition()));
        return new GuardedSourceExecutor(executor, breaker);
    }

    private static CircuitBreakerConfig config(BreakerSettings settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(GuardedSourceExecutor::isUnavailable)
                .build();
    }

    /** The state of the service's breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), if it has one. */
    public Optional<String> state(String service) {
        return registry.find(service).map(b -> b.getState().name());
    }
}
