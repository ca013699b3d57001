package dev.weft.ops;

import dev.weft.dialect.WeftException;
import dev.weft.execute.SourceExecutor;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} that records every call on the {@link MeterRegistry}: the timer
 * {@code weft.source.statements} (tags {@code service}, {@code kind} = select, select_batch, distinct_keys,
 * aggregate or aggregate_batch, {@code outcome} = success or the error code in lower case) and, for batched
 * calls, the distribution {@code weft.batch.keys} of keys per call (tag {@code service}); the keys a semi-join reads
 * from this source to carry to another ({@code distinctKeys}) go to {@code weft.crosssource.keys} (tag {@code service}).
 */
final class MeteredSourceExecutor extends ForwardingSourceExecutor {
    private final MeterRegistry registry;
    private final DistributionSummary batchKeys;
    private final DistributionSummary crossSourceKeys;
    // by kind and outcome: a registry lookup builds and compares the meter's tags, once per meter, not per call
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    MeteredSourceExecutor(SourceExecutor delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = registry;
        this.batchKeys = DistributionSummary.builder("weft.batch.keys").description("keys per batched statement")
                .baseUnit("keys").tag("service", delegate.serviceName()).register(registry);
        this.crossSourceKeys = DistributionSummary.builder("weft.crosssource.keys")
                .description("keys a semi-join reads from this source to carry to another").baseUnit("keys")
                .tag("service", delegate.serviceName()).register(registry);
    }

    private Timer timer(String kind, String outcome) {
        return timers.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(outcome,
                o -> Timer.builder("weft.source.statements").description("calls of a source's executor, by kind and outcome")
                        .tags("service", delegate.serviceName(), "kind", kind, "outcome", outcome).register(registry));
    }

    @Override
    protected <T> T around(Call call, Supplier<T> body) {
        if (call.keys() >= 0) {
            batchKeys.record(call.keys());
        }
        long start = System.nanoTime();
        String outcome = "success";
        try {
            T result = body.get();
            if (call.kind().equals("distinct_keys") && result instanceof List<?> keys) {
                crossSourceKeys.record(keys.size());
            }
            return result;
        } catch (WeftException e) {
            outcome = e.code().name().toLowerCase(Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            outcome = "internal";
            throw e;
        } finally {
            timer(call.kind(), outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
