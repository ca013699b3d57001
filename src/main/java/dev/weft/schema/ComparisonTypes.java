package dev.weft.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Column;
import dev.weft.catalog.TypeNaming;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.List;
import java.util.Map;

/**
 * The comparison input of a column's scalar, made once per name: {@code IntComparisonExp} (Hasura's naming:
 * {@code Int_comparison_exp}, {@code timestamptz_comparison_exp}) with {@code _eq}, {@code _neq}, {@code _in},
 * {@code _nin}, the order operators for ordered types, the pattern operators for text and {@code _is_null};
 * a PostgreSQL {@code jsonb} column's is {@link JsonbComparison}'s.
 *
 * <pre>{@code
 * GraphQLInputType where = comparisons.of(column, TypeNaming.HASURA, ScalarSet.of(true, false)); // ref to Int_comparison_exp
 * }</pre>
 */
final class ComparisonTypes {
    private final Map<String, GraphQLType> types;

    /** Comparison types are added to {@code types} (by name) when first asked for. */
    ComparisonTypes(Map<String, GraphQLType> types) {
        this.types = types;
    }

    GraphQLInputType of(Column column, TypeNaming naming, ScalarSet scalars) {
        if (JsonbComparison.applies(column)) { // PostgreSQL jsonb: its own operators
            String name = naming.hasura() ? naming.comparison("jsonb") : JsonbComparison.NAME;
            types.computeIfAbsent(name, n -> JsonbComparison.type(n, scalars.of(column)));
            return typeRef(name);
        }
        GraphQLScalarType scalar = scalars.of(column);
        String name = naming.comparison(scalar.getName());
        if (types.containsKey(name)) {
            return typeRef(name);
        }
        GraphQLInputObjectType.Builder exp = GraphQLInputObjectType.newInputObject().name(name)
                .description("Conditions on a " + scalar.getName() + " value");
        if (column.type().isComparable()) {
            exp.field(newInputObjectField().name("_eq").type(scalar))
                    .field(newInputObjectField().name("_neq").type(scalar))
                    .field(newInputObjectField().name("_in").type(list(nonNull(scalar))))
                    .field(newInputObjectField().name("_nin").type(list(nonNull(scalar))));
        }
        if (column.type().isOrdered()) {
            for (String op : List.of("_gt", "_gte", "_lt", "_lte")) {
                exp.field(newInputObjectField().name(op).type(scalar));
            }
        }
        if (column.type().isText()) {
            for (String op : List.of("_like", "_nlike", "_ilike", "_nilike")) {
                exp.field(newInputObjectField().name(op).type(graphql.Scalars.GraphQLString));
            }
        }
        exp.field(newInputObjectField().name("_is_null").type(graphql.Scalars.GraphQLBoolean));
        types.put(name, exp.build());
        return typeRef(name);
    }
}
