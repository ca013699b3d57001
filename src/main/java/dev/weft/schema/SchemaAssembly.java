package dev.weft.schema;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLModifiedType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeReference;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the types {@link SchemaGenerator} made into a {@link GraphQLSchema} with graphql-java's
 * {@link GraphQLSchema.FastBuilder}: type references are resolved in one pass over the types, and the
 * schema is not validated again. graphql-java's validation walks the schema depth first, keeping the
 * whole path of every pending element; over a thousand related tables that path is thousands of types
 * deep and the walk needed about 2 GB of heap. Weft's generator only makes valid schemas (names are
 * checked for clashes by the catalog; {@code SchemaValidityTest} runs graphql-java's validator over
 * generated schemas), so the walk is skipped.
 *
 * <p>FastBuilder needs every named type given to it, the scalars included; they are collected from the
 * fields, arguments and input fields of the types.
 *
 * <pre>{@code
 * GraphQLSchema schema = SchemaAssembly.build(query, types, code, directives, false);
 * }</pre>
 */
final class SchemaAssembly {
    private SchemaAssembly() {
    }

    /**
     * @param validate whether graphql-java validates the result too (tests of the generator only)
     */
    static GraphQLSchema build(GraphQLObjectType query, Collection<GraphQLType> types, GraphQLCodeRegistry.Builder code,
                               List<GraphQLDirective> directives, boolean validate) {
        return build(query, null, types, code, directives, List.of(), validate);
    }

    /** As above, with a {@code Mutation} type (null for none) and the directives applied to the schema ({@code @link}). */
    static GraphQLSchema build(GraphQLObjectType query, GraphQLObjectType mutation, Collection<GraphQLType> types,
                               GraphQLCodeRegistry.Builder code, List<GraphQLDirective> directives,
                               List<graphql.schema.GraphQLAppliedDirective> schemaDirectives, boolean validate) {
        Map<String, GraphQLNamedType> all = new LinkedHashMap<>();
        Deque<GraphQLType> pending = new ArrayDeque<>(types);
        pending.add(query);
        if (mutation != null) {
            pending.add(mutation);
        }
        directives.forEach(d -> d.getArguments().forEach(a -> pending.add(a.getType())));
        while (!pending.isEmpty()) {
            GraphQLType type = pending.pop();
            while (type instanceof GraphQLModifiedType wrapper) {
                type = wrapper.getWrappedType();
            }
            if (type instanceof GraphQLTypeReference || !(type instanceof GraphQLNamedType named)
                    || all.containsKey(named.getName())) {
                continue;
            }
            all.put(named.getName(), named);
            if (named instanceof GraphQLObjectType object) {
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    pending.add(field.getType());
                    field.getArguments().stream().map(GraphQLArgument::getType).forEach(pending::add);
                }
            } else if (named instanceof GraphQLInputObjectType input) {
                input.getFieldDefinitions().stream().map(GraphQLInputObjectField::getType).forEach(pending::add);
            }
        }
        all.remove(query.getName());
        if (mutation != null) {
            all.remove(mutation.getName());
        }
        GraphQLSchema.FastBuilder builder = new GraphQLSchema.FastBuilder(code, query, mutation, null)
                .withValidation(validate);
        all.values().forEach(builder::addType);
        directives.forEach(builder::additionalDirective);
        schemaDirectives.forEach(builder::withSchemaAppliedDirective);
        return builder.build();
    }
}
