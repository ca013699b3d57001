package dev.weft.security;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.config.AccessSpec;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.config.AccessSpec.TableAccessSpec;
import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * access.yml resolved against the catalog: every role's tables, columns and masks exist and fit
 * (a {@code null} mask on a NOT NULL column, or {@code email} on a number, is refused), every API key
 * grants defined roles. Problems carry file and line. Row filters are checked later, by the stage
 * that parses the {@code where} syntax.
 *
 * <pre>{@code
 * SecurityModel model = SecurityModel.resolve(AccessFile.parse("access.yml", text), catalog);
 * Optional<ApiKey> key = model.apiKey(presentedKey);
 * }</pre>
 */
public record SecurityModel(Map<String, RolePolicy> roles, List<ApiKey> apiKeys) {
    public SecurityModel {
        roles = Map.copyOf(roles);
        apiKeys = List.copyOf(apiKeys);
    }

    /** The key that matches {@code presented}, comparing with every configured key in constant time. */
    public Optional<ApiKey> apiKey(String presented) {
        ApiKey found = null;
        for (ApiKey key : apiKeys) {
            if (key.matches(presented) && found == null) {
                found = key; // no early exit: the time taken does not depend on which key matched
            }
        }
        return Optional.ofNullable(found);
    }

    public static SecurityModel resolve(AccessSpec spec, Catalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, RolePolicy> roles = new LinkedHashMap<>();
        for (AccessSpec.RoleSpec role : spec.roles()) {
            Map<dev.weft.catalog.TableRef, TablePolicy> tables = new LinkedHashMap<>();
            Map<dev.weft.catalog.TableRef, TableAccessSpec> written = new LinkedHashMap<>();
            for (TableAccessSpec t : role.tables()) {
                policy(spec.file(), role.name(), t, catalog, problems).ifPresent(p -> {
                    TableAccessSpec first = written.putIfAbsent(p.table(), t);
                    if (first == null) {
                        tables.put(p.table(), p);
                    } else { // crm.Customers after crm.customers would otherwise replace its filter and masks
                        problems.add(new ConfigProblem(spec.file() + ":" + t.lineOf("table"), "roles." + role.name() + "."
                                + t.service() + "." + t.table(), "names the same table as " + first.service() + "." + first.table()
                                + " (line " + first.lineOf("table") + "); write each table once per role"));
                    }
                });
            }
            roles.put(role.name(), new RolePolicy(role.name(), tables, role.introspection(), role.maxLimit(),
                    role.limits(), role.maxRowsAffected()));
        }
        List<ApiKey> keys = spec.apiKeys().stream()
                .map(k -> new ApiKey(k.name(), HexFormat.of().parseHex(k.keySha256()), k.roles(), k.claims()))
                .toList();
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return new SecurityModel(roles, keys);
    }

    private static Optional<TablePolicy> policy(String file, String role, TableAccessSpec t, Catalog catalog,
                                                List<ConfigProblem> problems) {
        String where = "roles." + role + "." + t.service() + "." + t.table();
        Optional<Source> source = catalog.sources().stream().filter(s -> s.settings().name().equals(t.service())).findFirst();
        Optional<Table> table = source.flatMap(s -> s.findTable(t.table()));
        if (table.isEmpty()) {
            problems.add(new ConfigProblem(file + ":" + t.lineOf("table"), where, source.isEmpty()
                    ? "unknown service '" + t.service() + "'" : "no table or view '" + t.table() + "' in service '" + t.service() + "'"));
            return Optional.empty();
        }
        int before = problems.size();
        Set<String> columns = new LinkedHashSet<>();
        if (t.columns() == null) {
            table.get().columns().forEach(c -> columns.add(c.name()));
        } else {
            for (String name : t.columns()) {
                table.get().findColumn(name).ifPresentOrElse(c -> columns.add(c.name()), () -> problems.add(
                        new ConfigProblem(file + ":" + t.lineOf("columns"), where + ".select.columns",
                                "no column '" + name + "' in " + table.get().ref())));
            }
        }
        Map<String, MaskStrategy> masks = new LinkedHashMap<>();
        t.masks().forEach((name, strategy) -> {
            String key = where + ".mask." + name;
            int line = t.lineOf("mask." + name);
            Optional<Column> column = table.get().findColumn(name);
            if (column.isEmpty()) {
                problems.add(new ConfigProblem(file + ":" + line, key, "no column '" + name + "' in " + table.get().ref()));
            } else if (!columns.contains(column.get().name())) {
                problems.add(new ConfigProblem(file + ":" + line, key, "'" + name + "' is not among the role's columns"));
            } else {
                String misfit = Mask.fits(strategy, column.get().type(), column.get().nullable());
                if (misfit != null) {
                    problems.add(new ConfigProblem(file + ":" + line, key, misfit));
                } else {
                    masks.put(column.get().name(), strategy);
                }
            }
        });
        Map<dev.weft.config.WriteSpec.Kind, WritePolicy> writes = new LinkedHashMap<>();
        t.writes().forEach((kind, spec) -> WritePolicy.resolve(file, where, spec, kind, table.get(), problems)
                .ifPresent(w -> writes.put(kind, w)));
        return problems.size() > before ? Optional.empty()
                : Optional.of(new TablePolicy(table.get().ref(), columns, t.filter(), masks, file + ":" + t.lineOf("filter"), writes));
    }
}
