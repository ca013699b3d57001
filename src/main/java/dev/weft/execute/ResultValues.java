package dev.weft.execute;

import static dev.weft.execute.NormalizedSelections.functionTypeSuffix;

import dev.weft.catalog.Column;
import dev.weft.catalog.GraphqlNames;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
import dev.weft.schema.Scalars;
import dev.weft.schema.TableBinding;
import graphql.GraphQLContext;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serializes the values of one execution of {@link DirectExecutionStrategy} as graphql-java would:
 * leaves by their scalar's coercing (with the request's context and locale), MongoDB nested documents
 * and arrays by their sub-selection, and the {@code aggregate { count sum {...} ... }} fields of an
 * aggregate. Pure: reads no source, records no error (a failure throws to the caller's field).
 */
final class ResultValues {
    private final GraphQLContext graphQLContext;
    private final Locale locale;

    ResultValues(GraphQLContext graphQLContext, Locale locale) {
        this.graphQLContext = graphQLContext;
        this.locale = locale;
    }

    Map<String, Object> aggregateFields(TableBinding target, ExecutableNormalizedField aggregate,
                                                Map<String, Object> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String type = target.table().typeName();
        for (ExecutableNormalizedField f : aggregate.getChildren()) {
            String name = f.getName();
            switch (name) {
                case "__typename" -> fields.put(f.getResultKey(), type + GraphqlNames.AGGREGATE_FIELDS);
                case "count" -> {
                    Aggregates.Count c = QueryPlanner.count(target, f.getResolvedArguments());
                    fields.put(f.getResultKey(), ((Number) values.getOrDefault(c == null ? "count" : c.resultKey(), 0L)).intValue());
                }
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
                            case "min", "max" -> Scalars.of(column.type());
                            default -> graphql.Scalars.GraphQLFloat;
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
    Object documentValue(String owner, Column column, ExecutableNormalizedField f, Object value) {
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

    Object serialize(GraphQLScalarType scalar, Object value) {
        return value == null ? null : scalar.getCoercing().serialize(value, graphQLContext, locale);
    }
}
