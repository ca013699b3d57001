package dev.weft.execute;

import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Select;
import java.util.List;
import java.util.Map;

/**
 * Runs the query model against one source. Every method either returns complete results or throws
 * a {@link dev.weft.dialect.WeftException} with a client-safe message and code.
 *
 * <p>Batched methods take any number of keys: the executor splits them into statements that fit the
 * source's bind-parameter limit and the service's batch size, and applies the select's order and
 * page to each key's rows separately.
 */
public interface SourceExecutor extends AutoCloseable {

    String serviceName();

    List<Row> select(Select select);

    /** Rows whose {@code batch.keyColumns()} match one of the keys; each row carries the key columns. */
    List<Row> selectBatch(Select select, KeyBatch batch);

    /**
     * {@link #selectBatch}'s rows as JSON the source builds: per key that has rows, its key values and its rows as
     * one array of arrays, the values of {@code valueColumns} in that order ({@code [[10, 147.18], [11, 3.50]]}), as
     * {@link dev.weft.execute.sourcejson.SourceJsonTokens} reads it. Empty where the source does not build JSON.
     */
    default java.util.Optional<List<JsonRows>> selectBatchJson(Select select, KeyBatch batch, List<String> valueColumns) {
        return java.util.Optional.empty();
    }

    /**
     * Whether {@link #selectJson} ({@code keyColumns} empty) and {@link #selectBatchJson} answer for these columns of
     * {@code select}'s table: the source builds JSON, prints each value column as Weft writes it, and groups the key
     * columns' values exactly as Weft compares them (not PostgreSQL's {@code citext}, which merges letter cases). Runs
     * nothing; callers ask first, so that an attempt that cannot be made is not counted, traced or logged as a call.
     */
    default boolean buildsJson(Select select, List<String> keyColumns, List<String> valueColumns) {
        return false;
    }

    /**
     * The source's estimate of a table's rows, from its statistics (PostgreSQL's {@code reltuples}), or -1 when it has
     * none yet. Read at most once a minute per table, in the background; never counted, traced or logged as a statement,
     * never failing.
     */
    default long estimatedRows(dev.weft.catalog.TableRef table) {
        return -1;
    }

    /**
     * {@link #select}'s rows as one JSON array the source builds, {@code [[10, 147.18], ...]} with the values of
     * {@code valueColumns} in that order ({@code []} for no row), with no key. Empty where the source does not build JSON.
     */
    default java.util.Optional<JsonRows> selectJson(Select select, List<String> valueColumns) {
        return java.util.Optional.empty();
    }

    /** Distinct values of {@code columns} among rows matching {@code where}, at most {@code limit} of them. */
    List<List<Object>> distinctKeys(dev.weft.catalog.TableRef table, List<String> columns, dev.weft.query.Predicate where,
                                    long limit);

    /** {@code count} and {@code <fn>.<column>} values over the select's rows. */
    Map<String, Object> aggregate(Select select, Aggregates aggregates);

    /** Per key that has rows: its key values and its aggregates, as {@link #aggregate} names them. */
    List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates);

    /**
     * Whether the source runs conditions and orders that reach another table of its own ({@code EXISTS},
     * a correlated subquery): SQL sources do. Where it does not (MongoDB), such a {@code where} is resolved
     * into keys first and such an {@code order_by} is done in memory, as across sources.
     */
    default boolean supportsJoins() {
        return true;
    }

    /** The most values one statement may bind (the driver's limit); unbounded where there is none (MongoDB). */
    default int maxBindParameters() {
        return Integer.MAX_VALUE;
    }

    /** Whether the source answers now; never throws. */
    boolean isHealthy();

    @Override
    void close();

    /**
     * Rows as the source's JSON: a key's related rows ({@link #selectBatchJson}: its key values) or a whole select
     * ({@link #selectJson}: no key), the number of rows, the array.
     */
    record JsonRows(List<Object> key, int rows, byte[] json) {
        /** The rows of a result of any method here: a list's size, a JSON array's rows, one for an aggregate. */
        public static int countOf(Object result) {
            return switch (result) {
                case java.util.Optional<?> o -> o.map(JsonRows::countOf).orElse(0);
                case JsonRows j -> j.rows();
                case List<?> list when !list.isEmpty() && list.get(0) instanceof JsonRows -> list.stream()
                        .mapToInt(j -> ((JsonRows) j).rows()).sum();
                case List<?> list -> list.size();
                case null -> 0;
                default -> 1;
            };
        }
    }

    /** The aggregates of one parent key. */
    record KeyedAggregate(List<Object> key, Map<String, Object> values) {
    }
}
