package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.TableBinding;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * Resolves relationship fields, foreign-key and declared alike, whatever sources the two sides
 * live in, through DataLoaders created per request (in the request's {@code DataLoaderRegistry}),
 * one per relationship and query position. A loader collects the parents' keys of one nesting
 * level, removes duplicates (the loader's cache), converts them to the related columns' types
 * ({@link JoinKeys}) and runs one batched select; rows return to their parents in the requested
 * order. A many_to_many takes two statements: the junction rows, then the related rows. The join
 * columns are always read, even when not selected.
 *
 * <p>Example: 500 employees with {@code dept_emp { dept_no }} make one statement
 * {@code SELECT ... FROM dept_emp WHERE emp_no IN (?, ... 500 keys)}.
 */
final class RelationshipLoaders {
    private final QueryPlanner planner;
    private final Map<ServiceName, SourceExecutor> executors;
    private final Executor async;
    private final CrossSourceSteps crossSource;
    private final Map<Relationship, JoinKeys> joinKeys = new ConcurrentHashMap<>();

    private final java.util.function.Function<graphql.GraphQLContext, Access> accessOf;

    RelationshipLoaders(QueryPlanner planner, Map<ServiceName, SourceExecutor> executors, Executor async,
                        CrossSourceSteps crossSource, java.util.function.Function<graphql.GraphQLContext, Access> accessOf) {
        this.accessOf = accessOf;
        this.planner = planner;
        this.executors = executors;
        this.async = async;
        this.crossSource = crossSource;
    }

    /** The related row (object relationship) or rows (array relationship) of the parent row in {@code env}. */
    Object related(Relationship r, DataFetchingEnvironment env) {
        List<Object> key = parentKeys(r).canonical(Fetchers.keyOf(env.getSource(), r));
        boolean object = r.cardinality() == Relationship.Cardinality.OBJECT;
        if (key == null) {
            if (object && r.required()) {
                throw NullPropagation.missing(r);
            }
            return object ? null : List.of();
        }
        DataLoader<List<Object>, List<Row>> loader = env.getDataLoaderRegistry()
                .computeIfAbsent(loaderName("rows", r, env), name -> DataLoaderFactory.newDataLoader(name, rowsLoader(r, env)));
        RequestBudget budget = RequestBudget.of(env.getGraphQlContext());
        CompletableFuture<List<Row>> rows = loader.load(key).thenApply(list -> {
            ResponseRows.charge(budget, object && !list.isEmpty() ? list.subList(0, 1) : list); // per parent
            return list;
        });
        if (!object) {
            return rows;
        }
        return rows.thenApply(list -> {
            if (list.isEmpty() && r.required()) {
                throw NullPropagation.missing(r); // graphql-java nulls the parent: the error stays at this field
            }
            return list.isEmpty() ? null : list.get(0);
        });
    }

    /** The {@code <relationship>_aggregate} value of the parent row in {@code env}. */
    Object aggregate(Relationship r, DataFetchingEnvironment env) {
        TableBinding target = planner.bindings().table(r.to());
        List<Object> key = parentKeys(r).canonical(Fetchers.keyOf(env.getSource(), r));
        if (key == null) {
            return shaped(target, planner.aggregates(target, env.getSelectionSet()), null, List.of());
        }
        DataLoader<List<Object>, Map<String, Object>> loader = env.getDataLoaderRegistry()
                .computeIfAbsent(loaderName("aggregate", r, env), name -> DataLoaderFactory.newDataLoader(name,
                        aggregateLoader(r, env, target)));
        RequestBudget budget = RequestBudget.of(env.getGraphQlContext());
        return loader.load(key).thenApply(shaped -> {
            if (shaped.get("nodes") instanceof List<?> nodes && !nodes.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Row> rows = (List<Row>) nodes;
                ResponseRows.charge(budget, rows); // per parent
            }
            return shaped;
        });
    }

    private BatchLoader<List<Object>, List<Row>> rowsLoader(Relationship r, DataFetchingEnvironment env) {
        Access access = accessOf.apply(env.getGraphQlContext());
        RequestBudget budget = RequestBudget.of(env.getGraphQlContext());
        Select select = planner.forAccess(access).select(r.to(), env.getArguments(), env.getSelectionSet(), r.toColumns());
        return keys -> CompletableFuture.supplyAsync(() -> rows(r, keys, select, access, budget), async);
    }

    /** The related rows of each parent key, for a select as the planner made it, charged to the request's budget. */
    List<List<Row>> rows(Relationship r, List<List<Object>> keys, Select planned, Access access, RequestBudget budget) {
        budget.checkOpen();
        return ResponseRows.lists(budget, rowsPerParent(r, keys, crossSource.resolve(planned), access));
    }

    private BatchLoader<List<Object>, Map<String, Object>> aggregateLoader(Relationship r, DataFetchingEnvironment env,
                                                                           TableBinding target) {
        Aggregates aggregates = planner.aggregates(target, env.getSelectionSet());
        boolean wantsNodes = env.getSelectionSet().contains("nodes");
        boolean wantsAggregate = env.getSelectionSet().contains("aggregate");
        Set<String> columns = new LinkedHashSet<>();
        env.getSelectionSet().getFields("nodes").forEach(f -> columns.addAll(planner.columnsOf(target, f.getSelectionSet())));
        Access access = accessOf.apply(env.getGraphQlContext());
        RequestBudget budget = RequestBudget.of(env.getGraphQlContext());
        QueryPlanner requestPlanner = planner.forAccess(access);
        Select select = requestPlanner.aggregateSelect(r.to(), env.getArguments(), List.copyOf(columns), wantsNodes);
        return keys -> CompletableFuture.supplyAsync(() -> {
            List<PerParentAggregate> perParent = aggregatePerParent(r, keys, select, aggregates, wantsNodes, wantsAggregate,
                    access, budget);
            List<Map<String, Object>> result = new ArrayList<>(keys.size());
            perParent.forEach(p -> result.add(shaped(target, aggregates, p.values(), p.nodes())));
            return result;
        }, async);
    }

    /** The aggregates (and rows, when asked) of each parent's related rows. */
    record PerParentAggregate(Map<String, Object> values, List<Row> nodes) {
    }

    /**
     * Aggregates per parent key: one {@code GROUP BY} statement on the related source, or, through a
     * junction or an in-memory order with a page, computed from the rows. {@code select} must read the
     * node columns asked for; the key and aggregated columns are added here. Aggregates cover the page
     * of {@code planned}; each parent's nodes are cut to the role's max-limit (a page of their own).
     */
    List<PerParentAggregate> aggregatePerParent(Relationship r, List<List<Object>> keys, Select planned,
                                                Aggregates aggregates, boolean wantsNodes, boolean wantsAggregate,
                                                Access access, RequestBudget budget) {
        budget.checkOpen();
        Page nodesPage = planner.forAccess(access).nodesPage(planned.page());
        Set<String> columns = new LinkedHashSet<>(r.toColumns());
        columns.addAll(planned.columns());
        Select resolved = crossSource.resolve(PerKeyPage.reading(planned.withColumns(List.copyOf(columns)), aggregates));
        Table table = planner.bindings().table(r.to()).table();
        boolean inMemory = r.junction().isPresent()
                || crossSource.ordersRemotely(resolved) && (!resolved.page().isAll() || resolved.isDistinct());
        List<List<Row>> paged = inMemory ? rowsPerParent(r, keys, resolved, access) : null;
        List<List<Row>> nodes = !wantsNodes ? null : paged != null
                ? paged.stream().map(rows -> PerKeyPage.nodes(rows, nodesPage)).toList()
                : rowsPerParent(r, keys, resolved.withPage(nodesPage), access);
        if (wantsNodes) {
            ResponseRows.lists(budget, nodes);
        }
        Map<List<Object>, Map<String, Object>> values = new HashMap<>();
        if (wantsAggregate && inMemory) {
            for (int i = 0; i < keys.size(); i++) {
                values.put(keys.get(i), PerKeyPage.aggregate(paged.get(i), aggregates, table));
            }
        } else if (wantsAggregate) {
            Select sql = crossSource.ordersRemotely(resolved) ? withoutOrder(resolved) : resolved;
            for (SourceExecutor.KeyedAggregate a : executor(r.to()).aggregateBatch(sql, batch(r, keys), aggregates)) {
                values.put(relatedKeys(r).canonicalTarget(a.key()), a.values());
            }
        }
        List<PerParentAggregate> result = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            result.add(new PerParentAggregate(values.getOrDefault(keys.get(i), emptyValues(aggregates)),
                    wantsNodes ? nodes.get(i) : List.of()));
        }
        return result;
    }

    private static Map<String, Object> emptyValues(Aggregates aggregates) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("count", 0L);
        aggregates.functions().forEach(a -> v.put(a.resultKey(), null));
        return v;
    }

    /** The canonical key of a parent row for {@code r}, or null when a key column is null. */
    List<Object> parentKey(Relationship r, Row parent) {
        return parentKeys(r).canonical(Fetchers.keyOf(parent, r));
    }

    /** Each parent's related rows, in the requested order and page, lined up with {@code keys}. */
    List<List<Row>> rowsPerParent(Relationship r, List<List<Object>> keys, Select select, Access access) {
        if (r.junction().isPresent()) {
            return throughJunction(r, keys, select, access);
        }
        if (!crossSource.ordersRemotely(select)) {
            return byKey(r, keys, executor(r.to()).selectBatch(select, batch(r, keys)));
        }
        List<Row> rows = executor(r.to()).selectBatch(crossSource.unorderedForMemorySort(select), batch(r, keys));
        List<List<Row>> groups = byKey(r, keys, rows);
        groups.replaceAll(group -> crossSource.sortAndPage(select, group));
        return groups;
    }

    /**
     * Each key's related rows as JSON the source builds ({@link SourceExecutor#selectBatchJson}), lined up with {@code keys}
     * (null: no rows); empty when read as rows (a junction, another source in where or order_by, no JSON built there).
     */
    java.util.Optional<List<byte[]>> jsonPerParent(Relationship r, List<List<Object>> keys, Select planned,
                                                   List<String> valueColumns, RequestBudget budget) {
        budget.checkOpen();
        if (r.junction().isPresent() || crossSource.filtersRemotely(planned) || !executor(r.to()).buildsJson(planned, r.toColumns(), valueColumns)) {
            return java.util.Optional.empty(); // resolved as rows, once: no other source is read for a JSON attempt
        }
        Select select = crossSource.resolve(planned);
        if (crossSource.ordersRemotely(select)) {
            return java.util.Optional.empty();
        }
        return executor(r.to()).selectBatchJson(select, batch(r, keys), valueColumns).map(groups -> {
            JoinKeys joins = parentKeys(r);
            Map<List<Object>, byte[]> byKey = new HashMap<>(Math.max(16, groups.size() * 2));
            for (SourceExecutor.JsonRows group : groups) {
                List<Object> key = joins.canonicalTarget(group.key());
                if (key != null) {
                    byKey.put(key, group.json());
                }
            }
            List<byte[]> result = new ArrayList<>(keys.size());
            keys.forEach(k -> result.add(byKey.get(k)));
            return result;
        });
    }

    /**
     * many_to_many: the junction rows of all parents (one statement), then the related rows of all
     * the junction's keys (one statement, ordered as asked), then each parent's rows cut to its page.
     */
    private List<List<Row>> throughJunction(Relationship r, List<List<Object>> keys, Select select, Access access) {
        Relationship.Junction j = r.junction().orElseThrow();
        JoinKeys toJunction = parentKeys(r);
        JoinKeys toRelated = relatedKeys(r);
        List<List<Object>> junctionBinds = new ArrayList<>();
        keys.forEach(k -> toJunction.bindable(k).ifPresent(junctionBinds::add));
        Select junctionSelect = crossSource.resolve(new Select(j.table(), union(j.fromColumns(), j.toColumns()),
                access.filter(j.table()), List.of(), Page.ALL)); // only the junction rows the caller may see
        List<Row> junctionRows = junctionBinds.isEmpty() ? List.of()
                : executor(j.table()).selectBatch(junctionSelect, new KeyBatch(j.fromColumns(), junctionBinds));

        Map<List<Object>, Set<List<Object>>> relatedOf = new HashMap<>();
        Map<List<Object>, List<Object>> relatedBinds = new LinkedHashMap<>();
        for (Row row : junctionRows) {
            List<Object> parent = toJunction.canonicalTarget(values(row, j.fromColumns()));
            List<Object> related = toRelated.canonical(values(row, j.toColumns()));
            if (parent != null && related != null) {
                relatedOf.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(related);
                toRelated.bindable(related).ifPresent(b -> relatedBinds.putIfAbsent(related, b));
            }
        }
        boolean inMemory = crossSource.ordersRemotely(select);
        Select fetch = inMemory ? crossSource.unorderedForMemorySort(select)
                : select.withPage(Page.ALL).withoutDistinct(); // distinct per parent, below
        List<Row> relatedRows = relatedBinds.isEmpty() ? List.of()
                : executor(r.to()).selectBatch(fetch, new KeyBatch(r.toColumns(), new ArrayList<>(relatedBinds.values())));
        Map<List<Object>, List<Row>> rowsOfRelatedKey = new HashMap<>();
        Map<Row, Integer> position = new IdentityHashMap<>();
        for (Row row : relatedRows) {
            position.put(row, position.size());
            List<Object> key = toRelated.canonicalTarget(values(row, r.toColumns()));
            if (key != null) {
                rowsOfRelatedKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Row>> result = new ArrayList<>(keys.size());
        for (List<Object> parent : keys) {
            List<Row> rows = new ArrayList<>();
            relatedOf.getOrDefault(parent, Set.of()).forEach(k -> rows.addAll(rowsOfRelatedKey.getOrDefault(k, List.of())));
            rows.sort(java.util.Comparator.comparingInt(position::get));
            result.add(inMemory ? crossSource.sortAndPage(select, rows)
                    : PerKeyPage.cut(DistinctRows.first(rows, select.distinctOn()), select.page()));
        }
        return result;
    }

    private static Map<String, Object> shaped(TableBinding target, Aggregates aggregates, Map<String, Object> values,
                                              List<Row> nodes) {
        Map<String, Object> v = values == null ? emptyValues(aggregates) : values;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("aggregate", AggregateShape.of(target, v));
        result.put("nodes", nodes);
        return result;
    }

    private KeyBatch batch(Relationship r, List<List<Object>> keys) {
        JoinKeys joins = parentKeys(r);
        List<List<Object>> values = new ArrayList<>(keys.size());
        keys.forEach(k -> joins.bindable(k).ifPresent(values::add));
        return new KeyBatch(r.toColumns(), values);
    }

    /** Groups rows by their canonical key, keeping their order, and lines the groups up with {@code keys}. */
    private List<List<Row>> byKey(Relationship r, List<List<Object>> keys, List<Row> rows) {
        JoinKeys joins = parentKeys(r);
        List<String> columns = r.toColumns();
        if (columns.size() == 1) {
            return byOneColumnKey(joins, columns.get(0), keys, rows);
        }
        Map<List<Object>, List<Row>> groups = new HashMap<>();
        for (Row row : rows) {
            List<Object> key = joins.canonicalTarget(values(row, columns));
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Row>> result = new ArrayList<>(keys.size());
        keys.forEach(k -> result.add(groups.getOrDefault(k, List.of())));
        return result;
    }

    /** Parent columns against the first columns they meet: the junction's, or the related table's. */
    private JoinKeys parentKeys(Relationship r) {
        return joinKeys.computeIfAbsent(r, rel -> rel.junction()
                .map(j -> JoinKeys.of(columns(rel.from(), rel.fromColumns()), columns(j.table(), j.fromColumns())))
                .orElseGet(() -> JoinKeys.of(columns(rel.from(), rel.fromColumns()), columns(rel.to(), rel.toColumns()))));
    }

    /** The related table's key as met from the junction (many_to_many) or from the parent. */
    private JoinKeys relatedKeys(Relationship r) {
        return r.junction()
                .map(j -> JoinKeys.of(columns(j.table(), j.toColumns()), columns(r.to(), r.toColumns())))
                .orElseGet(() -> parentKeys(r));
    }

    private List<Column> columns(TableRef table, List<String> names) {
        Table t = planner.bindings().table(table).table();
        return names.stream().map(t::requireColumn).toList();
    }

    private SourceExecutor executor(TableRef table) {
        return executors.get(table.service());
    }

    private static Select withoutOrder(Select s) {
        return s.withOrderBy(List.of());
    }

    /** {@link #byKey} for a one-column key: rows grouped by the key's value itself, its position looked up once per layout. */
    private static List<List<Row>> byOneColumnKey(JoinKeys joins, String column, List<List<Object>> keys, List<Row> rows) {
        Map<Object, List<Row>> groups = new HashMap<>(Math.max(16, keys.size() * 2));
        Object layout = null;
        int position = -1;
        for (Row row : rows) {
            if (row.layout() != layout) {
                layout = row.layout();
                position = row.indexOf(column);
            }
            Object key = position < 0 ? null : joins.canonicalTargetValue(row.at(position));
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Row>> result = new ArrayList<>(keys.size());
        keys.forEach(k -> result.add(groups.getOrDefault(k.get(0), List.of())));
        return result;
    }

    private static List<Object> values(Row row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        columns.forEach(c -> values.add(row.get(c)));
        return values;
    }

    /**
     * One loader per relationship and query position: the field's path without list indices (aliases
     * keep two uses of one field apart) is the same for every parent row of a level, and so are its
     * arguments and selection.
     */
    private static String loaderName(String kind, Relationship r, DataFetchingEnvironment env) {
        return "weft:" + kind + ":" + r.from() + "." + r.fieldName() + "@"
                + String.join("/", env.getExecutionStepInfo().getPath().getKeysOnly()) + ":" + env.getArguments();
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
