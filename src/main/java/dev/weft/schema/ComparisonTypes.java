package dev.weft.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Column;
import dev.weft.catalog.TextMatching;
import dev.weft.catalog.TypeNaming;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.List;
import java.util.Map;

/**
 * The comparison input of a column ({@code where: {name: {...}}}), one per scalar and per set of text operators its
 * source evaluates: {@code StringComparisonExp} has {@code _eq}...{@code _nilike}, {@code StringRegexComparisonExp}
 * adds {@code _regex}, {@code _iregex}, {@code _nregex} and {@code _niregex} (MariaDB, MySQL, MongoDB, H2, DB2 with
 * {@code REGEXP_LIKE}), {@code StringRegexSimilarComparisonExp} adds {@code _similar} and {@code _nsimilar} too
 * (PostgreSQL). Names come from {@link TextMatching#comparisonType} in Weft's naming, from {@link #hasuraName} in
 * Hasura's ({@code Int_comparison_exp}, PostgreSQL's text {@code String_comparison_exp}). A PostgreSQL {@code jsonb}
 * column takes {@link JsonbComparison}.
 *
 * <pre>{@code
 * comparisons.of(lastName, new TextMatching(true, true, true), TypeNaming.WEFT, scalars)   // StringRegexSimilarComparisonExp
 * comparisons.of(lastName, new TextMatching(true, true, true), TypeNaming.HASURA, scalars) // String_comparison_exp
 * }</pre>
 */
final class ComparisonTypes {
    private final Map<String, GraphQLType> types;

    ComparisonTypes(Map<String, GraphQLType> types) {
        this.types = types;
    }

    GraphQLInputType of(Column column, TextMatching matching, TypeNaming naming, ScalarSet scalars) {
        if (JsonbComparison.applies(column)) { // PostgreSQL jsonb: its own operators
            String name = naming.hasura() ? naming.comparison("jsonb") : JsonbComparison.NAME;
            types.computeIfAbsent(name, n -> JsonbComparison.type(n, scalars.of(column)));
            return typeRef(name);
        }
        GraphQLScalarType scalar = scalars.of(column);
        TextMatching offered = column.type().isText() ? matching : TextMatching.LIKE_ONLY;
        String name = naming.hasura() ? hasuraName(naming, scalar.getName(), offered, column.type().isText())
                : offered.comparisonType(scalar.getName(), column.type().isText());
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
            for (String op : offered.operators()) {
                exp.field(newInputObjectField().name(op).type(graphql.Scalars.GraphQLString).description(description(op)));
            }
        }
        exp.field(newInputObjectField().name("_is_null").type(graphql.Scalars.GraphQLBoolean));
        types.put(name, exp.build());
        return typeRef(name);
    }

    /**
     * Hasura's name of a comparison type: {@code <scalar>_comparison_exp}; for text, Hasura's PostgreSQL
     * {@code String_comparison_exp} is the one with every operator (regex and SIMILAR TO), and sources that evaluate
     * fewer get {@code String_regex_comparison_exp} (regex only) or {@code String_like_comparison_exp} (neither).
     */
    static String hasuraName(TypeNaming naming, String scalar, TextMatching offered, boolean text) {
        if (!text || offered.regex() && offered.similar()) {
            return naming.comparison(scalar);
        }
        return naming.comparison(scalar + (offered.regex() ? "_regex" : offered.similar() ? "_similar" : "_like"));
    }

    private static String description(String operator) {
        return switch (operator) {
            case "_regex" -> "Matches this regular expression (case-sensitive)";
            case "_iregex" -> "Matches this regular expression, ignoring case";
            case "_nregex" -> "Does not match this regular expression (case-sensitive)";
            case "_niregex" -> "Does not match this regular expression, ignoring case";
            case "_similar" -> "Matches this SQL SIMILAR TO pattern";
            default -> "Does not match this SQL SIMILAR TO pattern";
        };
    }
}
