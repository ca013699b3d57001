package dev.weft.schema;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A first query that works on a given schema, for GraphiQL to open with: the first root list whose type has a
 * relationship (else the first root list), a few of its columns, and that relationship with two of its own.
 *
 * <pre>{@code
 * String query = ExampleQuery.of(runtime.schemaFor(caller));
 * // query Example {
 * //   shop_orders(limit: 10) {
 * //     id
 * //     product_id
 * //     product {
 * //       id
 * //       name
 * // ...
 * }</pre>
 */
public final class ExampleQuery {
    private static final int COLUMNS = 4;
    private static final int RELATED_COLUMNS = 2;
    private static final String HEADER = """
            # A first query, generated from the schema you may read: a table, a few of its
            # columns and one relationship. Run it with the button or Ctrl-Enter; Ctrl-Space
            # completes names. Set weft.graphiql.default-query to open GraphiQL with your own.
            """;

    private ExampleQuery() {
    }

    /** The query text, with a comment saying where it comes from; only a comment when the schema has no table. */
    public static String of(GraphQLSchema schema) {
        List<GraphQLFieldDefinition> roots = schema.getQueryType().getFieldDefinitions().stream()
                .filter(f -> GraphQLTypeUtil.unwrapNonNull(f.getType()) instanceof GraphQLList && table(f.getType()) != null)
                .toList();
        Set<String> tables = new HashSet<>();
        roots.forEach(root -> tables.add(table(root.getType()).getName()));
        Optional<GraphQLFieldDefinition> root = roots.stream().filter(f -> relationship(table(f.getType()), tables).isPresent())
                .findFirst().or(() -> roots.stream().findFirst());
        if (root.isEmpty()) {
            return HEADER + "# This schema has no table to read yet.\n";
        }
        GraphQLObjectType type = table(root.get().getType());
        StringBuilder query = new StringBuilder(HEADER).append("query Example {\n  ").append(root.get().getName())
                .append(limit(root.get(), 10)).append(" {\n");
        columns(type, COLUMNS).forEach(column -> query.append("    ").append(column).append('\n'));
        relationship(type, tables).ifPresent(relationship -> {
            query.append("    ").append(relationship.getName()).append(limit(relationship, 3)).append(" {\n");
            columns(table(relationship.getType()), RELATED_COLUMNS).forEach(column -> query.append("      ").append(column).append('\n'));
            query.append("    }\n");
        });
        return query.append("  }\n}\n").toString();
    }

    /** The first field of {@code type} leading to another table (an object or a list relationship), if any. */
    private static Optional<GraphQLFieldDefinition> relationship(GraphQLObjectType type, Set<String> tables) {
        return type.getFieldDefinitions().stream()
                .filter(f -> table(f.getType()) != null && tables.contains(table(f.getType()).getName()))
                .filter(f -> !columns(table(f.getType()), 1).isEmpty())
                .findFirst();
    }

    /** The names of the first {@code max} fields of {@code type} holding a value (scalars and enums) and needing no argument. */
    private static List<String> columns(GraphQLObjectType type, int max) {
        return type.getFieldDefinitions().stream()
                .filter(f -> GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(f.getType())))
                .filter(f -> f.getArguments().stream().noneMatch(a -> GraphQLTypeUtil.isNonNull(a.getType())))
                .limit(max).map(GraphQLFieldDefinition::getName).toList();
    }

    private static String limit(GraphQLFieldDefinition field, int limit) {
        return field.getArgument("limit") == null ? "" : "(limit: " + limit + ")";
    }

    private static GraphQLObjectType table(GraphQLType type) {
        GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(type);
        return named instanceof GraphQLObjectType object && !object.getName().endsWith("Aggregate") ? object : null;
    }
}
