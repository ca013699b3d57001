package dev.weft.schema;

import graphql.introspection.Introspection.DirectiveLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;

/**
 * {@code @cached}: a query whose response may be answered from the response cache (definition in
 * {@code schema/directives.graphql}); declared in every generated schema so that documents using it validate.
 *
 * <pre>{@code
 * query Orders @cached(ttl: 60) { shop_orders(limit: 5) { id } }
 * query Orders @cached(ttl: 60, refresh: true) { shop_orders(limit: 5) { id } }   # runs, and replaces the entry
 * }</pre>
 */
public final class CachedDirective {
    public static final String NAME = "cached";
    public static final GraphQLDirective DEFINITION = GraphQLDirective.newDirective().name(NAME)
            .description("The response may come from the response cache for ttl seconds (at most weft.cache.max-ttl);"
                    + " refresh: true runs the query and replaces the cached response.")
            .validLocation(DirectiveLocation.QUERY)
            .argument(GraphQLArgument.newArgument().name("ttl").type(graphql.Scalars.GraphQLInt).defaultValueProgrammatic(60))
            .argument(GraphQLArgument.newArgument().name("refresh").type(graphql.Scalars.GraphQLBoolean)
                    .defaultValueProgrammatic(false))
            .build();

    private CachedDirective() {
    }
}
