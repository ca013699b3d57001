package dev.weft.web;

import dev.weft.catalog.TableRef;
import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.dialect.WeftException;
import dev.weft.query.RowFilterCompiler;
import dev.weft.schema.SchemaBindings;
import dev.weft.security.RolePolicy;
import dev.weft.security.SecurityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up checks of access.yml that need the schema's bindings: every row filter, and every
 * {@code filter}, {@code check} and preset of a write permission, parses against its table (fields,
 * operators, relationships, value types). All problems are reported at once, with file and line.
 *
 * <pre>{@code
 * AccessPolicyChecks.check(security, bindings);   // throws WeftConfigException listing every problem
 * }</pre>
 */
final class AccessPolicyChecks {
    private AccessPolicyChecks() {
    }

    static void check(SecurityModel security, SchemaBindings bindings) {
        if (security == null) {
            return;
        }
        RowFilterCompiler compiler = new RowFilterCompiler(bindings);
        List<ConfigProblem> problems = new ArrayList<>();
        for (RolePolicy role : security.roles().values()) {
            for (var table : role.tables().values()) {
                String key = "roles." + role.name() + "." + table.table();
                add(problems, table.filterOrigin(), key + ".select.filter", null, () -> where(compiler, table.table(), table.filter()));
                table.writes().values().forEach(write -> {
                    String prefix = key + "." + write.kind().configName();
                    add(problems, write.origin("filter"), prefix + ".filter", null, () -> where(compiler, table.table(), write.filter()));
                    add(problems, write.origin("check"), prefix + ".check", null, () -> where(compiler, table.table(), write.check()));
                    write.presets().forEach((column, value) -> {
                        var c = bindings.table(table.table()).table().requireColumn(column);
                        add(problems, write.origin("set"), prefix + ".set." + column, "the value '" + value
                                + "' does not fit the column '" + column + "' (" + c.sqlType() + ")",
                                () -> RowFilterCompiler.preset(c, value, null));
                    });
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
    }

    private static void where(RowFilterCompiler compiler, TableRef table, Map<String, Object> where) {
        if (where != null) {
            compiler.check(table, where);
        }
    }

    private static void add(List<ConfigProblem> problems, String origin, String key, String message, Runnable check) {
        try {
            check.run();
        } catch (WeftException e) {
            problems.add(new ConfigProblem(origin, key, message == null ? e.getMessage() : message));
        }
    }
}
