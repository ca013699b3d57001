package dev.weft.schema.federation;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.ConfigProblem;
import dev.weft.config.FederationSpec;
import dev.weft.config.WeftConfigException;
import graphql.schema.GraphQLAppliedDirective;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What makes the generated schemas an Apollo Federation v2 subgraph: on or off ({@code weft.federation.enabled}),
 * and federation.yml resolved against the catalog (every name checked, every problem with file and line). The
 * schema generator asks it, per role's view, for each type's {@code @key}s and directives, each field's
 * directives and the schema's {@code @link}s; {@link #catalog()} is the catalog with federation.yml's type names.
 *
 * <pre>{@code
 * Subgraph subgraph = Subgraph.resolve(true, FederationFile.load(null), catalog);
 * subgraph.keys(orders, column -> true);     // ["id", "order_no"]: the primary key's, then federation.yml's
 * }</pre>
 */
public final class Subgraph {
    /** Federation on, no federation.yml. */
    public static final Subgraph DEFAULT = new Subgraph(true, null, Map.of(), List.of(), "federation.yml");
    /** {@code weft.federation.enabled: false}: a plain GraphQL schema. */
    public static final Subgraph DISABLED = new Subgraph(false, null, Map.of(), List.of(), "federation.yml");

    private final boolean enabled;
    private final Catalog catalog;
    private final Map<TableRef, TypeDirectives> types;
    private final List<FederationSpec.ComposeSpec> compose;
    private final String file;

    Subgraph(boolean enabled, Catalog catalog, Map<TableRef, TypeDirectives> types,
             List<FederationSpec.ComposeSpec> compose, String file) {
        this.enabled = enabled;
        this.catalog = catalog;
        this.types = Map.copyOf(types);
        this.compose = List.copyOf(compose);
        this.file = file;
    }

    /**
     * federation.yml resolved against {@code catalog}; throws {@link WeftConfigException} with every problem.
     * Disabled, the file is not read at all (its directives would mean nothing).
     */
    public static Subgraph resolve(boolean enabled, FederationSpec spec, Catalog catalog) {
        if (!enabled) {
            return new Subgraph(false, catalog, Map.of(), List.of(), spec.file());
        }
        return SubgraphResolver.resolve(spec, catalog);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The catalog with federation.yml's type names applied (the catalog given to {@link #resolve}). */
    public Catalog catalog() {
        return catalog;
    }

    /** The directives federation.yml gives one table's type and fields (none when it names the table nowhere). */
    record TypeDirectives(List<List<String>> keys, List<Integer> keyLines, boolean shareable, boolean inaccessible,
                          List<String> tags, boolean interfaceObject, Map<String, FederationSpec.FieldSpec> fields) {
        static final TypeDirectives NONE = new TypeDirectives(List.of(), List.of(), false, false, List.of(), false, Map.of());

        TypeDirectives {
            keys = List.copyOf(keys);
            keyLines = List.copyOf(keyLines);
            tags = List.copyOf(tags);
            fields = Map.copyOf(fields);
        }
    }

    private TypeDirectives of(TableRef table) {
        return types.getOrDefault(table, TypeDirectives.NONE);
    }

    /**
     * The {@code @key} field sets of a table's type in one view: the primary key's, then federation.yml's extra
     * keys, each only when {@code addressable} holds for all its columns (the role sees them, unmasked). Empty when
     * federation is off or no key is left: then the type is no entity in that view.
     */
    public List<String> keys(Table table, Predicate<Column> addressable) {
        List<String> keys = new ArrayList<>();
        if (!enabled) {
            return keys;
        }
        List<List<String>> candidates = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            candidates.add(table.primaryKey());
        }
        candidates.addAll(of(table.ref()).keys());
        for (List<String> columns : candidates) {
            List<Column> key = columns.stream().map(table::requireColumn).toList();
            if (key.stream().allMatch(addressable)) {
                keys.add(String.join(" ", key.stream().map(Column::fieldName).toList()));
            }
        }
        return keys;
    }

    /** The directives of a table's type: its {@code @key}s (from {@link #keys}), then federation.yml's. */
    public List<GraphQLAppliedDirective> typeDirectives(Table table, List<String> keys) {
        List<GraphQLAppliedDirective> directives = new ArrayList<>();
        if (!enabled) {
            return directives;
        }
        keys.forEach(k -> directives.add(FederationDirectives.key(k)));
        TypeDirectives type = of(table.ref());
        if (type.interfaceObject() && !keys.isEmpty()) {
            directives.add(FederationDirectives.plain(FederationDirectives.INTERFACE_OBJECT));
        }
        if (type.shareable()) {
            directives.add(FederationDirectives.plain(FederationDirectives.SHAREABLE));
        }
        if (type.inaccessible()) {
            directives.add(FederationDirectives.plain(FederationDirectives.INACCESSIBLE));
        }
        type.tags().forEach(t -> directives.add(FederationDirectives.tag(t)));
        return directives;
    }

    /** The directives federation.yml gives the field {@code fieldName} (a column or relationship) of a table's type. */
    public List<GraphQLAppliedDirective> fieldDirectives(TableRef table, String fieldName) {
        FederationSpec.FieldSpec field = enabled ? of(table).fields().get(fieldName) : null;
        List<GraphQLAppliedDirective> directives = new ArrayList<>();
        if (field == null) {
            return directives;
        }
        if (field.shareable()) {
            directives.add(FederationDirectives.plain(FederationDirectives.SHAREABLE));
        }
        if (field.inaccessible()) {
            directives.add(FederationDirectives.plain(FederationDirectives.INACCESSIBLE));
        }
        field.tags().forEach(t -> directives.add(FederationDirectives.tag(t)));
        if (field.override() != null) {
            directives.add(FederationDirectives.override(field.override()));
        }
        if (field.external()) {
            directives.add(FederationDirectives.plain(FederationDirectives.EXTERNAL));
        }
        if (field.requires() != null) {
            directives.add(FederationDirectives.requires(field.requires()));
        }
        if (field.provides() != null) {
            directives.add(FederationDirectives.provides(field.provides()));
        }
        return directives;
    }

    /** The schema's directives: the federation {@code @link}, then per composed directive its {@code @link} and {@code @composeDirective}. */
    public List<GraphQLAppliedDirective> schemaDirectives() {
        List<GraphQLAppliedDirective> directives = new ArrayList<>();
        directives.add(FederationDirectives.link());
        compose.forEach(c -> directives.add(FederationDirectives.link(c.url(), List.of(c.name()))));
        compose.forEach(c -> directives.add(FederationDirectives.composeDirective(c.name())));
        return directives;
    }

    /** Whether federation.yml composes {@code @mask} (then its definition is in every schema). */
    public boolean composesMask() {
        return enabled && compose.stream().anyMatch(c -> c.name().equals("@mask"));
    }

    /**
     * Checks that each extra key of federation.yml is one of its table's unique constraints, where the source's
     * constraints are known ({@code uniqueKeys} gives empty for a source Weft does not read them from: DB2, MongoDB).
     */
    public void checkUnique(Function<Table, Optional<List<UniqueKey>>> uniqueKeys) {
        List<ConfigProblem> problems = new ArrayList<>();
        types.forEach((ref, type) -> {
            Table table = catalog.table(ref);
            Optional<List<UniqueKey>> known = uniqueKeys.apply(table);
            for (int i = 0; i < type.keys().size() && known.isPresent(); i++) {
                java.util.Set<String> columns = java.util.Set.copyOf(type.keys().get(i));
                if (known.get().stream().noneMatch(u -> java.util.Set.copyOf(u.columns()).equals(columns))) {
                    problems.add(new ConfigProblem(file + ":" + type.keyLines().get(i), "types." + ref.service() + "."
                            + ref.name() + ".keys", "the columns " + type.keys().get(i) + " are no unique constraint of "
                            + ref + "; a @key must name one row"));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
    }
}
