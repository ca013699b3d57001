package dev.weft.schema.federation;

import dev.weft.catalog.Column;
import dev.weft.catalog.TableRef;
import graphql.Scalars;
import graphql.introspection.Introspection.DirectiveLocation;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What federation.yml says about a subgraph's shape beyond directives, resolved against the catalog by
 * {@link SubgraphOptionsResolver}: root fields that read one row by primary key under a chosen name
 * ({@code lookup: product} gives {@code Query.product(id: ID!): Product}, answered and governed as
 * {@code products_product_by_pk}), columns typed {@code ID} (the field, its {@code _by_pk} and lookup arguments),
 * types without {@code @key} ({@code entity: false}), keys through object relationships
 * ({@code "sku variation { id }"}, the relationship's columns; one naming the primary key's columns replaces the
 * primary key's own {@code @key}), and directives this file defines and composes
 * ({@code compose-directives} with {@code on:}) applied to types.
 *
 * <pre>{@code
 * options.lookup(productRef)                  // Optional[product]
 * options.scalar(productRef, idColumn, GraphQLString)   // ID
 * }</pre>
 */
public final class SubgraphOptions {
    static final SubgraphOptions NONE = new SubgraphOptions(Map.of(), Map.of(), Set.of(), Map.of(), List.of(), Map.of());

    private final Map<TableRef, String> lookups;
    private final Map<TableRef, Set<String>> idColumns;
    private final Set<TableRef> valueTypes;
    private final Map<TableRef, List<String>> directives;
    private final List<GraphQLDirective> definitions;
    private final Map<TableRef, Map<List<String>, String>> nestedKeys;

    SubgraphOptions(Map<TableRef, String> lookups, Map<TableRef, Set<String>> idColumns, Set<TableRef> valueTypes,
                    Map<TableRef, List<String>> directives, List<GraphQLDirective> definitions,
                    Map<TableRef, Map<List<String>, String>> nestedKeys) {
        this.nestedKeys = Map.copyOf(nestedKeys);
        this.lookups = Map.copyOf(lookups);
        this.idColumns = Map.copyOf(idColumns);
        this.valueTypes = Set.copyOf(valueTypes);
        this.directives = Map.copyOf(directives);
        this.definitions = List.copyOf(definitions);
    }

    /** The root field federation.yml names for reading a row of {@code table} by primary key, if any. */
    public Optional<String> lookup(TableRef table) {
        return Optional.ofNullable(lookups.get(table));
    }

    /** {@code ID} for a column federation.yml types so, else {@code scalar} (the column's own type). */
    public GraphQLScalarType scalar(TableRef table, Column column, GraphQLScalarType scalar) {
        return idColumns.getOrDefault(table, Set.of()).contains(column.name()) ? Scalars.GraphQLID : scalar;
    }

    /** False for a type federation.yml declares {@code entity: false}: it gets no {@code @key}. */
    boolean entity(TableRef table) {
        return !valueTypes.contains(table);
    }

    /** The composed directives federation.yml applies to a table's type. */
    List<GraphQLAppliedDirective> applied(TableRef table) {
        List<GraphQLAppliedDirective> applied = new ArrayList<>();
        for (String name : directives.getOrDefault(table, List.of())) {
            definitions.stream().filter(d -> d.getName().equals(name.substring(1))).findFirst()
                    .ifPresent(d -> applied.add(FederationDirectives.plain(d)));
        }
        return applied;
    }

    /**
     * The keys through object relationships of a table's type: its columns (the relationships' own) to the field
     * set as written ({@code [study_id] -> "study { caseNumber }"}), in the file's order.
     */
    Map<List<String>, String> nestedKeys(TableRef table) {
        return nestedKeys.getOrDefault(table, Map.of());
    }

    /** The definitions of the directives federation.yml defines (each without arguments). */
    public List<GraphQLDirective> definitions() {
        return definitions;
    }

    static GraphQLDirective define(String name, List<String> locations) {
        GraphQLDirective.Builder d = GraphQLDirective.newDirective().name(name.substring(1));
        locations.forEach(l -> d.validLocation(DirectiveLocation.valueOf(l)));
        return d.build();
    }
}
