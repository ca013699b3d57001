package dev.weft.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.catalog.TypeNaming;
import dev.weft.catalog.TypeNaming.Part;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The aggregate types of a table: {@code <Type>Aggregate {aggregate nodes}} and {@code <Type>AggregateFields} with
 * {@code count(columns: [<Type>SelectColumn!], distinct: Boolean)}, {@code sum}, {@code avg}, {@code min},
 * {@code max} and the statistics of spread {@code stddev}, {@code stddev_pop}, {@code stddev_samp}, {@code variance},
 * {@code var_pop}, {@code var_samp} (each a {@code Float} per numeric column).
 *
 * <p>Example: {@code hr_employees_aggregate { aggregate { count(columns: [dept_id], distinct: true)
 * stddev { salary } } }}.
 */
public final class AggregateTypes {
    private static final List<String> SPREAD = List.of("stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp");

    private final SchemaView view;
    private final GraphQLCodeRegistry.Builder code;
    private final Consumer<GraphQLType> put;
    private final TypeNaming naming;
    private final ScalarSet scalars;

    AggregateTypes(SchemaView view, GraphQLCodeRegistry.Builder code, Consumer<GraphQLType> put, TypeNaming naming,
                   ScalarSet scalars) {
        this.view = view;
        this.code = code;
        this.put = put;
        this.naming = naming;
        this.scalars = scalars;
    }

    /**
     * Where a count over columns is in the response map of an aggregate: {@code count:distinct:a,b} (GraphQL field
     * names); a plain count is under {@code count}.
     */
    public static String countKey(List<String> fieldNames, boolean distinct) {
        return "count:" + (distinct ? "distinct:" : "") + String.join(",", fieldNames);
    }

    /** Whether the table has a {@code <Type>SelectColumn} enum in this view (a column the role may compare). */
    static boolean hasSelectColumns(SchemaView view, Table table) {
        return table.columns().stream().anyMatch(c -> c.isScalar() && view.comparable(table.ref(), c));
    }

    void add(Table table) {
        String type = table.typeName();
        List<Column> numeric = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isNumeric() && view.comparable(table.ref(), c)).toList();
        List<Column> ordered = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isOrdered() && view.comparable(table.ref(), c)).toList();
        List<Column> countable = table.columns().stream().filter(c -> c.isScalar() && view.comparable(table.ref(), c)).toList();
        GraphQLObjectType.Builder fields = GraphQLObjectType.newObject().name(naming.of(type, Part.AGGREGATE_FIELDS))
                .field(count(type, countable));
        addFunctionType(fields, "sum", type, numeric, c -> scalars.sumOf(c.type()));
        addFunctionType(fields, "avg", type, numeric, c -> graphql.Scalars.GraphQLFloat);
        addFunctionType(fields, "min", type, ordered, scalars::of);
        addFunctionType(fields, "max", type, ordered, scalars::of);
        for (String function : SPREAD) {
            addFunctionType(fields, function, type, numeric, c -> graphql.Scalars.GraphQLFloat);
        }
        put.accept(fields.build());
        put.accept(GraphQLObjectType.newObject().name(naming.of(type, Part.AGGREGATE))
                .description("Aggregates over rows of " + table.ref() + ", and the rows themselves")
                .field(newFieldDefinition().name("aggregate").type(typeRef(naming.of(type, Part.AGGREGATE_FIELDS))))
                .field(newFieldDefinition().name("nodes").type(nonNull(list(nonNull(typeRef(type))))))
                .build());
    }

    private graphql.schema.GraphQLFieldDefinition count(String type, List<Column> countable) {
        var count = newFieldDefinition().name("count").type(nonNull(graphql.Scalars.GraphQLInt));
        if (countable.isEmpty()) {
            return count.build();
        }
        String enumName = naming.of(type, Part.SELECT_COLUMN);
        GraphQLEnumType.Builder columns = GraphQLEnumType.newEnum().name(enumName).description("The columns of " + type);
        countable.forEach(c -> columns.value(c.fieldName(), c.fieldName()));
        put.accept(columns.build());
        count.description("Rows; with columns, the rows where all of them are non-null; with distinct, the distinct "
                        + "non-null values of the one column")
                .argument(newArgument().name("columns").type(list(nonNull(typeRef(enumName)))))
                .argument(newArgument().name("distinct").type(graphql.Scalars.GraphQLBoolean));
        DataFetcher<Object> fetcher = env -> {
            Map<?, ?> source = env.getSource();
            List<String> names = env.getArgument("columns");
            if (names == null || names.isEmpty()) {
                return source.get("count");
            }
            return source.get(countKey(names, Boolean.TRUE.equals(env.getArgument("distinct"))));
        };
        code.dataFetcher(FieldCoordinates.coordinates(naming.of(type, Part.AGGREGATE_FIELDS), "count"), fetcher);
        return count.build();
    }

    private void addFunctionType(GraphQLObjectType.Builder fields, String function, String tableType, List<Column> columns,
                                 Function<Column, GraphQLScalarType> scalar) {
        if (columns.isEmpty()) {
            return;
        }
        String typeName = naming.of(tableType, Part.fieldsOf(function));
        GraphQLObjectType.Builder type = GraphQLObjectType.newObject().name(typeName);
        columns.forEach(c -> type.field(newFieldDefinition().name(c.fieldName()).type(scalar.apply(c))));
        put.accept(type.build());
        fields.field(newFieldDefinition().name(function).type(typeRef(typeName)));
    }
}
