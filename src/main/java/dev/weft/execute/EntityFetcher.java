package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.dialect.ErrorCode;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.TableBinding;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code _entities(representations:)}: every representation of one type and key becomes one batched statement
 * on the type's source ({@link SourceExecutor#selectBatch}, split at the source's bind limit like a relationship's
 * keys), with the caller's row filter in its {@code where}; the answer lines up with the representations, null
 * where no row has the key or the filter hides it. The keys a type may be looked up by are the {@code @key}s of
 * the request's own schema, so a role that may not see a key's columns unmasked has no such key (as it has no
 * {@code _by_pk}). Masks apply as on any read (the rows' fields are the type's own fetchers). Types run concurrently.
 *
 * <pre>{@code
 * _entities(representations: [{__typename: "ShopOrders", id: "7"}, {__typename: "ShopOrders", id: 9}])
 * -> SELECT ... FROM orders WHERE (<row filter>) AND id IN (?, ?)      -- [7, 9], one statement
 * }</pre>
 */
final class EntityFetcher implements DataFetcher<Object> {
    private final Fetchers fetchers;
    private final Map<String, TableBinding> byType = new HashMap<>();

    EntityFetcher(Fetchers fetchers) {
        this.fetchers = fetchers;
        fetchers.planner().bindings().tables().values().forEach(b -> byType.put(b.table().typeName(), b));
    }

    /** The representations of one type looked up by one key: their indexes and bindable key values. */
    private record Group(TableBinding binding, EntityKeys keys, List<Integer> indexes, List<List<Object>> bound) {
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        List<?> representations = env.getArgument("representations");
        Access access = fetchers.access(env.getGraphQlContext());
        RequestBudget budget = RequestBudget.of(env.getGraphQlContext());
        budget.checkOpen();
        ResultPath path = env.getExecutionStepInfo().getPath();
        Object[] results = new Object[representations.size()];
        List<GraphQLError> errors = Collections.synchronizedList(new ArrayList<>());
        Set<String> entities = entityTypes(env);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < representations.size(); i++) {
            String problem = group(env, entities, representations.get(i), i, groups);
            if (problem != null) {
                errors.add(error(path.segment(i), problem, ErrorCode.BAD_USER_INPUT));
            }
        }
        QueryPlanner planner = fetchers.planner().forAccess(access);
        List<CompletableFuture<Void>> work = groups.values().stream().map(g -> CompletableFuture.runAsync(() -> {
            try {
                fill(g, env, planner, access, budget, results);
            } catch (RuntimeException e) {
                for (int i : g.indexes()) {
                    FieldFailure failure = FieldFailure.of(e, String.valueOf(env.getExecutionId()), path.segment(i));
                    errors.add(error(path.segment(i), failure.message(), failure.code()));
                }
            }
        }, groups.size() == 1 ? Runnable::run : fetchers.async())).toList();
        work.forEach(CompletableFuture::join);
        List<Object> data = Arrays.asList(results);
        errors.sort(java.util.Comparator.comparing(e -> String.valueOf(e.getPath())));
        return DataFetcherResult.newResult().data(data).errors(errors).build();
    }

    /** Puts representation {@code i} into its group; returns what is wrong with it, or null. */
    private String group(DataFetchingEnvironment env, Set<String> entities, Object representation, int i,
                         Map<String, Group> groups) {
        if (!(representation instanceof Map<?, ?> map) || !(map.get("__typename") instanceof String type)) {
            return "a representation is an object with __typename and the fields of a @key";
        }
        TableBinding binding = byType.get(type);
        if (!entities.contains(type) || binding == null) {
            return "'" + type + "' is not an entity type of this subgraph";
        }
        GraphQLObjectType object = env.getGraphQLSchema().getObjectType(type);
        for (GraphQLAppliedDirective key : object.getAppliedDirectives("key")) {
            List<String> fields = List.of(((String) key.getArgument("fields").getValue()).split(" "));
            if (!fields.stream().allMatch(map::containsKey)) {
                continue;
            }
            List<Column> columns = fields.stream().map(f -> binding.columns().get(f)).toList();
            List<Object> values = fields.stream().map(f -> (Object) map.get(f)).toList();
            Group group = groups.computeIfAbsent(type + " " + String.join(" ", fields), k ->
                    new Group(binding, new EntityKeys(columns), new ArrayList<>(), new ArrayList<>()));
            Optional<List<Object>> bound = group.keys().bindable(values);
            if (bound.isPresent()) { // else no row can have this key: null
                group.indexes().add(i);
                group.bound().add(bound.get());
            }
            return null;
        }
        return "the representation of '" + type + "' has the fields of none of its keys ("
                + String.join(", ", object.getAppliedDirectives("key").stream()
                .map(k -> "\"" + k.getArgument("fields").getValue() + "\"").toList()) + ")";
    }

    private void fill(Group g, DataFetchingEnvironment env, QueryPlanner planner, Access access, RequestBudget budget,
                      Object[] results) {
        Table table = g.binding().table();
        List<String> keyColumns = g.keys().columns().stream().map(Column::name).toList();
        if (access.policy() != null && !access.policy().table(table.ref()).map(p -> p.columns().containsAll(keyColumns)
                && keyColumns.stream().noneMatch(p.masks()::containsKey)).orElse(false)) { // the schema has no such key; this holds for any way in
            throw new dev.weft.dialect.WeftException(ErrorCode.FORBIDDEN, "role '" + access.role()
                    + "' may not address rows of " + table.ref() + " by key: it does not see every key column");
        }
        Set<String> columns = new LinkedHashSet<>();
        g.keys().columns().forEach(c -> columns.add(c.name()));
        List<String> selected = env.getSelectionSet().getImmediateFields().stream()
                .filter(f -> f.getObjectTypeNames().contains(table.typeName())).map(SelectedField::getName).toList();
        columns.addAll(planner.columnsOf(g.binding(), selected));
        Select select = fetchers.resolve(new Select(table.ref(), new ArrayList<>(columns), access.filter(table.ref()),
                List.of(), Page.ALL));
        Map<List<Object>, List<Object>> distinct = new LinkedHashMap<>();
        g.bound().forEach(b -> distinct.putIfAbsent(g.keys().canonical(b), b));
        List<Row> rows = fetchers.executor(table.ref()).selectBatch(select, new KeyBatch(keyColumns, new ArrayList<>(distinct.values())));
        ResponseRows.list(budget, rows);
        Map<List<Object>, Row> byKey = new HashMap<>();
        rows.forEach(r -> byKey.putIfAbsent(g.keys().canonical(r), r));
        for (int j = 0; j < g.indexes().size(); j++) {
            Row row = byKey.get(g.keys().canonical(g.bound().get(j)));
            results[g.indexes().get(j)] = row == null ? null
                    : DataFetcherResult.newResult().data(row).localContext(table.typeName()).build();
        }
    }

    private static Set<String> entityTypes(DataFetchingEnvironment env) {
        Set<String> names = new java.util.HashSet<>();
        if (env.getGraphQLSchema().getType("_Entity") instanceof GraphQLUnionType union) {
            union.getTypes().forEach(t -> names.add(((GraphQLNamedType) t).getName()));
        }
        return names;
    }

    private static GraphQLError error(ResultPath path, String message, ErrorCode code) {
        return GraphqlErrorBuilder.newError().message(message).path(path).extensions(Map.of("code", code.name())).build();
    }
}
