package dev.weft.execute;

import dev.weft.catalog.Relationship;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.TableBinding;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * Resolves relationship fields through DataLoaders created per request (in the request's
 * {@code DataLoaderRegistry}), one per relationship and query position. A loader collects the
 * parents' keys of one nesting level, removes duplicates (the loader's cache), converts them to the
 * related columns' types ({@link JoinKeys}) and runs one batched select; rows return to their
 * parents in the requested order. The join columns are always read, even when not selected.
 *
 * <p>Example: 500 employees with {@code dept_emp { dept_no }} make one statement
 * {@code SELECT ... FROM dept_emp WHERE emp_no IN (?, ... 500 keys)}.
 */
final class RelationshipLoaders {
    private final QueryPlanner planner;
    private final Map<ServiceName, SourceExecutor> executors;
    private final Executor async;
    private final Map<Relationship, JoinKeys> joinKeys = new ConcurrentHashMap<>();

    RelationshipLoaders(QueryPlanner planner, Map<ServiceName, SourceExecutor> executors, Executor async) {
        this.planner = planner;
        this.executors = executors;
        this.async = async;
    }

    /** The related row (object relationship) or rows (array relationship) of the parent row in {@code env}. */
    Object related(Relationship r, DataFetchingEnvironment env) {
        List<Object> key = keys(r).canonical(Fetchers.keyOf(env.getSource(), r));
        boolean object = r.cardinality() == Relationship.Cardinality.OBJECT;
        if (key == null) {
            return object ? null : List.of();
        }
        DataLoader<List<Object>, List<Row>> loader = env.getDataLoaderRegistry()
                .computeIfAbsent(loaderName("rows", r, env), name -> DataLoaderFactory.newDataLoader(name, rowsLoader(r, env)));
        CompletableFuture<List<Row>> rows = loader.load(key);
        return object ? rows.thenApply(list -> list.isEmpty() ? null : list.get(0)) : rows;
    }

    /** The {@code <relationship>_aggregate} value of the parent row in {@code env}. */
    Object aggregate(Relationship r, DataFetchingEnvironment env) {
        TableBinding target = planner.bindings().table(r.to());
        Aggregates aggregates = planner.aggregates(target, env.getSelectionSet());
        List<Object> key = keys(r).canonical(Fetchers.keyOf(env.getSource(), r));
        if (key == null) {
            return shaped(target, aggregates, null, List.of());
        }
        DataLoader<List<Object>, Map<String, Object>> loader = env.getDataLoaderRegistry()
                .computeIfAbsent(loaderName("aggregate", r, env), name -> DataLoaderFactory.newDataLoader(name,
                        aggregateLoader(r, env, target, aggregates)));
        return loader.load(key);
    }

    private BatchLoader<List<Object>, List<Row>> rowsLoader(Relationship r, DataFetchingEnvironment env) {
        Select select = planner.select(r.to(), env.getArguments(), env.getSelectionSet(), r.toColumns());
        return keys -> CompletableFuture.supplyAsync(() -> {
            List<Row> rows = executor(r).selectBatch(select, batch(r, keys));
            return byKey(r, keys, rows);
        }, async);
    }

    private BatchLoader<List<Object>, Map<String, Object>> aggregateLoader(Relationship r, DataFetchingEnvironment env,
                                                                           TableBinding target, Aggregates aggregates) {
        List<String> nodeColumns = nodeColumns(target, env);
        boolean wantsNodes = env.getSelectionSet().contains("nodes");
        boolean wantsAggregate = env.getSelectionSet().contains("aggregate");
        Select select = planner.select(r.to(), env.getArguments(), null, union(r.toColumns(), nodeColumns));
        return keys -> CompletableFuture.supplyAsync(() -> {
            KeyBatch batch = batch(r, keys);
            Map<List<Object>, Map<String, Object>> values = new HashMap<>();
            if (wantsAggregate) {
                for (SourceExecutor.KeyedAggregate a : executor(r).aggregateBatch(select, batch, aggregates)) {
                    values.put(keys(r).canonicalTarget(a.key()), a.values());
                }
            }
            List<List<Row>> nodes = wantsNodes ? byKey(r, keys, executor(r).selectBatch(select, batch)) : null;
            List<Map<String, Object>> result = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                result.add(shaped(target, aggregates, values.get(keys.get(i)), nodes == null ? List.of() : nodes.get(i)));
            }
            return result;
        }, async);
    }

    private static Map<String, Object> shaped(TableBinding target, Aggregates aggregates, Map<String, Object> values,
                                              List<Row> nodes) {
        Map<String, Object> v = values;
        if (v == null) {
            v = new LinkedHashMap<>();
            v.put("count", 0L);
            for (Aggregates.Aggregate a : aggregates.functions()) {
                v.put(a.resultKey(), null);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("aggregate", AggregateShape.of(target, v));
        result.put("nodes", nodes);
        return result;
    }

    private List<String> nodeColumns(TableBinding target, DataFetchingEnvironment env) {
        Set<String> columns = new LinkedHashSet<>();
        env.getSelectionSet().getFields("nodes").forEach(f -> columns.addAll(planner.columnsOf(target, f.getSelectionSet())));
        return new ArrayList<>(columns);
    }

    private KeyBatch batch(Relationship r, List<List<Object>> keys) {
        JoinKeys joins = keys(r);
        List<List<Object>> values = new ArrayList<>(keys.size());
        keys.forEach(k -> joins.bindable(k).ifPresent(values::add));
        return new KeyBatch(r.toColumns(), values);
    }

    /** Groups rows by their canonical key, keeping their order, and lines the groups up with {@code keys}. */
    private List<List<Row>> byKey(Relationship r, List<List<Object>> keys, List<Row> rows) {
        JoinKeys joins = keys(r);
        Map<List<Object>, List<Row>> groups = new HashMap<>();
        for (Row row : rows) {
            List<Object> values = new ArrayList<>(r.toColumns().size());
            r.toColumns().forEach(c -> values.add(row.get(c)));
            List<Object> key = joins.canonicalTarget(values);
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Row>> result = new ArrayList<>(keys.size());
        keys.forEach(k -> result.add(groups.getOrDefault(k, List.of())));
        return result;
    }

    private JoinKeys keys(Relationship r) {
        return joinKeys.computeIfAbsent(r, rel -> {
            Table from = planner.bindings().table(rel.from()).table();
            Table to = planner.bindings().table(rel.to()).table();
            return JoinKeys.of(rel.fromColumns().stream().map(from::requireColumn).toList(),
                    rel.toColumns().stream().map(to::requireColumn).toList());
        });
    }

    private SourceExecutor executor(Relationship r) {
        return executors.get(r.to().service());
    }

    /**
     * One loader per relationship and query position: the field's AST node is shared by every parent
     * row of a level, and so are its arguments and selection.
     */
    private static String loaderName(String kind, Relationship r, DataFetchingEnvironment env) {
        return "weft:" + kind + ":" + r.from() + "." + r.fieldName() + "@"
                + System.identityHashCode(env.getField()) + ":" + env.getArguments();
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
