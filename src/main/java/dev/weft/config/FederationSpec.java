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
 *     fields:
 *       total: { shareable: true, override: legacy }
 *       weight: { external: true }
 *       shipping: { requires: "weight" }
 * compose-directives:
 *   - { name: "@mask", url: "https://weft.dev/mask/v1.0" }
 * }</pre>
 */
public record FederationSpec(String file, List<TypeSpec> types, List<ComposeSpec> composeDirectives) {
    /** No federation.yml: every type keeps its name and gets only its {@code @key}. */
    public static final FederationSpec NONE = new FederationSpec("federation.yml", List.of(), List.of());

    public FederationSpec {
        types = List.copyOf(types);
        composeDirectives = List.copyOf(composeDirectives);
    }

    /** The directives and name of one table's type; {@code lines} holds the line of each key written. */
    public record TypeSpec(String service, String table, int line, String name, List<String> keys, boolean shareable,
                           boolean inaccessible, List<String> tags, boolean interfaceObject, List<FieldSpec> fields,
                           Map<String, Integer> lines) {
        public TypeSpec {
            keys = List.copyOf(keys);
            tags = List.copyOf(tags);
            fields = List.copyOf(fields);
            lines = Map.copyOf(lines);
        }

        public int lineOf(String key) {
            return lines.getOrDefault(key, line);
        }
    }

    /** The directives of one field (a column or a relationship, by its GraphQL field name). */
    public record FieldSpec(String name, int line, boolean shareable, boolean inaccessible, List<String> tags,
                            String override, boolean external, String requires, String provides, Map<String, Integer> lines) {
        public FieldSpec {
            tags = List.copyOf(tags);
            lines = Map.copyOf(lines);
        }

        public int lineOf(String key) {
            return lines.getOrDefault(key, line);
        }
    }

    /** {@code @composeDirective(name:)} with the {@code @link(url:)} that imports the directive. */
    public record ComposeSpec(String name, String url, int line) {
    }
}
