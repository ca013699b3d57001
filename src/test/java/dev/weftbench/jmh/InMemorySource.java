package dev.weftbench.jmh;

import dev.weft.catalog.TableRef;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source that answers from rows held in memory, sorted by their first column ({@code id}), as its SQL
 * would for the benchmark's queries ({@code ORDER BY id}, a limit, or the rows of some parents' keys): the
 * answer of each distinct request is computed once and kept, so that a benchmark measures what Weft does
 * with the rows, not this stand-in. Conditions, aggregates and other orders are not answered (the benchmark
 * does not ask for them).
 *
 * <p>Built to build JSON ({@code buildsJson}), it also answers {@link #selectJson} and {@link #selectBatchJson} with the
 * text PostgreSQL's {@code JSON_AGG} would send ({@link PostgresJsonText}), likewise computed once per distinct request;
 * otherwise it answers them with nothing, as a source that does not build JSON, and Weft reads every level as rows.
 */
final class InMemorySource implements SourceExecutor {
    private final String name;
    private final Map<TableRef, List<Row>> tables;
    private final Map<Object, List<Row>> answers = new ConcurrentHashMap<>();
    private final boolean buildsJson;
    private final Map<Object, Object> jsonAnswers = new ConcurrentHashMap<>();

    InMemorySource(String name, Map<TableRef, List<Row>> tables) {
        this(name, tables, false);
    }

    InMemorySource(String name, Map<TableRef, List<Row>> tables, boolean buildsJson) {
        this.name = name;
        this.tables = Map.copyOf(tables);
        this.buildsJson = buildsJson;
    }

    @Override
    public String serviceName() {
        return name;
    }

    @Override
    public List<Row> select(Select select) {
        requirePlain(select);
        return answers.computeIfAbsent(List.of(select.table(), String.valueOf(select.page())), k -> {
            List<Row> rows = rows(select.table());
            int from = (int) Math.min(rows.size(), select.page().offset() == null ? 0 : select.page().offset());
            int to = (int) Math.min(rows.size(), from + (select.page().limit() == null ? rows.size() : select.page().limit()));
            return List.copyOf(rows.subList(from, to));
        });
    }

    @Override
    public List<Row> selectBatch(Select select, KeyBatch batch) {
        requirePlain(select);
        return answers.computeIfAbsent(List.of(select.table(), batch), k -> {
            var keys = new java.util.HashSet<>(batch.keys());
            List<Row> matching = new ArrayList<>();
            for (Row row : rows(select.table())) {
                List<Object> key = new ArrayList<>(batch.keyColumns().size());
                batch.keyColumns().forEach(c -> key.add(row.get(c)));
                if (keys.contains(key)) {
                    matching.add(row);
                }
            }
            matching.sort(Comparator.comparingLong(r -> (Long) r.get("id")));
            return List.copyOf(matching);
        });
    }

    /** Whether {@link #selectJson} and {@link #selectBatchJson} answer: when the source was built to build JSON. */
    @Override
    public boolean buildsJson(Select select, List<String> keyColumns, List<String> valueColumns) {
        return buildsJson;
    }

    /** {@link #select}'s rows as PostgreSQL's {@code JSON_AGG} text, with no key; empty unless the source builds JSON. */
    @Override
    public Optional<JsonRows> selectJson(Select select, List<String> valueColumns) {
        if (!buildsJson) {
            return Optional.empty();
        }
        return Optional.of((JsonRows) jsonAnswers.computeIfAbsent(
                List.of("select", select.table(), String.valueOf(select.page()), valueColumns), k -> {
                    List<Row> rows = select(select);
                    return new JsonRows(List.of(), rows.size(), PostgresJsonText.of(rows, valueColumns));
                }));
    }

    /**
     * {@link #selectBatch}'s rows as PostgreSQL's {@code JSON_AGG} text per key that has rows (the key's values as the
     * rows hold them), in the order of the keys' first rows; empty unless the source builds JSON.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<JsonRows>> selectBatchJson(Select select, KeyBatch batch, List<String> valueColumns) {
        if (!buildsJson) {
            return Optional.empty();
        }
        return Optional.of((List<JsonRows>) jsonAnswers.computeIfAbsent(
                List.of("select_batch", select.table(), batch, valueColumns), k -> {
                    Map<List<Object>, List<Row>> byKey = new LinkedHashMap<>();
                    for (Row row : selectBatch(select, batch)) {
                        List<Object> key = new ArrayList<>(batch.keyColumns().size());
                        batch.keyColumns().forEach(c -> key.add(row.get(c)));
                        byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
                    }
                    List<JsonRows> groups = new ArrayList<>(byKey.size());
                    byKey.forEach((key, rows) -> groups.add(new JsonRows(key, rows.size(), PostgresJsonText.of(rows, valueColumns))));
                    return List.copyOf(groups);
                }));
    }

    private List<Row> rows(TableRef table) {
        List<Row> rows = tables.get(table);
        if (rows == null) {
            throw new IllegalArgumentException("no table " + table + " in " + name);
        }
        return rows;
    }

    /** The benchmark's selects have no condition and are ordered by id, ascending: what the prepared rows are. */
    private static void requirePlain(Select select) {
        boolean byId = select.orderBy().stream().allMatch(o -> o.column().equals("id") && !o.descending() && o.hops().isEmpty());
        boolean all = select.where() == null || select.where() instanceof Predicate.Const(boolean value) && value;
        if (!all || !byId) {
            throw new IllegalArgumentException("the in-memory source answers plain selects ordered by id, not " + select);
        }
    }

    @Override
    public List<List<Object>> distinctKeys(TableRef table, List<String> columns, Predicate where, long limit) {
        throw new IllegalArgumentException("the in-memory source answers no distinct keys");
    }

    @Override
    public Map<String, Object> aggregate(Select select, Aggregates aggregates) {
        throw new IllegalArgumentException("the in-memory source answers no aggregates");
    }

    @Override
    public List<KeyedAggregate> aggregateBatch(Select select, KeyBatch batch, Aggregates aggregates) {
        throw new IllegalArgumentException("the in-memory source answers no aggregates");
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public void close() {
    }
}
