package dev.weft.schema.federation;

import static graphql.introspection.Introspection.DirectiveLocation.ARGUMENT_DEFINITION;
import static graphql.introspection.Introspection.DirectiveLocation.ENUM;
import static graphql.introspection.Introspection.DirectiveLocation.ENUM_VALUE;
import static graphql.introspection.Introspection.DirectiveLocation.FIELD_DEFINITION;
import static graphql.introspection.Introspection.DirectiveLocation.INPUT_FIELD_DEFINITION;
import static graphql.introspection.Introspection.DirectiveLocation.INPUT_OBJECT;
import static graphql.introspection.Introspection.DirectiveLocation.INTERFACE;
import static graphql.introspection.Introspection.DirectiveLocation.OBJECT;
import static graphql.introspection.Introspection.DirectiveLocation.SCALAR;
import static graphql.introspection.Introspection.DirectiveLocation.SCHEMA;
import static graphql.introspection.Introspection.DirectiveLocation.UNION;

import graphql.Scalars;
import graphql.introspection.Introspection.DirectiveLocation;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import java.util.List;

/**
 * The directives of Apollo Federation v2.3 that Weft applies, as the spec defines them, and {@code @link}.
 * Every one of them is imported by name through {@link #link()}, so they print without the {@code federation__}
 * prefix; {@code FieldSet} is not imported, so it is the scalar {@code federation__FieldSet}.
 *
 * <p>Written here rather than taken from Apollo's federation-graphql-java-support: its newest release that
 * resolves here (6.0.0) is built against graphql-java 25 and fails on graphql-java 26 (its schema transform
 * calls {@code GraphQLSchema.Builder.additionalType}, which 26 removed), and it transforms a whole schema after
 * it is built, which Weft cannot afford on large catalogs (the parts are added before the one build instead).
 *
 * <pre>{@code
 * type ShopOrders @key(fields: "id") { id: Int! total: Float @shareable }
 * }</pre>
 */
public final class FederationDirectives {
    /** The federation spec version Weft's subgraphs link to. */
    public static final String SPEC = "https://specs.apollo.dev/federation/v2.3";
    static final String LINK_SPEC = "https://specs.apollo.dev/link/v1.0";

    public static final GraphQLEnumType PURPOSE = GraphQLEnumType.newEnum().name("link__Purpose")
            .value("SECURITY").value("EXECUTION").build();

    public static final GraphQLDirective KEY = directive("key", true, List.of(OBJECT, INTERFACE),
            argument("fields", GraphQLNonNull.nonNull(FederationScalars.FIELD_SET)),
            GraphQLArgument.newArgument().name("resolvable").type(Scalars.GraphQLBoolean).defaultValueProgrammatic(true).build());
    public static final GraphQLDirective REQUIRES = directive("requires", false, List.of(FIELD_DEFINITION),
            argument("fields", GraphQLNonNull.nonNull(FederationScalars.FIELD_SET)));
    public static final GraphQLDirective PROVIDES = directive("provides", false, List.of(FIELD_DEFINITION),
            argument("fields", GraphQLNonNull.nonNull(FederationScalars.FIELD_SET)));
    public static final GraphQLDirective EXTERNAL = directive("external", false, List.of(OBJECT, FIELD_DEFINITION));
    public static final GraphQLDirective SHAREABLE = directive("shareable", true, List.of(OBJECT, FIELD_DEFINITION));
    private static final List<DirectiveLocation> EVERYWHERE = List.of(FIELD_DEFINITION, OBJECT, INTERFACE, UNION,
            ARGUMENT_DEFINITION, SCALAR, ENUM, ENUM_VALUE, INPUT_OBJECT, INPUT_FIELD_DEFINITION);
    public static final GraphQLDirective INACCESSIBLE = directive("inaccessible", false, EVERYWHERE);
    public static final GraphQLDirective TAG = directive("tag", true, EVERYWHERE,
            argument("name", GraphQLNonNull.nonNull(Scalars.GraphQLString)));
    public static final GraphQLDirective OVERRIDE = directive("override", false, List.of(FIELD_DEFINITION),
            argument("from", GraphQLNonNull.nonNull(Scalars.GraphQLString)));
    public static final GraphQLDirective INTERFACE_OBJECT = directive("interfaceObject", false, List.of(OBJECT));
    public static final GraphQLDirective COMPOSE_DIRECTIVE = directive("composeDirective", true, List.of(SCHEMA),
            argument("name", GraphQLNonNull.nonNull(Scalars.GraphQLString)));
    public static final GraphQLDirective LINK = directive("link", true, List.of(SCHEMA),
            argument("url", GraphQLNonNull.nonNull(Scalars.GraphQLString)), argument("as", Scalars.GraphQLString),
            argument("for", PURPOSE), argument("import", GraphQLList.list(FederationScalars.IMPORT)));

    /** Every definition a subgraph schema carries, {@code @link} included. */
    public static final List<GraphQLDirective> ALL = List.of(LINK, KEY, REQUIRES, PROVIDES, EXTERNAL, SHAREABLE,
            INACCESSIBLE, TAG, OVERRIDE, INTERFACE_OBJECT, COMPOSE_DIRECTIVE);

    private FederationDirectives() {
    }

    private static GraphQLArgument argument(String name, GraphQLInputType type) {
        return GraphQLArgument.newArgument().name(name).type(type).build();
    }

    private static GraphQLDirective directive(String name, boolean repeatable, List<DirectiveLocation> locations,
                                              GraphQLArgument... arguments) {
        GraphQLDirective.Builder d = GraphQLDirective.newDirective().name(name).repeatable(repeatable);
        locations.forEach(d::validLocation);
        for (GraphQLArgument a : arguments) {
            d.argument(a);
        }
        return d.build();
    }

    /** {@code @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", ...])}. */
    public static GraphQLAppliedDirective link() {
        List<String> imports = ALL.stream().filter(d -> d != LINK).map(d -> "@" + d.getName()).toList();
        return link(SPEC, imports);
    }

    /** {@code @link(url:, import:)} of any spec (a composed directive's). */
    public static GraphQLAppliedDirective link(String url, List<String> imports) {
        return GraphQLAppliedDirective.newDirective().name("link")
                .argument(applied("url", GraphQLNonNull.nonNull(Scalars.GraphQLString), url))
                .argument(applied("import", GraphQLList.list(FederationScalars.IMPORT), imports)).build();
    }

    public static GraphQLAppliedDirective key(String fields) {
        return withArgument(KEY, "fields", fields);
    }

    public static GraphQLAppliedDirective requires(String fields) {
        return withArgument(REQUIRES, "fields", fields);
    }

    public static GraphQLAppliedDirective provides(String fields) {
        return withArgument(PROVIDES, "fields", fields);
    }

    public static GraphQLAppliedDirective tag(String name) {
        return withArgument(TAG, "name", name);
    }

    public static GraphQLAppliedDirective override(String from) {
        return withArgument(OVERRIDE, "from", from);
    }

    public static GraphQLAppliedDirective composeDirective(String name) {
        return withArgument(COMPOSE_DIRECTIVE, "name", name);
    }

    /** A directive without arguments: {@code @shareable}, {@code @inaccessible}, {@code @external}, {@code @interfaceObject}. */
    public static GraphQLAppliedDirective plain(GraphQLDirective definition) {
        return GraphQLAppliedDirective.newDirective().name(definition.getName()).build();
    }

    private static GraphQLAppliedDirective withArgument(GraphQLDirective definition, String argument, Object value) {
        return GraphQLAppliedDirective.newDirective().name(definition.getName())
                .argument(applied(argument, definition.getArgument(argument).getType(), value)).build();
    }

    private static GraphQLAppliedDirectiveArgument applied(String name, GraphQLInputType type, Object value) {
        return GraphQLAppliedDirectiveArgument.newArgument().name(name).type(type).valueProgrammatic(value).build();
    }
}
