package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.SqlDialect;
import dev.weft.dialect.WeftException;
import dev.weft.execute.activity.Activity;
import dev.weft.execute.sql.SqlRenderer;
import dev.weft.execute.sql.SqlStatement;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Select;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link SourceExecutor} over JDBC: renders with the source's dialect, binds every value, reads
 * columns by their catalog type, and maps driver errors to client-safe codes (the driver's text
 * stays in the cause, for the log).
 */
public final class JdbcSourceExecutor implements SourceExecutor {
    private final ServiceSettings settings;
    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final SqlRenderer renderer;
    private final Function<TableRef, Table> tables;
    private final int timeoutSeconds;

    private final boolean serverEnforcesTimeout;
    private static final byte[] NO_ROWS = {'[', ']'};
    private final com.github.benmanes.caffeine.cache.AsyncLoadingCache<TableRef, Long> estimates =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    // the last estimate serves while the next is read
                    .refreshAfterWrite(java.time.Duration.ofMinutes(1)).expireAfterWrite(java.time.Duration.ofMinutes(10))
                    .buildAsync(this::readEstimate);

    /**
     * @param serverEnforcesTimeout whether the pool's connections already carry the query timeout as a
     *     server setting (PostgreSQL {@code statement_timeout}, MariaDB {@code max_statement_time}); then no
     *     JDBC timer is armed per statement
     */
    public JdbcSourceExecutor(ServiceSettings settings, DataSource dataSource, boolean serverEnforcesTimeout,
                              SqlDialect dialect, Function<TableRef, Table> tables) {
        this.serverEnforcesTimeout = serverEnforcesTimeout;
        this.settings = settings;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.renderer = new SqlRenderer(dialect, tables);
        this.tables = tables;
        this.timeoutSeconds = (int) Math.max(1, (settings.queryTimeout().toMillis() + 999) / 1000);
    }

    @Override
    public String serviceName() {
        return settings.name();
    }

    @Override
    public List<Row> select(Select select) {
        if (select.isDistinct() && !renderer.rendersDistinct()) { // no window here: the first of each combination in memory
            Select sent = select.withoutDistinct().withPage(Page.ALL);
            List<Row> rows = query(new Call("select", select.table(), -1, 1, 1), renderer.select(sent), rowReader(sent));
            return PerKeyPage.cut(DistinctRows.first(rows, select.distinctOn()), select.page());
        }
        return query(new Call("select", select.table(), -1, 1, 1), renderer.select(select), rowReader(select));
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        boolean distinctInMemory = select.isDistinct() && !renderer.rendersDistinct();
        boolean pageInMemory = !select.page().isAll() && !dialect.supportsWindowPartition() || distinctInMemory;
        Select sent = pageInMemory ? select.withPage(Page.ALL).withoutDistinct() : select;
        List<Row> rows = new ArrayList<>();
        List<KeyBatch> chunks = chunks(sent, batch);
        for (int i = 0; i < chunks.size(); i++) {
            KeyBatch chunk = chunks.get(i);
            rows.addAll(query(new Call("select_batch", select.table(), chunk.keys().size(), i + 1, chunks.size()),
                    renderer.selectBatch(sent, chunk), rowReader(sent)));
        }
        if (distinctInMemory) {
            rows = DistinctRows.firstPerKey(rows, batch.keyColumns(), select.distinctOn());
        }
        return pageInMemory ? PerKeyPage.apply(rows, batch.keyColumns(), select.page()) : rows;
    }

    @Override
    public java.util.Optional<JsonRows> selectJson(Select select, List<String> valueColumns) {
        if (!buildsJson(select, List.of(), valueColumns)) {
            return java.util.Optional.empty();
        }
        List<JsonRows> json = query(new Call("select", select.table(), -1, 1, 1), renderer.selectJson(select, valueColumns),
                rs -> new JsonRows(List.of(), rs.getInt(1), rs.getBytes(2)));
        JsonRows rows = json.get(0);
        return java.util.Optional.of(rows.json() == null ? new JsonRows(List.of(), 0, NO_ROWS) : rows);
    }

    /** Read in the background: a request never waits for it (a source that is down answers -1 at once). */
    @Override
    public long estimatedRows(TableRef table) {
        if (dialect.rowEstimateSql() == null) {
            return -1;
        }
        java.util.concurrent.CompletableFuture<Long> estimate = estimates.get(table);
        return estimate.isDone() && !estimate.isCompletedExceptionally() ? estimate.join() : -1;
    }

    private long readEstimate(TableRef table) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(dialect.rowEstimateSql())) {
            ps.setString(1, renderer.qualifiedName(table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1; // no estimate: the caller assumes the most rows the list may hold
        }
    }

    /**
     * PostgreSQL, with the window and distinct it renders, value columns whose JSON is what Weft writes
     * ({@link dev.weft.dialect.SqlDialect#jsonValue}) and key columns it groups exactly.
     */
    @Override
    public boolean buildsJson(Select select, List<String> keyColumns, List<String> valueColumns) {
        Table table = tables.apply(select.table());
        return dialect.buildsJsonArrays() && dialect.supportsWindowPartition() && (!select.isDistinct() || renderer.rendersDistinct())
                && renderer.buildsJson(select.table(), valueColumns)
                && keyColumns.stream().allMatch(c -> dialect.groupsExactly(table.requireColumn(c).sqlType()));
    }

    @Override
    public java.util.Optional<List<JsonRows>> selectBatchJson(Select select, KeyBatch batch, List<String> valueColumns) {
        if (!buildsJson(select, batch.keyColumns(), valueColumns)) {
            return java.util.Optional.empty();
        }
        Table table = tables.apply(select.table());
        ColumnType[] keyTypes = batch.keyColumns().stream().map(c -> table.requireColumn(c).type()).toArray(ColumnType[]::new);
        List<JsonRows> groups = new ArrayList<>();
        List<KeyBatch> chunks = chunks(select, batch);
        for (int i = 0; i < chunks.size(); i++) {
            KeyBatch chunk = chunks.get(i);
            groups.addAll(query(new Call("select_batch", select.table(), chunk.keys().size(), i + 1, chunks.size()),
                    renderer.selectBatchJson(select, chunk, valueColumns), rs -> {
                        List<Object> key = new ArrayList<>(keyTypes.length);
                        for (int k = 0; k < keyTypes.length; k++) {
                            key.add(ColumnReader.read(rs, k + 1, keyTypes[k]));
                        }
                        // the array's text as received, not copied
                        return new JsonRows(key, rs.getInt(keyTypes.length + 1), rs.getBytes(keyTypes.length + 2));
                    }));
        }
        return java.util.Optional.of(groups);
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, dev.weft.query.Predicate where, long limit) {
        Table t = tables.apply(table);
        ColumnType[] types = columns.stream().map(c -> t.requireColumn(c).type()).toArray(ColumnType[]::new);
        return query(new Call("distinct_keys", table, -1, 1, 1), renderer.distinct(table, columns, where, limit), rs -> {
            List<Object> key = new ArrayList<>(types.length);
            for (int i = 0; i < types.length; i++) {
                key.add(ColumnReader.read(rs, i + 1, types[i]));
            }
            return key;
        });
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        Table table = tables.apply(select.table());
        if (select.isDistinct() && !renderer.rendersDistinct()) { // over the distinct rows kept in memory
            return PerKeyPage.aggregate(select(PerKeyPage.reading(select, aggregates)), aggregates, table);
        }
        List<Map<String, Object>> rows = query(new Call("aggregate", select.table(), -1, 1, 1),
                renderer.aggregate(select, aggregates),
                rs -> aggregateValues(rs, 1, table, aggregates));
        return rows.get(0);
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        Table table = tables.apply(select.table());
        if (!select.page().isAll() && !dialect.supportsWindowPartition() || select.isDistinct() && !renderer.rendersDistinct()) {
            return PerKeyPage.aggregateInMemory(selectBatch(PerKeyPage.reading(select, aggregates), batch),
                    batch.keyColumns(), aggregates, table);
        }
        List<KeyedAggregate> result = new ArrayList<>();
        int keys = batch.keyColumns().size();
        List<KeyBatch> chunks = chunks(select, batch);
        for (int c = 0; c < chunks.size(); c++) {
            KeyBatch chunk = chunks.get(c);
            Call call = new Call("aggregate_batch", select.table(), chunk.keys().size(), c + 1, chunks.size());
            result.addAll(query(call, renderer.aggregateBatch(select, chunk, aggregates), rs -> {
                List<Object> key = new ArrayList<>(keys);
                for (int i = 0; i < keys; i++) {
                    key.add(ColumnReader.read(rs, i + 1, table.requireColumn(batch.keyColumns().get(i)).type()));
                }
                return new KeyedAggregate(key, aggregateValues(rs, keys + 1, table, aggregates));
            }));
        }
        return result;
    }

    /** Splits the keys so that each statement stays within the batch size and the bind-parameter limit. */
    private List<KeyBatch> chunks(Select select, KeyBatch batch) {
        int fixedParams = renderer.selectBatch(select, new KeyBatch(batch.keyColumns(), List.of())).params().size();
        int byBinds = (dialect.maxBindParameters() - fixedParams) / batch.keyColumns().size();
        int size = Math.max(1, Math.min(settings.batchSize(), byBinds));
        List<KeyBatch> chunks = new ArrayList<>();
        for (int from = 0; from < batch.keys().size(); from += size) {
            chunks.add(new KeyBatch(batch.keyColumns(), batch.keys().subList(from, Math.min(batch.keys().size(), from + size))));
        }
        return chunks;
    }

    private RowMapper<Row> rowReader(Select select) {
        Table table = tables.apply(select.table());
        List<String> columns = select.columns();
        ColumnType[] types = columns.stream().map(c -> table.requireColumn(c).type()).toArray(ColumnType[]::new);
        Row.Layout layout = new Row.Layout(columns,
                java.util.Arrays.stream(types).map(ColumnReader::javaType).toArray(Class<?>[]::new));
        return rs -> {
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = ColumnReader.read(rs, i + 1, types[i]);
            }
            return new Row(layout, values);
        };
    }

    private static Map<String, Object> aggregateValues(ResultSet rs, int first, Table table, Aggregates aggregates)
            throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("count", rs.getLong(first));
        int i = first + 1;
        for (Aggregates.Count c : aggregates.counts()) {
            values.put(c.resultKey(), rs.getLong(i++));
        }
        for (Aggregates.Aggregate a : aggregates.functions()) {
            Column column = table.requireColumn(a.column());
            values.put(a.resultKey(), switch (a.function()) {
                case SUM -> sum(rs.getObject(i), column.type());
                case AVG, STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE, VAR_POP, VAR_SAMP -> avg(rs.getObject(i));
                case MIN, MAX -> ColumnReader.read(rs, i, column.type());
            });
            i++;
        }
        return values;
    }

    static Object sum(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case INT -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).doubleValue();
            default -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        };
    }

    static Double avg(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** What a statement is for, as {@link Activity} reports it: its kind, table, keys and place among a batch's chunks. */
    private record Call(String kind, TableRef table, int keys, int chunk, int chunks) {
    }

    private <T> List<T> query(Call call, SqlStatement statement, RowMapper<T> mapper) {
        if (!Activity.listening()) {
            return query(statement, mapper);
        }
        long start = System.nanoTime();
        List<T> rows = null;
        String outcome = "INTERNAL";
        try {
            rows = query(statement, mapper);
            outcome = "success";
            return rows;
        } catch (WeftException e) {
            outcome = e.code().name();
            throw e;
        } finally {
            Activity.sql(settings.name(), call.table(), call.kind(), false, statement, call.keys(), call.chunk(), call.chunks(),
                    JsonRows.countOf(rows), System.nanoTime() - start, outcome);
        }
    }

    private <T> List<T> query(SqlStatement statement, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            if (!serverEnforcesTimeout) {
                ps.setQueryTimeout(timeoutSeconds);
            }
            bind(ps, statement.params());
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e, statement);
        }
    }

    /** Binds values as the read path does (BigInteger as a decimal, bytes as bytes). */
    public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof BigInteger big) {
                ps.setBigDecimal(i + 1, new BigDecimal(big));
            } else if (value instanceof byte[] bytes) {
                ps.setBytes(i + 1, bytes);
            } else if (value instanceof Long l) { // what setObject does for these, without its search for a codec
                ps.setLong(i + 1, l);
            } else if (value instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (value instanceof String text) {
                ps.setString(i + 1, text);
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }

    private WeftException failure(SQLException e, SqlStatement statement) {
        ErrorCode code = dialect.classify(e);
        String message = switch (code) {
            case SOURCE_UNAVAILABLE -> "source '" + settings.name() + "' is unavailable";
            case TIMEOUT -> "source '" + settings.name() + "' did not answer within " + settings.queryTimeout().toSeconds() + "s";
            case BAD_USER_INPUT -> "source '" + settings.name() + "' rejected a value of the query";
            default -> "source '" + settings.name() + "' failed to run the query";
        };
        return new WeftException(code, message, new SQLException("[" + settings.name() + "] " + e.getMessage()
                + " while running: " + statement.sql(), e.getSQLState(), e.getErrorCode(), e));
    }

    @Override
    public int maxBindParameters() {
        return dialect.maxBindParameters();
    }

    @Override
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a pool at shutdown; nothing to report to anyone
            }
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
