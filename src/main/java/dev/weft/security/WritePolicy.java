package dev.weft.security;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.config.ConfigProblem;
import dev.weft.config.WriteSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One write permission of a role on a table, resolved against the catalog: the columns it may set
 * (catalog names, presets excluded), its row filter and check in the {@code where} syntax (null for
 * none), and its presets by catalog column name (values possibly {@code "@claims.x"}).
 *
 * <pre>{@code
 * // insert: { columns: [name, balance], set: { tenant_id: "@claims.tenant_id" } }
 * WritePolicy[INSERT, columns=[name, balance], presets={tenant_id=@claims.tenant_id}]
 * }</pre>
 */
public record WritePolicy(WriteSpec.Kind kind, Set<String> columns, Map<String, Object> filter, Map<String, Object> check,
                          Map<String, Object> presets, Map<String, String> origins) {
    public WritePolicy {
        columns = Set.copyOf(columns);
        presets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(presets));
        origins = Map.copyOf(origins);
    }

    /** Where a key of the permission ({@code filter}, {@code check}, {@code set}) is written: {@code access.yml:12}. */
    public String origin(String key) {
        return origins.get(key);
    }

    /** Every column writable, no filter, no check: the permission when no access.yml is configured. */
    public static WritePolicy open(WriteSpec.Kind kind, Table table) {
        Set<String> all = new LinkedHashSet<>();
        table.columns().forEach(c -> all.add(c.name()));
        return new WritePolicy(kind, all, null, null, Map.of(), Map.of());
    }

    /** Resolves a spec against its table; problems (unknown columns) go to {@code problems} with file and line. */
    static Optional<WritePolicy> resolve(String file, String where, WriteSpec spec, WriteSpec.Kind kind, Table table,
                                         List<ConfigProblem> problems) {
        int before = problems.size();
        String key = where + "." + kind.configName();
        Map<String, Object> presets = new LinkedHashMap<>();
        spec.presets().forEach((name, value) -> table.findColumn(name).ifPresentOrElse(c -> presets.put(c.name(), value),
                () -> problems.add(new ConfigProblem(file + ":" + spec.lineOf("set"), key + ".set",
                        "no column '" + name + "' in " + table.ref()))));
        Set<String> columns = new LinkedHashSet<>();
        if (spec.columns() == null) {
            table.columns().stream().map(Column::name).forEach(columns::add);
        } else {
            for (String name : spec.columns()) {
                table.findColumn(name).ifPresentOrElse(c -> columns.add(c.name()), () -> problems.add(
                        new ConfigProblem(file + ":" + spec.lineOf("columns"), key + ".columns",
                                "no column '" + name + "' in " + table.ref())));
            }
        }
        columns.removeAll(presets.keySet()); // a preset column is set by Weft, never by the caller
        if (problems.size() > before) {
            return Optional.empty();
        }
        Map<String, String> origins = new LinkedHashMap<>();
        List.of("filter", "check", "set").forEach(k -> origins.put(k, file + ":" + spec.lineOf(k)));
        return Optional.of(new WritePolicy(kind, columns, spec.filter(), spec.check(), presets, origins));
    }
}
