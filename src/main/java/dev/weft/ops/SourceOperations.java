package dev.weft.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.weft.execute.SourceExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;

/**
 * What the runtime adds to every source for operators: its circuit breaker ({@link SourceBreakers}) and, when a
 * {@link MeterRegistry} is given, its meters ({@code weft.source.statements}, {@code weft.batch.keys}) and
 * HikariCP's pool meters ({@code hikaricp.connections.*}, tag {@code pool} = {@code weft-<service>}).
 *
 * <pre>{@code
 * SourceOperations ops = new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), meterRegistry);
 * SourceExecutor executor = ops.wrap(jdbcExecutor);   // metered, then through the breaker
 * ops.pool(hikariPool);                               // pool meters on the registry
 * }</pre>
 */
public final class SourceOperations {
    private final SourceBreakers breakers;
    private final MeterRegistry registry;
    private final boolean logStatements;
    private final RequestTracing tracing;

    /** @param registry where the meters go; null for none */
    public SourceOperations(SourceBreakers breakers, MeterRegistry registry) {
        this(breakers, registry, false);
    }

    /** @param logStatements whether each call of a source is logged on {@code weft.statements} ({@code weft.log.statements}) */
    public SourceOperations(SourceBreakers breakers, MeterRegistry registry, boolean logStatements) {
        this(breakers, registry, logStatements, RequestTracing.NONE);
    }

    /** @param tracing the request observation and, when tracing is configured, a span per call of a source */
    public SourceOperations(SourceBreakers breakers, MeterRegistry registry, boolean logStatements, RequestTracing tracing) {
        this.breakers = breakers;
        this.registry = registry;
        this.logStatements = logStatements;
        this.tracing = tracing;
    }

    public RequestTracing tracing() {
        return tracing;
    }

    public SourceBreakers breakers() {
        return breakers;
    }

    /**
     * The executor behind its breaker, metered and traced outside it (a call the open breaker refuses is counted
     * and has its span too), and logged inside it when statements are logged (a call that reaches the source).
     */
    public SourceExecutor wrap(SourceExecutor executor) {
        SourceExecutor guarded = tracing.wrap(breakers.guard(logStatements ? new LoggedSourceExecutor(executor) : executor));
        return registry == null ? guarded : new MeteredSourceExecutor(guarded, registry);
    }

    /**
     * Binds a running HikariCP pool's meters again, after a pool of the same name was closed (a reload replaced a
     * service's pool): the pools share their meters' names and tags, so the old pool's closing removed them.
     */
    public static void bindPoolAgain(DataSource pool, MeterRegistry registry) {
        if (registry != null && pool instanceof HikariDataSource hikari
                && hikari.getHikariPoolMXBean() instanceof com.zaxxer.hikari.pool.HikariPool running) {
            running.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /** Binds a HikariCP pool's meters to the registry; anything else is left alone. */
    public void pool(DataSource pool) {
        if (registry != null && pool instanceof HikariDataSource hikari && hikari.getMetricsTrackerFactory() == null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }
}
