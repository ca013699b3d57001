package dev.weft.config;

import java.util.List;
import java.util.Map;

/**
 * federation.yml as written, its form checked ({@link FederationFile}); whether its tables and fields exist is
 * checked against the catalog later, each problem with the file and line kept here.
 *
 * <pre>{@code
 * types:
 *   shop.orders:                 # service.table
 *     name: Order                # the entity name other subgraphs use (default ShopOrders)
 *     keys: ["order_no"]         # @key on unique columns, besides the primary key's
 *     shareable: true
 *     tags: [public]
 *     lookup: order               # Query.order(id: ...): the row by primary key, as orders_by_pk
 *     directives: ["@audited"]    # composed directives of this file applied to the type
 *     fields:
 *       id: { type: ID }          # the column's GraphQL type is ID (and the key argument's)
 *       total: { shareable: true, override: legacy }
 *       weight: { external: true }
 *       shipping: { requires: "weight" }
 * compose-directives:
 *   - { name: "@mask", url: "https://weft.dev/mask/v1.0" }
 *   - { name: "@audited", url: "https://example.com/audit/v1.0", on: [OBJECT] }   # defined by this file
 * }</pre>
 */
public record FederationSpec(String file, List<TypeSpec> types, List<ComposeSpec> composeDirectives) {
    /** No federation.yml: every type keeps its name and gets only its {@code @key}. */
    public static final FederationSpec NONE = new FederationSpec("federation.yml", List.of(), List.of());

    public FederationSpec {
        types = List.copyOf(types);
        composeDirectives = List.copyOf(composeDirectives);
    }

    /**
     * The directives and name of one table's type; {@code lines} holds the line of each key written. {@code entity}
     * false leaves the type without {@code @key} (a value type); {@code lookup} names a root field that reads a row
     * by primary key; {@code directives} are composed directives this file defines.
     */
    public record TypeSpec(String service, String table, int line, String name, List<String> keys, boolean shareable,
                           boolean inaccessible, List<String> tags, boolean interfaceObject, List<FieldSpec> fields,
                           Map<String, Integer> lines, boolean entity, String lookup, List<String> directives) {
        public TypeSpec(String service, String table, int line, String name, List<String> keys, boolean shareable,
                        boolean inaccessible, List<String> tags, boolean interfaceObject, List<FieldSpec> fields,
                        Map<String, Integer> lines) {
            this(service, table, line, name, keys, shareable, inaccessible, tags, interfaceObject, fields, lines, true,
                    null, List.of());
        }

        public TypeSpec {
            directives = List.copyOf(directives);
            keys = List.copyOf(keys);
            tags = List.copyOf(tags);
            fields = List.copyOf(fields);
            lines = Map.copyOf(lines);
        }

        public int lineOf(String key) {
            return lines.getOrDefault(key, line);
        }
    }

    /**
     * The directives of one field (a column or a relationship, by its GraphQL field name); {@code type} is the
     * column's GraphQL type when given ({@code ID}).
     */
    public record FieldSpec(String name, int line, boolean shareable, boolean inaccessible, List<String> tags,
                            String override, boolean external, String requires, String provides, Map<String, Integer> lines,
                            String type) {
        public FieldSpec(String name, int line, boolean shareable, boolean inaccessible, List<String> tags,
                         String override, boolean external, String requires, String provides, Map<String, Integer> lines) {
            this(name, line, shareable, inaccessible, tags, override, external, requires, provides, lines, null);
        }

        public FieldSpec {
            tags = List.copyOf(tags);
            lines = Map.copyOf(lines);
        }

        public int lineOf(String key) {
            return lines.getOrDefault(key, line);
        }
    }

    /**
     * {@code @composeDirective(name:)} with the {@code @link(url:)} that imports the directive; {@code locations}
     * (such as {@code OBJECT}) given, this file defines the directive (without arguments), else it is Weft's own.
     */
    public record ComposeSpec(String name, String url, int line, List<String> locations) {
        public ComposeSpec(String name, String url, int line) {
            this(name, url, line, List.of());
        }

        public ComposeSpec {
            locations = List.copyOf(locations);
        }
    }
}
