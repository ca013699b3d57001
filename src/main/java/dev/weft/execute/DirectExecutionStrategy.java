package dev.weft.execute;

import static dev.weft.execute.NormalizedSelections.aggregatesOf;
import static dev.weft.execute.NormalizedSelections.emptyAggregate;
import static dev.weft.execute.NormalizedSelections.functionTypeSuffix;
import static dev.weft.execute.NormalizedSelections.has;
import static dev.weft.execute.NormalizedSelections.names;
import static dev.weft.execute.NormalizedSelections.nodeNames;

import dev.weft.catalog.Column;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.query.Access;
import dev.weft.limits.RequestBudget;
import dev.weft.security.Mask;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.Scalars;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes queries over the generated schema without a data fetcher per field: graphql-java parses,
 * validates and normalizes the operation (fragments, aliases, variables, {@code @skip}/{@code @include}),
 * then each level of the normalized tree is fetched with one batched statement per relationship
 * (as the DataLoaders do) and the result maps are built directly, the way Hasura compiles a query
 * instead of resolving it field by field. Root fields and sibling relationships run concurrently
 * on virtual threads.
 *
 * <p>Anything else (introspection, mutations, deferred fields) goes to graphql-java's own
 * {@link AsyncExecutionStrategy} with the schema's data fetchers, which give the same results; tests
 * compare the two.
 *
 * <p>Errors follow graphql-java's rules: a failing field is null at its path with one error there
 * (code in {@code extensions.code}); every field that can fail here is nullable, so nothing bubbles.
 */
public final class DirectExecutionStrategy extends AsyncExecutionStrategy {
    private static final Logger log = LoggerFactory.getLogger(DirectExecutionStrategy.class);

    private final Fetchers fetchers;
    private final QueryPlanner planner;
    private final RelationshipLoaders loaders;
    private final Map<String, Root> roots = new HashMap<>();

    private enum RootKind { LIST, BY_PK, AGGREGATE }

    private record Root(RootKind kind, TableRef table) {
    }

    public DirectExecutionStrategy(Fetchers fetchers, DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
        this.fetchers = fetchers;
        this.planner = fetchers.planner();
        this.loaders = fetchers.loaders();
        SchemaBindings bindings = planner.bindings();
        bindings.tables().values().forEach(b -> {
            String root = b.table().rootField();
            roots.put(root, new Root(RootKind.LIST, b.table().ref()));
            roots.put(root + GraphqlNames.AGGREGATE_FIELD, new Root(RootKind.AGGREGATE, b.table().ref()));
            if (!b.table().primaryKey().isEmpty()) {
                roots.put(root + GraphqlNames.BY_PK, new Root(RootKind.BY_PK, b.table().ref()));
            }
        });
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        if (context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY
                || context.hasIncrementalSupport()) {
            return super.execute(context, parameters);
        }
        ExecutableNormalizedOperation operation;
        try {
            operation = context.getNormalizedQueryTree().get();
        } catch (RuntimeException e) {
            log.debug("normalizing failed, executing field by field", e);
            return super.execute(context, parameters);
        }
        if (!operation.getTopLevelFields().stream().allMatch(f -> f.getName().equals("__typename") || roots.containsKey(f.getName()))) {
            return super.execute(context, parameters);
        }
        Run run = new Run(context, operation);
        Map<String, Object> data = run.rootFields(operation.getTopLevelFields());
        // sibling fields fail concurrently: order their errors by path, so a response is always the same
        run.errors.stream().sorted(BY_PATH).forEach(context::addError);
        return CompletableFuture.completedFuture(new ExecutionResultImpl(data, context.getErrors()));
    }

    /** One execution: its context, its errors. */
    private final class Run {
        private final ExecutionContext context;
        private final ExecutableNormalizedOperation operation;
        private final GraphQLContext graphQLContext;
        private final Locale locale;
        final List<GraphQLError> errors = Collections.synchronizedList(new ArrayList<>());
        private final Access access;
        private final RequestBudget budget;
        private final QueryPlanner planner;

        Run(ExecutionContext context, ExecutableNormalizedOperation operation) {
            this.context = context;
            this.operation = operation;
            this.graphQLContext = context.getGraphQLContext();
            this.locale = context.getLocale();
            this.access = fetchers.access(graphQLContext);
            this.budget = RequestBudget.of(graphQLContext);
            this.planner = DirectExecutionStrategy.this.planner.forAccess(access);
        }

        Map<String, Object> rootFields(List<ExecutableNormalizedField> fields) {
            List<Supplier<Object>> work = new ArrayList<>();
            for (ExecutableNormalizedField f : fields) {
                work.add(() -> rootField(f));
            }
            List<Object> values = concurrently(work);
            Map<String, Object> data = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                data.put(fields.get(i).getResultKey(), values.get(i));
            }
            return data;
        }

        private Object rootField(ExecutableNormalizedField f) {
            if (f.getName().equals("__typename")) {
                return "Query";
            }
            Root root = roots.get(f.getName());
            TableBinding binding = planner.bindings().table(root.table());
            Loc loc = new Loc(null, f.getResultKey(), -1);
            try {
                return switch (root.kind()) {
                    case LIST -> {
                        Select select = planner.selectFields(root.table(), f.getResolvedArguments(), names(f.getChildren()), List.of());
                        List<Row> rows = fetchers.rootList(select, budget);
                        yield objects(binding, f.getChildren(), rows, indexed(loc, rows.size()));
                    }
                    case BY_PK -> {
                        List<String> columns = new ArrayList<>(planner.columnsOf(binding, names(f.getChildren())));
                        if (columns.isEmpty()) {
                            columns.add(binding.table().columns().get(0).name());
                        }
                        Row row = fetchers.byPk(planner, root.table(), f.getResolvedArguments(), columns);
                        yield row == null ? null : objects(binding, f.getChildren(), List.of(row), List.of(loc)).get(0);
                    }
                    case AGGREGATE -> {
                        Select select = planner.aggregateSelectFields(root.table(), f.getResolvedArguments(), nodeNames(f), has(f, "nodes"));
                        Aggregates aggregates = aggregatesOf(binding, f);
                        Fetchers.AggregateResult result = fetchers.aggregate(planner, select, aggregates, has(f, "nodes"),
                                has(f, "aggregate"), budget);
                        List<List<Row>> nodes = List.of(result.nodes());
                        yield aggregateObjects(binding, f, List.of(result.values() == null ? Map.of() : result.values()),
                                nodes, List.of(loc)).get(0);
                    }
                };
            } catch (RuntimeException e) {
                error(f, loc, e);
                return null;
            }
        }

        /** The result maps of rows of one table for the selected fields, relationships batched across all rows. */
        private List<Map<String, Object>> objects(TableBinding binding, List<ExecutableNormalizedField> fields,
                                                  List<Row> rows, List<Loc> locs) {
            List<Map<String, Object>> maps = new ArrayList<>(rows.size());
            List<ExecutableNormalizedField> related = new ArrayList<>();
            for (ExecutableNormalizedField f : fields) {
                if (QueryPlanner.relationshipOf(binding, f.getName()) != null) {
                    related.add(f);
                }
            }
            int capacity = (int) (fields.size() / 0.75f) + 1;
            // per field, once: its column, its mask for the caller, its scalar (the row loop only reads them)
            Column[] columns = new Column[fields.size()];
            MaskStrategy[] masks = new MaskStrategy[fields.size()];
            GraphQLScalarType[] scalars = new GraphQLScalarType[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                Column column = binding.columns().get(fields.get(i).getName());
                columns[i] = column;
                if (column != null) {
                    masks[i] = access.mask(binding.table().ref(), column.name());
                    scalars[i] = column.isScalar() ? Scalars.of(column.type()) : null;
                }
            }
            for (Row row : rows) {
                Map<String, Object> map = new LinkedHashMap<>(capacity);
                for (int i = 0; i < fields.size(); i++) {
                    ExecutableNormalizedField f = fields.get(i);
                    Column column = columns[i];
                    if (column != null) {
                        Object value = row.get(column.name());
                        if (masks[i] != null) {
                            value = Mask.apply(masks[i], value);
                        }
                        map.put(f.getResultKey(), scalars[i] != null ? serialize(scalars[i], value)
                                : documentValue(binding.table().typeName(), column, f, value));
                    } else if (f.getName().equals("__typename")) {
                        map.put(f.getResultKey(), binding.table().typeName());
                    } else {
                        map.put(f.getResultKey(), null); // keeps the field's place; filled below
                    }
                }
                maps.add(map);
            }
            if (rows.isEmpty() || related.isEmpty()) {
                return maps;
            }
            List<Supplier<Object>> work = new ArrayList<>();
            for (ExecutableNormalizedField f : related) {
                work.add(() -> relationship(binding, f, rows, locs));
            }
            List<Object> results = concurrently(work);
            for (int i = 0; i < related.size(); i++) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) results.get(i);
                String key = related.get(i).getResultKey();
                for (int r = 0; r < maps.size(); r++) {
                    maps.get(r).put(key, values.get(r));
                }
            }
            return maps;
        }

        /** One relationship field for every parent row: its value per row, in row order. */
        private List<Object> relationship(TableBinding binding, ExecutableNormalizedField f, List<Row> rows, List<Loc> locs) {
            Relationship r = QueryPlanner.relationshipOf(binding, f.getName());
            boolean aggregate = !binding.relationships().containsKey(f.getName());
            boolean object = r.cardinality() == Relationship.Cardinality.OBJECT;
            TableBinding target = planner.bindings().table(r.to());
            Map<List<Object>, Integer> keyIndex = new LinkedHashMap<>();
            int[] rowKey = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                List<Object> key = loaders.parentKey(r, rows.get(i));
                rowKey[i] = key == null ? -1 : keyIndex.computeIfAbsent(key, k -> keyIndex.size());
            }
            List<List<Object>> keys = new ArrayList<>(keyIndex.keySet());
            List<Object> values = new ArrayList<>(Collections.nCopies(rows.size(), null));
            try {
                if (aggregate) {
                    Select select = planner.aggregateSelectFields(r.to(), f.getResolvedArguments(), nodeNames(f), has(f, "nodes"));
                    Aggregates aggregates = aggregatesOf(target, f);
                    List<RelationshipLoaders.PerParentAggregate> perKey = keys.isEmpty() ? List.of()
                            : loaders.aggregatePerParent(r, keys, select, aggregates, has(f, "nodes"), has(f, "aggregate"),
                            access, budget);
                    List<Map<String, Object>> valuesPerRow = new ArrayList<>(rows.size());
                    List<List<Row>> nodesPerRow = new ArrayList<>(rows.size());
                    List<Loc> fieldLocs = new ArrayList<>(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        RelationshipLoaders.PerParentAggregate a = rowKey[i] < 0 ? null : perKey.get(rowKey[i]);
                        valuesPerRow.add(a == null ? emptyAggregate(aggregates) : a.values());
                        nodesPerRow.add(a == null ? List.of() : a.nodes());
                        fieldLocs.add(new Loc(locs.get(i), f.getResultKey(), -1));
                    }
                    budget.charge(ResponseRows.bytesPerParent(perKey.stream().map(a -> a.nodes()).toList(), rowKey, false));
                    values.clear();
                    values.addAll(aggregateObjects(target, f, valuesPerRow, nodesPerRow, fieldLocs));
                    return values;
                }
                Select select = planner.selectFields(r.to(), f.getResolvedArguments(), names(f.getChildren()), r.toColumns());
                List<List<Row>> groups = keys.isEmpty() ? List.of() : loaders.rows(r, keys, select, access, budget);
                budget.charge(ResponseRows.bytesPerParent(groups, rowKey, object)); // what the parents hold, repeats included
                List<Row> flat = new ArrayList<>();
                List<Loc> flatLocs = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    List<Row> group = rowKey[i] < 0 ? List.of() : groups.get(rowKey[i]);
                    if (object) {
                        if (!group.isEmpty()) {
                            flat.add(group.get(0));
                            flatLocs.add(new Loc(locs.get(i), f.getResultKey(), -1));
                        }
                        continue;
                    }
                    for (int j = 0; j < group.size(); j++) {
                        flat.add(group.get(j));
                        flatLocs.add(new Loc(locs.get(i), f.getResultKey(), j));
                    }
                }
                List<Map<String, Object>> maps = objects(target, f.getChildren(), flat, flatLocs);
                int next = 0;
                for (int i = 0; i < rows.size(); i++) {
                    List<Row> group = rowKey[i] < 0 ? List.of() : groups.get(rowKey[i]);
                    if (object) {
                        values.set(i, group.isEmpty() ? null : maps.get(next++));
                    } else {
                        values.set(i, new ArrayList<>(maps.subList(next, next + group.size())));
                        next += group.size();
                    }
                }
                return values;
            } catch (RuntimeException e) {
                for (int i = 0; i < rows.size(); i++) {
                    values.set(i, null);
                    error(f, new Loc(locs.get(i), f.getResultKey(), -1), e);
                }
                return values;
            }
        }

        /**
         * The {@code <T>Aggregate} objects of several parents: {@code aggregate { count sum {...} ... }} from
         * the values, {@code nodes} from the rows (their relationships batched across all parents).
         */
        private List<Map<String, Object>> aggregateObjects(TableBinding target, ExecutableNormalizedField f,
                                                           List<Map<String, Object>> values, List<List<Row>> nodes,
                                                           List<Loc> locs) {
            List<Map<String, Object>> result = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                result.add(new LinkedHashMap<>());
            }
            String type = target.table().typeName();
            for (ExecutableNormalizedField child : f.getChildren()) {
                switch (child.getName()) {
                    case "__typename" -> result.forEach(m -> m.put(child.getResultKey(), type + GraphqlNames.AGGREGATE));
                    case "aggregate" -> {
                        for (int i = 0; i < values.size(); i++) {
                            result.get(i).put(child.getResultKey(), aggregateFields(target, child, values.get(i)));
                        }
                    }
                    case "nodes" -> {
                        List<Row> flat = new ArrayList<>();
                        List<Loc> flatLocs = new ArrayList<>();
                        for (int i = 0; i < nodes.size(); i++) {
                            for (int j = 0; j < nodes.get(i).size(); j++) {
                                flat.add(nodes.get(i).get(j));
                                flatLocs.add(new Loc(new Loc(locs.get(i), child.getResultKey(), -1), null, j));
                            }
                        }
                        List<Map<String, Object>> maps = objects(target, child.getChildren(), flat, flatLocs);
                        int next = 0;
                        for (int i = 0; i < nodes.size(); i++) {
                            int size = nodes.get(i).size();
                            result.get(i).put(child.getResultKey(), new ArrayList<>(maps.subList(next, next + size)));
                            next += size;
                        }
                    }
                    default -> throw new IllegalStateException("unexpected field " + child.getName());
                }
            }
            return result;
        }

        private Map<String, Object> aggregateFields(TableBinding target, ExecutableNormalizedField aggregate,
                                                    Map<String, Object> values) {
            Map<String, Object> fields = new LinkedHashMap<>();
            String type = target.table().typeName();
            for (ExecutableNormalizedField f : aggregate.getChildren()) {
                String name = f.getName();
                switch (name) {
                    case "__typename" -> fields.put(f.getResultKey(), type + GraphqlNames.AGGREGATE_FIELDS);
                    case "count" -> fields.put(f.getResultKey(), ((Number) values.getOrDefault("count", 0L)).intValue());
                    default -> {
                        Map<String, Object> perColumn = new LinkedHashMap<>();
                        for (ExecutableNormalizedField c : f.getChildren()) {
                            if (c.getName().equals("__typename")) {
                                perColumn.put(c.getResultKey(), type + functionTypeSuffix(name));
                                continue;
                            }
                            Column column = target.columns().get(c.getName());
                            GraphQLScalarType scalar = switch (name) {
                                case "sum" -> Scalars.sumOf(column.type());
                                case "avg" -> graphql.Scalars.GraphQLFloat;
                                default -> Scalars.of(column.type());
                            };
                            perColumn.put(c.getResultKey(), serialize(scalar, values.get(name + "." + column.name())));
                        }
                        fields.put(f.getResultKey(), perColumn);
                    }
                }
            }
            return fields;
        }

        /**
         * The value of a MongoDB field that is a nested document (a map by field name) or an array, with the
         * field's sub-selection applied and every leaf serialized by its scalar, as graphql-java would.
         */
        private Object documentValue(String owner, Column column, ExecutableNormalizedField f, Object value) {
            if (value == null || !column.list()) {
                return element(owner, column, f, value);
            }
            List<Object> elements = new ArrayList<>();
            for (Object element : (List<?>) value) {
                elements.add(element(owner, column, f, element));
            }
            return elements;
        }

        private Object element(String owner, Column column, ExecutableNormalizedField f, Object value) {
            if (value == null || !column.isDocument()) {
                return serialize(Scalars.of(column.type()), value);
            }
            String type = GraphqlNames.nestedType(owner, column);
            Map<?, ?> document = (Map<?, ?>) value;
            Map<String, Object> map = new LinkedHashMap<>();
            for (ExecutableNormalizedField child : f.getChildren()) {
                if (child.getName().equals("__typename")) {
                    map.put(child.getResultKey(), type);
                    continue;
                }
                Column field = column.fields().stream().filter(c -> c.fieldName().equals(child.getName())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no field " + child.getName() + " in " + type));
                Object fieldValue = document.get(field.name());
                map.put(child.getResultKey(), field.isScalar() ? serialize(Scalars.of(field.type()), fieldValue)
                        : documentValue(type, field, child, fieldValue));
            }
            return map;
        }

        private Object serialize(GraphQLScalarType scalar, Object value) {
            return value == null ? null : scalar.getCoercing().serialize(value, graphQLContext, locale);
        }

        private void error(ExecutableNormalizedField f, Loc loc, RuntimeException e) {
            if (budget.failure() != null) {
                return; // the request fails as a whole with the limit's one error (LimitsInstrumentation)
            }
            ResultPath path = loc.toPath();
            FieldFailure failure = FieldFailure.of(e, String.valueOf(context.getExecutionId()), path);
            String message = failure.message();
            ErrorCode code = failure.code();
            MergedField merged = operation.getMergedField(f);
            GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message(message).path(path)
                    .extensions(Map.of("code", code.name()));
            if (merged != null) {
                builder.location(merged.getSingleField().getSourceLocation());
            }
            errors.add(builder.build());
        }

        private List<Object> concurrently(List<Supplier<Object>> work) {
            if (work.size() == 1) {
                return Collections.singletonList(work.get(0).get());
            }
            List<CompletableFuture<Object>> futures = work.stream()
                    .map(w -> CompletableFuture.supplyAsync(w, fetchers.async())).toList();
            List<Object> values = new ArrayList<>(futures.size());
            futures.forEach(future -> values.add(future.join()));
            return values;
        }
    }

    private static final java.util.Comparator<GraphQLError> BY_PATH = (a, b) -> {
        List<Object> x = a.getPath() == null ? List.of() : a.getPath();
        List<Object> y = b.getPath() == null ? List.of() : b.getPath();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i) instanceof Integer m && y.get(i) instanceof Integer n ? Integer.compare(m, n)
                    : String.valueOf(x.get(i)).compareTo(String.valueOf(y.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    };

    private static List<Loc> indexed(Loc parent, int size) {
        List<Loc> locs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            locs.add(new Loc(parent, null, i));
        }
        return locs;
    }

    /**
     * Where a value sits in the response, built only when an error needs it: a field ({@code key})
     * or a list element ({@code index}) under its parent.
     */
    private record Loc(Loc parent, String key, int index) {
        ResultPath toPath() {
            ResultPath path = parent == null ? ResultPath.rootPath() : parent.toPath();
            if (key != null) {
                path = path.segment(key);
            }
            return index >= 0 ? path.segment(index) : path;
        }
    }
}
