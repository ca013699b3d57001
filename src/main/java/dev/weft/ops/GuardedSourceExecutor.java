package dev.weft.ops;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link SourceExecutor} whose every call goes through the source's circuit breaker: while the breaker
 * is open, a call fails at once with {@code SOURCE_UNAVAILABLE} and the same message as a refused
 * connection, without waiting for a connection. Health checks bypass the breaker.
 */
final class GuardedSourceExecutor implements SourceExecutor {
    private final SourceExecutor delegate;
    private final CircuitBreaker breaker;

    GuardedSourceExecutor(SourceExecutor delegate, CircuitBreaker breaker) {
        this.delegate = delegate;
        this.breaker = breaker;
    }

    static boolean isUnavailable(Throwable thrown) {
        return thrown instanceof WeftException weft && weft.code() == ErrorCode.SOURCE_UNAVAILABLE;
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source '" + delegate.serviceName() + "' is unavailable",
                    open);
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public List<Row> select(Select select) {
        return guarded(() -> delegate.select(select));
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        return guarded(() -> delegate.selectBatch(select, batch));
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
        return guarded(() -> delegate.distinctKeys(table, columns, where, limit));
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        return guarded(() -> delegate.aggregate(select, aggregates));
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        return guarded(() -> delegate.aggregateBatch(select, batch, aggregates));
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
