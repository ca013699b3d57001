package dev.weft.hasura;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Hasura v2 metadata (as {@link HasuraMetadata#load} reads it) to Weft's three files: {@code weft.yml} (a service per
 * source, its tracked tables as {@code include}), {@code relationships.yml} (manual and remote database
 * relationships; foreign-key ones Weft generates itself) and {@code access.yml} (select, insert, update and delete
 * permissions per role). Everything it cannot carry over is listed in {@link HasuraConversion#notConverted()}.
 * Example: {@code HasuraConverter.convert(HasuraMetadata.load(dir)).accessYml()}.
 */
public final class HasuraConverter {
    private static final List<String> UNCONVERTED_TOP_LEVEL = List.of("remote_schemas", "actions", "custom_types",
            "cron_triggers", "allowlist", "query_collections", "rest_endpoints", "inherited_roles", "api_limits", "network",
            "opentelemetry", "backend_configs", "graphql_schema_introspection");
    private static final List<String> UNCONVERTED_SOURCE = List.of("functions", "native_queries", "logical_models",
            "stored_procedures");
    private static final List<String> UNCONVERTED_TABLE = List.of("computed_fields", "event_triggers",
            "apollo_federation_config");

    private final HasuraSources.Report report = new HasuraSources.Report();
    private final Map<String, Object> services = new LinkedHashMap<>();
    private final List<Map<String, Object>> relationships = new ArrayList<>();
    private final HasuraPermissions permissions = new HasuraPermissions(report);
    private final Map<String, String> serviceOfSource = new LinkedHashMap<>();

    private HasuraConverter() {
    }

    public static HasuraConversion convert(Map<String, Object> metadata) {
        return new HasuraConverter().run(metadata);
    }

    private HasuraConversion run(Map<String, Object> metadata) {
        for (String key : UNCONVERTED_TOP_LEVEL) {
            int count = count(metadata.get(key));
            if (count > 0) {
                report.notConverted(key + ": " + count + " entr" + (count == 1 ? "y" : "ies") + " (Weft has no equivalent)");
            }
        }
        List<Map<String, Object>> sources = maps(metadata.get("sources"));
        for (Map<String, Object> source : sources) {
            String name = String.valueOf(source.get("name"));
            if (HasuraSources.kind((String) source.get("kind")) != null) {
                serviceOfSource.put(name, uniqueService(HasuraSources.serviceName(name)));
            }
        }
        boolean first = true;
        for (Map<String, Object> source : sources) {
            String name = String.valueOf(source.get("name"));
            String kind = HasuraSources.kind((String) source.get("kind"));
            if (kind == null) {
                report.notConverted("source '" + name + "': kind '" + source.get("kind") + "' is not a database Weft reads");
                continue;
            }
            source(source, name, kind, first);
            first = false;
        }
        Map<String, Object> weft = new LinkedHashMap<>();
        weft.put("relationships", "relationships.yml");
        weft.put("security", Map.of("access", "access.yml"));
        weft.put("services", services);
        report.note("authentication: Hasura's JWT and admin-secret settings live in its environment, not its metadata;"
                + " set weft.security.jwt (with claims-namespace: https://hasura.io/jwt/claims for Hasura's tokens) and"
                + " weft.security.anonymous-role (for HASURA_GRAPHQL_UNAUTHORIZED_ROLE), see README \"Security\"");
        return new HasuraConversion(dump(Map.of("weft", weft)), dump(Map.of("relationships", relationships)),
                dump(Map.of("roles", permissions.roles())), report.notConverted(), report.notes());
    }

    private void source(Map<String, Object> source, String name, String kind, boolean first) {
        String service = serviceOfSource.get(name);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("kind", kind);
        settings.putAll(HasuraSources.connection(name, kind, HasuraMetadata.map(
                source.getOrDefault("configuration", Map.of()), "configuration"), report));
        for (String key : UNCONVERTED_SOURCE) {
            int count = count(source.get(key));
            if (count > 0) {
                report.notConverted("source '" + name + "': " + count + " " + key + " (Weft has no equivalent)");
            }
        }
        Object prefix = source.get("customization") instanceof Map<?, ?> c && c.get("root_fields") instanceof Map<?, ?> r
                ? r.get("prefix") : null;
        if (source.get("customization") != null) {
            report.notConverted("source '" + name + "': customization (only root_fields.prefix is carried over)");
        }
        List<Map<String, Object>> tables = maps(source.get("tables"));
        Map<String, Integer> schemas = new TreeMap<>();
        tables.forEach(t -> schemas.merge(schemaOf(t), 1, Integer::sum));
        String schema = schemas.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        List<String> include = new ArrayList<>();
        for (Map<String, Object> table : tables) {
            String tableName = nameOf(table);
            if (!schemaOf(table).equals(schema)) {
                report.notConverted("source '" + name + "': table " + schemaOf(table) + "." + tableName + " (a Weft service"
                        + " reads one schema; this source's tables are in " + schema + ")");
                continue;
            }
            include.add(tableName);
            table(service, tableName, table);
        }
        if (schema != null && kind.equals("postgres")) { // MySQL/MariaDB: the URL's database
            settings.put("schema", schema);
        }
        settings.put("include", include.isEmpty() ? List.of("*") : include);
        if (prefix != null) {
            settings.put("naming", "hasura");
            settings.put("prefix", prefix);
        } else if (first) {
            settings.put("naming", "hasura");   // Hasura's names: root fields and types are the table names
        }
        services.put(service, settings);
    }

    private void table(String service, String table, Map<String, Object> metadata) {
        String where = service + "." + table;
        for (String key : UNCONVERTED_TABLE) {
            int count = count(metadata.get(key));
            if (count > 0) {
                report.notConverted(where + ": " + count + " " + key + " (Weft has no equivalent)");
            }
        }
        if (metadata.get("configuration") instanceof Map<?, ?> c && !c.isEmpty()) {
            report.notConverted(where + ": configuration (custom names and root fields; Weft names by its own rules)");
        }
        if (Boolean.TRUE.equals(metadata.get("is_enum"))) {
            report.notConverted(where + ": is_enum (the table stays a table in Weft)");
        }
        for (Map<String, Object> r : maps(metadata.get("object_relationships"))) {
            relationship(service, table, r, true);
        }
        for (Map<String, Object> r : maps(metadata.get("array_relationships"))) {
            relationship(service, table, r, false);
        }
        for (Map<String, Object> r : maps(metadata.get("remote_relationships"))) {
            remote(service, table, r);
        }
        permissions.table(where, metadata);
    }

    private void relationship(String service, String table, Map<String, Object> r, boolean object) {
        String name = String.valueOf(r.get("name"));
        Map<String, Object> using = HasuraMetadata.map(r.getOrDefault("using", Map.of()), service + "." + table + "." + name);
        if (using.get("manual_configuration") instanceof Map<?, ?> manual) {
            Map<String, Object> remoteTable = HasuraMetadata.map(manual.get("remote_table") instanceof String s
                    ? Map.of("name", s) : manual.get("remote_table"), "remote_table");
            add(service, table, name, object ? "belongs_to" : "has_many",
                    HasuraMetadata.map(manual.get("column_mapping"), "column_mapping"), service, nameOf(Map.of("table", remoteTable)));
            return;
        }
        Object fk = using.get("foreign_key_constraint_on");
        String generated = object ? (fk instanceof String column ? (column.endsWith("_id") ? column.substring(0, column.length() - 3)
                : null) : null)
                : fk instanceof Map<?, ?> m ? nameOf(Map.of("table", m.get("table"))) : null;
        if (!name.equals(generated)) {
            report.notConverted(service + "." + table + "." + name + ": a foreign-key relationship; Weft generates its field"
                    + " from the foreign key" + (generated == null ? "" : " as '" + generated + "'")
                    + " (README \"Names\"); declare it in relationships.yml to keep Hasura's name");
        }
    }

    private void remote(String service, String table, Map<String, Object> r) {
        String name = String.valueOf(r.get("name"));
        Object definition = r.get("definition");
        if (definition instanceof Map<?, ?> d && d.get("to_source") instanceof Map<?, ?> to) {
            String target = serviceOfSource.get(String.valueOf(to.get("source")));
            if (target == null) {
                report.notConverted(service + "." + table + "." + name + ": remote relationship to source '" + to.get("source")
                        + "', which is not converted");
                return;
            }
            add(service, table, name, "object".equals(to.get("relationship_type")) ? "belongs_to" : "has_many",
                    HasuraMetadata.map(to.get("field_mapping"), "field_mapping"), target, nameOf(Map.of("table", to.get("table"))));
        } else {
            report.notConverted(service + "." + table + "." + name + ": remote relationship to a remote schema");
        }
    }

    private void add(String service, String table, String name, String type, Map<String, Object> mapping,
                     String refService, String refTable) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service", service);
        r.put("table", table);
        r.put("name", name);
        r.put("type", type);
        List<String> fields = new ArrayList<>(mapping.keySet());
        List<String> refs = mapping.values().stream().map(String::valueOf).toList();
        r.put("field", fields.size() == 1 ? fields.get(0) : fields);
        r.put("ref_service", refService);
        r.put("ref_table", refTable);
        r.put("ref_field", refs.size() == 1 ? refs.get(0) : refs);
        relationships.add(r);
    }

    private String uniqueService(String base) {
        String name = base;
        for (int i = 2; serviceOfSource.containsValue(name); i++) {
            name = base + i;
        }
        return name;
    }

    static String nameOf(Map<String, Object> table) {
        Object t = table.get("table");
        return t instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(t);
    }

    private static String schemaOf(Map<String, Object> table) {
        Object t = table.get("table");
        return t instanceof Map<?, ?> m && m.get("schema") != null ? String.valueOf(m.get("schema"))
                : t instanceof Map<?, ?> m && m.get("database") != null ? String.valueOf(m.get("database")) : "public";
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, found " + value);
        }
        return list.stream().filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).toList();
    }

    private static int count(Object value) {
        return value instanceof Collection<?> c ? c.size()
                : value instanceof Map<?, ?> m ? (int) m.values().stream().filter(v -> count(v) > 0).count()
                : value == null || Boolean.FALSE.equals(value) ? 0 : 1;
    }

    static String dump(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        return new Yaml(options).dump(value);
    }
}
