package dev.weft.hasura;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Hasura v2 metadata into the shape of {@code export_metadata}'s {@code metadata} object: a map with
 * {@code sources} (each with its {@code tables}), {@code remote_schemas}, {@code actions}, and so on.
 *
 * <p>Input is either an export ({@code export.json}: the metadata object, or {@code {"metadata": {...}}} as the
 * metadata API answers) or a metadata directory as the Hasura CLI writes it ({@code databases/databases.yaml},
 * {@code databases/<db>/tables/*.yaml}, {@code remote_schemas.yaml}, ...), whose {@code !include} references (the
 * YAML tag, or the quoted string {@code "!include file.yaml"} the CLI writes) are read relative to the including file.
 * Example: {@code HasuraMetadata.load(Path.of("hasura/metadata")).get("sources")}.
 */
public final class HasuraMetadata {
    /** Top-level files of a metadata directory, by the export's key. */
    private static final Map<String, String> TOP_LEVEL_FILES = Map.ofEntries(
            Map.entry("remote_schemas", "remote_schemas.yaml"), Map.entry("actions", "actions.yaml"),
            Map.entry("allowlist", "allow_list.yaml"), Map.entry("query_collections", "query_collections.yaml"),
            Map.entry("cron_triggers", "cron_triggers.yaml"), Map.entry("rest_endpoints", "rest_endpoints.yaml"),
            Map.entry("inherited_roles", "inherited_roles.yaml"), Map.entry("api_limits", "api_limits.yaml"),
            Map.entry("network", "network.yaml"), Map.entry("graphql_schema_introspection", "graphql_schema_introspection.yaml"),
            Map.entry("opentelemetry", "opentelemetry.yaml"), Map.entry("backend_configs", "backend_configs.yaml"));

    private HasuraMetadata() {
    }

    /** Reads a metadata directory or an export file; a problem is an {@link IllegalArgumentException} naming the file. */
    public static Map<String, Object> load(Path input) {
        if (Files.isDirectory(input)) {
            return fromDirectory(input);
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file or directory");
        }
        Object parsed;
        try {
            parsed = JsonMapper.builder().build().readValue(input.toFile(), Object.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(input + ": not a Hasura metadata export (JSON): " + e.getMessage(), e);
        }
        Map<String, Object> root = map(parsed, input + ": the export");
        if (root.get("metadata") instanceof Map<?, ?> inner) {
            root = map(inner, input + ": metadata");
        }
        if (!(root.get("sources") instanceof List<?>)) {
            throw new IllegalArgumentException(input + ": no 'sources' list: only Hasura v2 metadata (version 3) is converted");
        }
        return root;
    }

    private static Map<String, Object> fromDirectory(Path dir) {
        Path databases = dir.resolve("databases").resolve("databases.yaml");
        if (!Files.isRegularFile(databases)) {
            throw new IllegalArgumentException(dir + ": not a Hasura metadata directory (no databases/databases.yaml)");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", 3);
        Object sources = readYaml(databases);
        metadata.put("sources", sources == null ? List.of() : sources);
        TOP_LEVEL_FILES.forEach((key, file) -> {
            Path path = dir.resolve(file);
            if (Files.isRegularFile(path)) {
                Object value = readYaml(path);
                if (key.equals("actions") && value instanceof Map<?, ?> actions) { // actions.yaml holds both
                    value = actions.get("actions");
                    if (actions.get("custom_types") != null) {
                        metadata.put("custom_types", actions.get("custom_types"));
                    }
                }
                if (value != null) {
                    metadata.put(key, value);
                }
            }
        });
        return metadata;
    }

    /** Reads one YAML file, replacing every {@code !include} by the file it names (relative to this one). */
    static Object readYaml(Path file) {
        Yaml yaml = new Yaml(new IncludeConstructor(file.toAbsolutePath().getParent()));
        Object value;
        try (Reader reader = Files.newBufferedReader(file)) {
            value = yaml.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return resolveIncludes(value, file.toAbsolutePath().getParent());
    }

    /** The CLI writes includes as strings ({@code tables: "!include default/tables/tables.yaml"}). */
    private static Object resolveIncludes(Object value, Path base) {
        if (value instanceof String s && s.startsWith("!include ")) {
            return readYaml(base.resolve(s.substring("!include ".length()).trim()));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), resolveIncludes(v, base)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(resolveIncludes(v, base)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + " is not an object");
    }

    /** The YAML tag form: {@code tables: !include default/tables/tables.yaml}. */
    private static final class IncludeConstructor extends SafeConstructor {
        IncludeConstructor(Path base) {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!include"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return readYaml(base.resolve(((ScalarNode) node).getValue().trim()));
                }
            });
        }
    }
}
