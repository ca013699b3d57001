package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.TableBinding;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The rows of {@code _entities(representations:)}, for both execution paths ({@link EntityFetcher} for
 * graphql-java's, {@link DirectEntities} for the direct executor's): every representation of one type and key
 * becomes one batched statement on the type's source ({@link SourceExecutor#selectBatch}, split at the source's
 * bind limit like a relationship's keys), with the caller's row filter in its {@code where}; the answer lines up
 * with the representations, null where no row has the key or the filter hides it. The keys a type may be looked
 * up by are the {@code @key}s of the request's own schema, so a role that may not see a key's columns unmasked has
 * no such key (as it has no {@code _by_pk}). Types run concurrently.
 *
 * <pre>{@code
 * _entities(representations: [{__typename: "ShopOrders", id: "7"}, {__typename: "ShopOrders", id: 9}])
 * -> SELECT ... FROM orders WHERE (<row filter>) AND id IN (?, ?)      -- [7, 9], one statement
 * }</pre>
 */
final class EntityLookup {
    private final Fetchers fetchers;
    private final Map<String, TableBinding> byType = new HashMap<>();

    EntityLookup(Fetchers fetchers) {
        this.fetchers = fetchers;
        fetchers.planner().bindings().tables().values().forEach(b -> byType.put(b.table().typeName(), b));
    }

    /** What went wrong with representation {@code index}: its answer is null, with this error at its index. */
    record Failure(int index, String message, ErrorCode code) {
    }

    /** Per representation, its table (null when not found) and row; and the failures, by index. */
    record Answer(TableBinding[] types, Row[] rows, List<Failure> failures) {
    }

    /** The representations of one type looked up by one key: their indexes and bindable key values. */
    private record Group(TableBinding binding, EntityKeys keys, List<Integer> indexes, List<List<Object>> bound) {
    }

    /**
     * @param fieldsOfType the fields the request selects on a type, by GraphQL type name (their columns are read)
     * @param failed       turns an exception of a whole group into a failure of one index (logged with the request)
     */
    Answer find(List<?> representations, GraphQLSchema schema, Access access, RequestBudget budget,
                Function<String, Collection<String>> fieldsOfType, java.util.function.BiFunction<RuntimeException, Integer, Failure> failed) {
        budget.checkOpen();
        int n = representations.size();
        Answer answer = new Answer(new TableBinding[n], new Row[n], Collections.synchronizedList(new ArrayList<>()));
        Set<String> entities = entityTypes(schema);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String problem = group(schema, entities, representations.get(i), i, groups);
            if (problem != null) {
                answer.failures().add(new Failure(i, problem, ErrorCode.BAD_USER_INPUT));
            }
        }
        QueryPlanner planner = fetchers.planner().forAccess(access);
        List<CompletableFuture<Void>> work = groups.values().stream().map(g -> CompletableFuture.runAsync(() -> {
            try {
                fill(g, fieldsOfType.apply(g.binding().table().typeName()), planner, access, budget, answer);
            } catch (RuntimeException e) {
                g.indexes().forEach(i -> answer.failures().add(failed.apply(e, i)));
            }
        }, groups.size() == 1 ? Runnable::run : fetchers.async())).toList();
        work.forEach(CompletableFuture::join);
        answer.failures().sort(java.util.Comparator.comparingInt(Failure::index));
        return answer;
    }

    /** Puts representation {@code i} into its group; returns what is wrong with it, or null. */
    private String group(GraphQLSchema schema, Set<String> entities, Object representation, int i, Map<String, Group> groups) {
        if (!(representation instanceof Map<?, ?> map) || !(map.get("__typename") instanceof String type)) {
            return "a representation is an object with __typename and the fields of a @key";
        }
        TableBinding binding = byType.get(type);
        if (!entities.contains(type) || binding == null) {
            return "'" + type + "' is not an entity type of this subgraph";
        }
        GraphQLObjectType object = schema.getObjectType(type);
        for (GraphQLAppliedDirective key : object.getAppliedDirectives("key")) {
            String fields = (String) key.getArgument("fields").getValue();
            Optional<KeyRepresentation.Match> match = KeyRepresentation.match(fields, binding, fetchers.planner().bindings(), map);
            if (match.isEmpty()) {
                continue;
            }
            Group group = groups.computeIfAbsent(type + " " + fields, k ->
                    new Group(binding, new EntityKeys(match.get().columns()), new ArrayList<>(), new ArrayList<>()));
            Optional<List<Object>> bound = group.keys().bindable(match.get().values());
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

    private void fill(Group g, Collection<String> selected, QueryPlanner planner, Access access, RequestBudget budget,
                      Answer answer) {
        Table table = g.binding().table();
        List<String> keyColumns = g.keys().columns().stream().map(Column::name).toList();
        if (access.policy() != null && !access.policy().table(table.ref()).map(p -> p.columns().containsAll(keyColumns)
                && keyColumns.stream().noneMatch(p.masks()::containsKey)).orElse(false)) { // the schema has no such key; this holds for any way in
            throw new WeftException(ErrorCode.FORBIDDEN, "role '" + access.role()
                    + "' may not address rows of " + table.ref() + " by key: it does not see every key column");
        }
        Set<String> columns = new LinkedHashSet<>(keyColumns);
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
            if (row != null) {
                answer.types()[g.indexes().get(j)] = g.binding();
                answer.rows()[g.indexes().get(j)] = row;
            }
        }
    }

    private static Set<String> entityTypes(GraphQLSchema schema) {
        Set<String> names = new HashSet<>();
        if (schema.getType("_Entity") instanceof GraphQLUnionType union) {
            union.getTypes().forEach(t -> names.add(((GraphQLNamedType) t).getName()));
        }
        return names;
    }
}
