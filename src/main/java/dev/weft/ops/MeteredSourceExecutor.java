package dev.weft.ops;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} that records every call on the {@link MeterRegistry}: the timer
 * {@code weft.source.statements} (tags {@code service}, {@code kind} = select, select_batch, distinct_keys,
 * aggregate or aggregate_batch, {@code outcome} = success or the error code in lower case) and, for batched
 * calls, the distribution {@code weft.batch.keys} of keys per call (tag {@code service}); the keys a semi-join reads
 * from this source to carry to another ({@code distinctKeys}) go to {@code weft.crosssource.keys} (tag {@code service}).
 */
final class MeteredSourceExecutor implements SourceExecutor {
    private final SourceExecutor delegate;
    private final MeterRegistry registry;
    private final DistributionSummary batchKeys;
    private final DistributionSummary crossSourceKeys;

    MeteredSourceExecutor(SourceExecutor delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.batchKeys = DistributionSummary.builder("weft.batch.keys").description("keys per batched statement")
                .baseUnit("keys").tag("service", delegate.serviceName()).register(registry);
        this.crossSourceKeys = DistributionSummary.builder("weft.crosssource.keys")
                .description("keys a semi-join reads from this source to carry to another").baseUnit("keys")
                .tag("service", delegate.serviceName()).register(registry);
    }

    private <T> T timed(String kind, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            return call.get();
        } catch (WeftException e) {
            outcome = e.code().name().toLowerCase(Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            outcome = "internal";
            throw e;
        } finally {
            Timer.builder("weft.source.statements").description("calls of a source's executor, by kind and outcome")
                    .tags("service", delegate.serviceName(), "kind", kind, "outcome", outcome).register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public List<Row> select(Select select) {
        return timed("select", () -> delegate.select(select));
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        batchKeys.record(batch.keys().size());
        return timed("select_batch", () -> delegate.selectBatch(select, batch));
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
        List<List<Object>> keys = timed("distinct_keys", () -> delegate.distinctKeys(table, columns, where, limit));
        crossSourceKeys.record(keys.size());
        return keys;
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        return timed("aggregate", () -> delegate.aggregate(select, aggregates));
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        batchKeys.record(batch.keys().size());
        return timed("aggregate_batch", () -> delegate.aggregateBatch(select, batch, aggregates));
    }

    @Override
    public boolean supportsJoins() {
        return delegate.supportsJoins();
    }

    @Override
    public int maxBindParameters() {
        return delegate.maxBindParameters();
    }

    @Override
    public boolean isHealthy() {
        return delegate.isHealthy();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
