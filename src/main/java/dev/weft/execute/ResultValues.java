package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
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
 * aggregate. Pure: reads no source, records no error (a failure throws to the caller's field). Type names
 * ({@code __typename}) and scalars are the request's schema's, whatever its naming.
 */
final class ResultValues {
    private final GraphQLContext graphQLContext;
    private final Locale locale;
    private final graphql.schema.GraphQLSchema schema;

    ResultValues(GraphQLContext graphQLContext, Locale locale, graphql.schema.GraphQLSchema schema) {
        this.graphQLContext = graphQLContext;
        this.locale = locale;
        this.schema = schema;
    }

    /** What {@code __typename} answers at {@code f}: the object type it is selected on (Weft's types are never abstract). */
    static String typeName(ExecutableNormalizedField f) {
        return f.getObjectTypeNames().iterator().next();
    }

    /** The scalar of the leaf {@code f} in the request's schema (as graphql-java serializes it). */
    GraphQLScalarType scalarOf(ExecutableNormalizedField f) {
        return (GraphQLScalarType) graphql.schema.GraphQLTypeUtil.unwrapAll(f.getFieldDefinitions(schema).get(0).getType());
    }

    Map<String, Object> aggregateFields(TableBinding target, ExecutableNormalizedField aggregate,
                                                Map<String, Object> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (ExecutableNormalizedField f : aggregate.getChildren()) {
            String name = f.getName();
            switch (name) {
                case "__typename" -> fields.put(f.getResultKey(), typeName(f));
                case "count" -> {
                    Aggregates.Count c = QueryPlanner.count(target, f.getResolvedArguments());
                    fields.put(f.getResultKey(), ((Number) values.getOrDefault(c == null ? "count" : c.resultKey(), 0L)).intValue());
                }
                default -> {
                    Map<String, Object> perColumn = new LinkedHashMap<>();
                    for (ExecutableNormalizedField c : f.getChildren()) {
                        if (c.getName().equals("__typename")) {
                            perColumn.put(c.getResultKey(), typeName(c));
                            continue;
                        }
                        Column column = target.columns().get(c.getName());
                        perColumn.put(c.getResultKey(), serialize(scalarOf(c), values.get(name + "." + column.name())));
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
        if (value == null) {
            return null;
        }
        if (!column.isDocument()) {
            return serialize(scalarOf(f), value);
        }
        String type = ((graphql.schema.GraphQLNamedType) graphql.schema.GraphQLTypeUtil.unwrapAll(
                f.getFieldDefinitions(schema).get(0).getType())).getName();
        Map<?, ?> document = (Map<?, ?>) value;
        Map<String, Object> map = new LinkedHashMap<>();
        for (ExecutableNormalizedField child : f.getChildren()) {
            if (child.getName().equals("__typename")) {
                map.put(child.getResultKey(), typeName(child));
                continue;
            }
            Column field = column.fields().stream().filter(c -> c.fieldName().equals(child.getName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no field " + child.getName() + " in " + type));
            Object fieldValue = document.get(field.name());
            map.put(child.getResultKey(), field.isScalar() ? serialize(scalarOf(child), fieldValue)
                    : documentValue(type, field, child, fieldValue));
        }
        return map;
    }

    Object serialize(GraphQLScalarType scalar, Object value) {
        return value == null ? null : scalar.getCoercing().serialize(value, graphQLContext, locale);
    }
}
