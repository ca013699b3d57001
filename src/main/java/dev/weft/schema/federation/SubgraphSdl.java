package dev.weft.schema.federation;

import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedSchemaElement;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.idl.SchemaPrinter;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The SDL {@code _service { sdl }} returns: the caller's schema with its {@code @link}, the federation directives'
 * definitions and every applied directive, without what federation adds for its own use ({@code _Service},
 * {@code _Entity}, {@code _Any}, {@code Query._service}, {@code Query._entities}) and without GraphQL's built-in
 * directives. Printed once per schema (a role's schema is built once) and kept while the schema lives.
 *
 * <pre>{@code
 * schema @link(url : "https://specs.apollo.dev/federation/v2.3", import : ["@key", ...]) { query: Query }
 * type ShopOrders @key(fields : "id") { ... }
 * }</pre>
 */
public final class SubgraphSdl {
    /** The types federation adds for its own use. */
    public static final Set<String> OWN_TYPES = Set.of("_Service", "_Entity", "_Any");
    public static final String SERVICE_FIELD = "_service";
    public static final String ENTITIES_FIELD = "_entities";

    /** graphql-java's own directives: every GraphQL server knows them, a subgraph SDL leaves them out. */
    private static final Set<String> BUILT_IN = Set.of("include", "skip", "deprecated", "specifiedBy", "oneOf", "defer",
            "experimental_disableErrorPropagation");
    private static final Map<GraphQLSchema, String> PRINTED = Collections.synchronizedMap(new WeakHashMap<>());

    private SubgraphSdl() {
    }

    public static String print(GraphQLSchema schema) {
        return PRINTED.computeIfAbsent(schema, SubgraphSdl::render);
    }

    private static String render(GraphQLSchema schema) {
        GraphQLFieldDefinition service = schema.getQueryType().getFieldDefinition(SERVICE_FIELD);
        GraphQLFieldDefinition entities = schema.getQueryType().getFieldDefinition(ENTITIES_FIELD);
        SchemaPrinter.Options options = SchemaPrinter.Options.defaultOptions()
                .includeSchemaDefinition(true)
                .includeScalarTypes(true)
                .includeDirectiveDefinition(name -> !BUILT_IN.contains(name))
                .includeSchemaElement(element -> include(element, service, entities));
        return new SchemaPrinter(options).print(schema).trim() + "\n";
    }

    private static boolean include(GraphQLSchemaElement element, GraphQLFieldDefinition service,
                                   GraphQLFieldDefinition entities) {
        if (element == service || element == entities) {
            return false;
        }
        if (element instanceof GraphQLDirective d) {
            return !BUILT_IN.contains(d.getName());
        }
        return !(element instanceof GraphQLNamedSchemaElement named && !(element instanceof GraphQLFieldDefinition)
                && OWN_TYPES.contains(named.getName()));
    }
}
