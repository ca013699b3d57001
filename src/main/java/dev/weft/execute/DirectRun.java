package dev.weft.execute;

import static dev.weft.execute.NormalizedSelections.aggregatesOf;
import static dev.weft.execute.NormalizedSelections.has;
import static dev.weft.execute.NormalizedSelections.names;
import static dev.weft.execute.NormalizedSelections.nodeNames;

import dev.weft.catalog.Column;
import dev.weft.query.JsonPath;
import dev.weft.catalog.GraphqlNames;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.dialect.ErrorCode;
import dev.weft.execute.json.LeafFormat;
import dev.weft.execute.json.LeafFormats;
import dev.weft.execute.json.ObjectLevel;
import dev.weft.execute.json.ObjectShape;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.Scalars;
import dev.weft.schema.TableBinding;
import dev.weft.security.Mask;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * One execution of {@link DirectExecutionStrategy}: walks graphql-java's normalized operation tree
 * level by level and builds the result: compact levels of rows ({@link ObjectLevel}), not a map per row. Root fields and sibling relationships run concurrently
 * on the fetchers' executor; a failing field is null at its path and its error is collected in
 * {@link #errors} (unordered: the strategy orders them).
 */
final class DirectRun {
    private final ExecutionContext context;
    private final ExecutableNormalizedOperation operation;
    final List<GraphQLError> errors = Collections.synchronizedList(new ArrayList<>());
    private final Fetchers fetchers;
    private final Map<String, DirectExecutionStrategy.Root> roots;
    private final Access access;
    private final RequestBudget budget;
    private final QueryPlanner planner;
    private final ResultValues serializer;
    private final DirectRelationships relationships;
    private final SourceJsonLevels sourceJson;
    private final Map<GraphQLScalarType, LeafFormat> formats = new java.util.concurrent.ConcurrentHashMap<>();

    DirectRun(ExecutionContext context, ExecutableNormalizedOperation operation, Fetchers fetchers,
              Map<String, DirectExecutionStrategy.Root> roots) {
        this.context = context;
        this.operation = operation;
        this.fetchers = fetchers;
        this.roots = roots;
        this.access = fetchers.access(context.getGraphQLContext());
        this.budget = RequestBudget.of(context.getGraphQLContext());
        this.planner = fetchers.planner().forAccess(access);
        this.serializer = new ResultValues(context.getGraphQLContext(), context.getLocale(), context.getGraphQLSchema());
        this.sourceJson = new SourceJsonLevels(this, fetchers, access, budget);
        this.relationships = new DirectRelationships(this, planner, fetchers.loaders(), access, budget, sourceJson);
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
            return context.getGraphQLSchema().getQueryType().getName();
        }
        DirectExecutionStrategy.Root root = roots.get(f.getName());
        ResultLocation loc = new ResultLocation(null, f.getResultKey(), -1);
        if (root.table() == null) {
            try {
                return DirectEntities.rootField(this, context, root.kind(), f, loc, fetchers, access, budget);
            } catch (RuntimeException e) {
                error(f, loc, e);
                return null;
            }
        }
        TableBinding binding = planner.bindings().table(root.table());
        try {
            return switch (root.kind()) {
                case LIST -> {
                    Select select = planner.selectFields(root.table(), f.getResolvedArguments(), names(f.getChildren()), List.of());
                    Object fromSourceJson = sourceJson.rootList(binding, f, select);
                    if (fromSourceJson != null) {
                        yield fromSourceJson;
                    }
                    List<Row> rows = fetchers.rootList(select, budget);
                    yield objects(binding, f.getChildren(), rows, ResultLocation.indexed(loc, rows.size())).list(0, rows.size());
                }
                case BY_PK -> {
                    List<String> columns = new ArrayList<>(planner.columnsOf(binding, names(f.getChildren())));
                    if (columns.isEmpty()) {
                        columns.add(binding.table().columns().get(0).name());
                    }
                    Row row = fetchers.byPk(planner, root.table(), f.getResolvedArguments(), columns);
                    yield row == null ? null : objects(binding, f.getChildren(), List.of(row), List.of(loc)).object(0);
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
                default -> throw new IllegalStateException("no table behind " + f.getName());
            };
        } catch (RuntimeException e) {
            error(f, loc, e);
            return null;
        }
    }

    /**
     * The objects of rows of one table for the selected fields, relationships batched across all rows: one
     * {@link ObjectLevel} that writes its JSON from the rows; a value a field's scalar cannot serialize fails here.
     */
    ObjectLevel objects(TableBinding binding, List<ExecutableNormalizedField> fields, List<Row> rows,
                        List<ResultLocation> locs) {
        List<ExecutableNormalizedField> related = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        ObjectShape.Builder shape = ObjectShape.builder();
        int children = 0;
        // per field, once: its column, its mask for the caller, its format (the row loop only reads them)
        for (ExecutableNormalizedField f : fields) {
            Column column = binding.columns().get(f.getName());
            if (column != null) {
                shape.leaf(f.getResultKey(), column.name(), format(binding, f, column), prepare(binding, f, column));
            } else if (f.getName().equals("__typename")) {
                shape.constant(f.getResultKey(), typeName(binding, f));
            } else {
                shape.child(f.getResultKey()); // null unless a relationship fills it below
                if (QueryPlanner.relationshipOf(binding, f.getName()) != null) {
                    related.add(f);
                    slots.add(children);
                }
                children++;
            }
        }
        ObjectLevel level = ObjectLevel.of(shape.build(), rows);
        level.check();
        if (rows.isEmpty() || related.isEmpty()) {
            return level;
        }
        List<Supplier<Object>> work = new ArrayList<>();
        for (ExecutableNormalizedField f : related) {
            work.add(() -> relationships.relationship(binding, f, rows, locs));
        }
        List<Object> results = concurrently(work);
        for (int i = 0; i < related.size(); i++) {
            List<?> values = (List<?>) results.get(i);
            for (int r = 0; r < rows.size(); r++) {
                level.setChild(slots.get(i), r, values.get(r));
            }
        }
        return level;
    }

    private LeafFormat format(TableBinding binding, ExecutableNormalizedField f, Column column) {
        String type = binding.table().typeName();
        if (column.isScalar()) {
            return formats.computeIfAbsent(scalar(binding, f, column),
                    s -> LeafFormats.of(s, context.getGraphQLContext(), context.getLocale()));
        }
        return new LeafFormat() { // a MongoDB document or array: its sub-selection applied, as a map or list
            @Override
            public Object coerce(Object value) {
                return serializer.documentValue(type, column, f, value);
            }

            @Override
            public void write(JsonGenerator generator, SerializationContext ctxt, Object value) {
                ctxt.writeValue(generator, coerce(value));
            }
        };
    }

    /** The caller's mask and the field's JSON path argument, applied to a column's value before its format; null for none. */
    private UnaryOperator<Object> prepare(TableBinding binding, ExecutableNormalizedField f, Column column) {
        MaskStrategy mask = access.mask(binding.table().ref(), column.name());
        Object path = f.getResolvedArguments().get("path");
        List<?> parsed = path == null ? null : JsonPath.parse((String) path);
        if (mask == null && parsed == null) {
            return null;
        }
        return value -> {
            Object v = mask == null ? value : Mask.apply(mask, value);
            return parsed == null ? v : JsonPath.apply(v, parsed);
        };
    }

    /**
     * The {@code <T>Aggregate} objects of several parents: {@code aggregate { count sum {...} ... }} from
     * the values, {@code nodes} from the rows (their relationships batched across all parents).
     */
    List<Map<String, Object>> aggregateObjects(TableBinding target, ExecutableNormalizedField f,
                                                       List<Map<String, Object>> values, List<List<Row>> nodes,
                                                       List<ResultLocation> locs) {
        List<Map<String, Object>> result = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            result.add(new LinkedHashMap<>());
        }
        String type = target.table().typeName();
        for (ExecutableNormalizedField child : f.getChildren()) {
            switch (child.getName()) {
                case "__typename" -> result.forEach(m -> m.put(child.getResultKey(), ResultValues.typeName(child)));
                case "aggregate" -> {
                    for (int i = 0; i < values.size(); i++) {
                        result.get(i).put(child.getResultKey(), serializer.aggregateFields(target, child, values.get(i)));
                    }
                }
                case "nodes" -> {
                    List<Row> flat = new ArrayList<>();
                    ResultLocation.Children flatLocs = new ResultLocation.Children(locs, child.getResultKey(), 16);
                    for (int i = 0; i < nodes.size(); i++) {
                        for (int j = 0; j < nodes.get(i).size(); j++) {
                            flat.add(nodes.get(i).get(j));
                            flatLocs.add(i, j);
                        }
                    }
                    ObjectLevel level = objects(target, child.getChildren(), flat, flatLocs);
                    int next = 0;
                    for (int i = 0; i < nodes.size(); i++) {
                        int size = nodes.get(i).size();
                        result.get(i).put(child.getResultKey(), level.list(next, next + size));
                        next += size;
                    }
                }
                default -> throw new IllegalStateException("unexpected field " + child.getName());
            }
        }
        return result;
    }

    void error(ExecutableNormalizedField f, ResultLocation loc, RuntimeException e) {
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

    /** The definition of {@code f} in the request's schema, on the type it is selected on for rows of {@code binding}. */
    graphql.schema.GraphQLFieldDefinition definition(TableBinding binding, ExecutableNormalizedField f) {
        graphql.schema.GraphQLObjectType object = context.getGraphQLSchema().getObjectType(typeName(binding, f));
        return object == null ? null : object.getFieldDefinition(f.getName());
    }

    /**
     * The schema's name of the object type {@code f} is selected on for rows of {@code binding}: the table's type name,
     * or the one type the field is selected on where the schema names it otherwise (one of a union's types: the table's).
     */
    static String typeName(TableBinding binding, ExecutableNormalizedField f) {
        String table = binding.table().typeName();
        return f.getObjectTypeNames().size() == 1 && !f.getObjectTypeNames().contains(table)
                ? f.getObjectTypeNames().iterator().next() : table;
    }

    /**
     * The field's scalar in the request's schema (its formatter follows it): the column's, {@code ID} where
     * federation.yml types it so, or whatever rendering the schema's naming gives the column's type.
     */
    GraphQLScalarType scalar(TableBinding binding, ExecutableNormalizedField f, Column column) {
        graphql.schema.GraphQLFieldDefinition definition = definition(binding, f);
        return definition != null && graphql.schema.GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLScalarType s
                ? s : Scalars.of(column.type());
    }
}
