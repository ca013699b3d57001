package dev.weft.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;

/**
 * The conditions of a PostgreSQL {@code jsonb} column ({@code JsonbComparisonExp}): containment both ways,
 * key existence, and {@code _is_null}. A {@code json} column (no such operators in PostgreSQL) keeps
 * {@code JSONComparisonExp}.
 *
 * <pre>{@code
 * { shop_docs(where: {data: {_contains: {tags: ["a"]}, _has_keys_any: ["x", "y"]}}) { id } }
 * }</pre>
 */
final class JsonbComparison {
    static final String NAME = "JsonbComparisonExp";

    private JsonbComparison() {
    }

    static boolean applies(Column column) {
        return column.type() == ColumnType.JSON && column.isScalar() && "jsonb".equalsIgnoreCase(column.sqlType());
    }

    /**
     * {@code field} with Hasura's {@code path} argument when {@code column} is a PostgreSQL {@code json} or
     * {@code jsonb} column ({@code data(path: "a.b[0]")}).
     */
    static GraphQLFieldDefinition.Builder withPath(Column column, GraphQLFieldDefinition.Builder field) {
        if (column.type() == ColumnType.JSON && column.isScalar()
                && ("jsonb".equalsIgnoreCase(column.sqlType()) || "json".equalsIgnoreCase(column.sqlType()))) {
            field.argument(GraphQLArgument.newArgument().name("path").type(Scalars.GraphQLString)
                    .description("A path into the value, as PostgreSQL's #> reads it: a.b[0], $.a[\"b.c\"]; null where absent"));
        }
        return field;
    }

    /** The type named {@code name} ({@link #NAME}, or Hasura's {@code jsonb_comparison_exp}) over the JSON scalar {@code json}. */
    static GraphQLInputObjectType type(String name, graphql.schema.GraphQLScalarType json) {
        return GraphQLInputObjectType.newInputObject().name(name).description("Conditions on a PostgreSQL jsonb value")
                .field(newInputObjectField().name("_contains").type(json)
                        .description("The value contains this JSON (@>)"))
                .field(newInputObjectField().name("_contained_in").type(json)
                        .description("The value is contained in this JSON (<@)"))
                .field(newInputObjectField().name("_has_key").type(Scalars.GraphQLString)
                        .description("The key is a top-level key (or array string) of the value (?)"))
                .field(newInputObjectField().name("_has_keys_any").type(list(nonNull(Scalars.GraphQLString)))
                        .description("Some of these keys are top-level keys of the value (?|)"))
                .field(newInputObjectField().name("_has_keys_all").type(list(nonNull(Scalars.GraphQLString)))
                        .description("All these keys are top-level keys of the value (?&)"))
                .field(newInputObjectField().name("_is_null").type(Scalars.GraphQLBoolean))
                .build();
    }
}
