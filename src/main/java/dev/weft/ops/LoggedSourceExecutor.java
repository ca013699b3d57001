package dev.weft.ops;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code weft.log.statements: true}: one line per call of a source on the logger {@code weft.statements},
 * with its service, kind, table, key count, rows and duration, never a value:
 * {@code service=hr kind=select_batch table=hr.public.employees keys=5 rows=12 duration_ms=3 outcome=success}.
 */
final class LoggedSourceExecutor implements SourceExecutor {
    static final Logger log = LoggerFactory.getLogger("weft.statements");

    private final SourceExecutor delegate;

    LoggedSourceExecutor(SourceExecutor delegate) {
        this.delegate = delegate;
    }

    private <T> T logged(String kind, TableRef table, int keys, Supplier<T> call, Function<T, Integer> rows) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            log.info("service={} kind={} table={}{} rows={} duration_ms={} outcome=success", delegate.serviceName(), kind, table,
                    keys < 0 ? "" : " keys=" + keys, rows.apply(result), (System.nanoTime() - start) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            String outcome = e instanceof WeftException weft ? weft.code().name() : "INTERNAL";
            log.info("service={} kind={} table={}{} duration_ms={} outcome={}", delegate.serviceName(), kind, table,
                    keys < 0 ? "" : " keys=" + keys, (System.nanoTime() - start) / 1_000_000, outcome);
            throw e;
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public List<Row> select(Select select) {
        return logged("select", select.table(), -1, () -> delegate.select(select), List::size);
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        return logged("select_batch", select.table(), batch.keys().size(), () -> delegate.selectBatch(select, batch), List::size);
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
        return logged("distinct_keys", table, -1, () -> delegate.distinctKeys(table, columns, where, limit), List::size);
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        return logged("aggregate", select.table(), -1, () -> delegate.aggregate(select, aggregates), r -> 1);
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        return logged("aggregate_batch", select.table(), batch.keys().size(),
                () -> delegate.aggregateBatch(select, batch, aggregates), List::size);
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
