package dev.weft.ops;

import dev.weft.catalog.TableRef;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} that hands every call to {@code delegate} through {@link #around}, where a subclass
 * adds what it is for (a circuit breaker, meters, a log line); health, limits and closing go straight through.
 */
abstract class ForwardingSourceExecutor implements SourceExecutor {
    protected final SourceExecutor delegate;

    ForwardingSourceExecutor(SourceExecutor delegate) {
        this.delegate = delegate;
    }

    /**
     * One call of the source.
     *
     * @param kind  select, select_batch, distinct_keys, aggregate or aggregate_batch
     * @param keys  the keys of a batched call, -1 for others
     */
    record Call(String kind, TableRef table, int keys) {
    }

    /** Runs {@code body} (the delegate's call) and returns its result. */
    protected abstract <T> T around(Call call, Supplier<T> body);

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public List<Row> select(Select select) {
        return around(new Call("select", select.table(), -1), () -> delegate.select(select));
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        return around(new Call("select_batch", select.table(), batch.keys().size()), () -> delegate.selectBatch(select, batch));
    }

    @Override
    public long estimatedRows(TableRef table) {
        return delegate.estimatedRows(table);
    }

    @Override
    public boolean buildsJson(Select select, List<String> keyColumns, List<String> valueColumns) {
        return delegate.buildsJson(select, keyColumns, valueColumns);
    }

    @Override
    public java.util.Optional<JsonRows> selectJson(Select select, List<String> valueColumns) {
        if (!delegate.buildsJson(select, List.of(), valueColumns)) {
            return java.util.Optional.empty(); // no call of the source: not counted, traced or seen by its breaker
        }
        return around(new Call("select", select.table(), -1), () -> delegate.selectJson(select, valueColumns));
    }

    @Override
    public java.util.Optional<List<JsonRows>> selectBatchJson(Select select, KeyBatch batch, List<String> valueColumns) {
        if (!delegate.buildsJson(select, batch.keyColumns(), valueColumns)) {
            return java.util.Optional.empty();
        }
        return around(new Call("select_batch", select.table(), batch.keys().size()),
                () -> delegate.selectBatchJson(select, batch, valueColumns));
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
        return around(new Call("distinct_keys", table, -1), () -> delegate.distinctKeys(table, columns, where, limit));
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        return around(new Call("aggregate", select.table(), -1), () -> delegate.aggregate(select, aggregates));
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        return around(new Call("aggregate_batch", select.table(), batch.keys().size()),
                () -> delegate.aggregateBatch(select, batch, aggregates));
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
