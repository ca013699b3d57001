package dev.weft.hasura;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's Hasura permissions to access.yml's role entries: {@code select} (columns, filter), {@code insert} (columns,
 * check, set), {@code update} (columns, filter, check, set), {@code delete} (filter); a select {@code limit} becomes
 * the role's {@code limits.max-limit} (Weft's cap is per role, so differing limits give the smallest, reported).
 */
final class HasuraPermissions {
    private final HasuraSources.Report report;
    private final Map<String, Map<String, Object>> roles = new TreeMap<>();
    private final Map<String, List<Integer>> limits = new TreeMap<>();
    private final Map<String, Integer> selectTables = new TreeMap<>();

    HasuraPermissions(HasuraSources.Report report) {
        this.report = report;
    }

    void table(String table, Map<String, Object> metadata) {
        for (String kind : List.of("select", "insert", "update", "delete")) {
            for (Map<String, Object> entry : HasuraConverter.maps(metadata.get(kind + "_permissions"))) {
                String role = String.valueOf(entry.get("role"));
                Map<String, Object> permission = HasuraMetadata.map(entry.getOrDefault("permission", Map.of()),
                        table + " " + kind + " permission of " + role);
                Map<String, Object> converted = convert(table, role, kind, permission);
                if (converted != null) {
                    roles.computeIfAbsent(role, r -> new LinkedHashMap<>());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> tableEntry = (Map<String, Object>) roles.get(role)
                            .computeIfAbsent(table, t -> new LinkedHashMap<String, Object>());
                    tableEntry.put(kind, converted);
                }
            }
        }
    }

    private Map<String, Object> convert(String table, String role, String kind, Map<String, Object> p) {
        String where = table + ": " + kind + " permission of role '" + role + "'";
        Map<String, Object> out = new LinkedHashMap<>();
        if (!kind.equals("delete") && p.get("columns") instanceof List<?> columns) {
            out.put("columns", columns);
        }
        for (String key : List.of("filter", "check")) {
            if (!HasuraFilters.isEmpty(p.get(key))) {
                List<String> why = new ArrayList<>();
                Object filter = HasuraFilters.convert(p.get(key), why);
                if (filter == null) {
                    report.notConverted(where + ": its " + key + " uses " + String.join(", ", why)
                            + "; the permission is left out (the role cannot " + kind + " the table)");
                    return null;
                }
                out.put(key, filter);
            }
        }
        if (p.get("set") instanceof Map<?, ?> set && !set.isEmpty()) {
            out.put("set", HasuraFilters.convert(set, new ArrayList<>()));
        }
        if (kind.equals("select")) {
            selectTables.merge(role, 1, Integer::sum);
            if (p.get("limit") instanceof Number limit) {
                limits.computeIfAbsent(role, r -> new ArrayList<>()).add(limit.intValue());
            }
            if (Boolean.FALSE.equals(p.get("allow_aggregations")) || p.get("allow_aggregations") == null) {
                report.notConverted(where + ": allow_aggregations is off; Weft gives every role the _aggregate fields"
                        + " (over the rows and columns it may select)");
            }
            if (p.get("computed_fields") instanceof List<?> c && !c.isEmpty()) {
                report.notConverted(where + ": computed_fields " + c);
            }
            for (String key : List.of("query_root_fields", "subscription_root_fields")) {
                if (p.get(key) != null) {
                    report.notConverted(where + ": " + key + " (Weft offers a table's root fields together)");
                }
            }
        }
        if (Boolean.TRUE.equals(p.get("backend_only"))) {
            report.notConverted(where + ": backend_only (Weft has no such flag; the permission applies to every caller)");
        }
        if (p.get("validate_input") != null) {
            report.notConverted(where + ": validate_input (input validation webhooks)");
        }
        return out;
    }

    /** The {@code roles:} mapping of access.yml. */
    Map<String, Object> roles() {
        Map<String, Object> out = new TreeMap<>();
        roles.forEach((role, tables) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            List<Integer> roleLimits = limits.get(role);
            if (roleLimits != null) {
                int min = roleLimits.stream().mapToInt(Integer::intValue).min().orElseThrow();
                entry.put("limits", Map.of("max-limit", min));
                boolean uniform = roleLimits.stream().allMatch(l -> l == min)
                        && roleLimits.size() == selectTables.getOrDefault(role, 0);
                if (!uniform) {
                    report.notConverted("role '" + role + "': select limits differ between its tables (" + roleLimits
                            + "); Weft caps a role as a whole, so max-limit is the smallest, " + min);
                }
            }
            entry.putAll(tables);
            out.put(role, entry);
        });
        return out;
    }
}
