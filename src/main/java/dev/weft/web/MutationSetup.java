package dev.weft.web;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.ConfigProblem;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Fetchers;
import dev.weft.query.QueryPlanner;
import dev.weft.query.RowFilterCompiler;
import dev.weft.schema.MutationOptions;
import dev.weft.schema.SchemaBindings;
import dev.weft.security.RolePolicy;
import dev.weft.security.SecurityModel;
import dev.weft.write.MutationFetchers;
import dev.weft.write.Writers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Start-up of mutations: a writer per writable source, the unique constraints of their tables, the
 * write permissions of access.yml checked against the tables (every {@code filter} and {@code check}
 * parses, every literal preset fits its column), and the options the schema generator needs.
 */
final class MutationSetup {
    private MutationSetup() {
    }

    static MutationOptions options(List<ServiceSettings> services, Map<ServiceName, DataSource> pools, Catalog catalog,
                                   SchemaBindings bindings, Fetchers fetchers, SecurityModel security) {
        checkWritePolicies(security, bindings);
        Map<TableRef, List<UniqueKey>> uniqueKeys = Writers.uniqueKeys(catalog, pools);
        MutationFetchers mutations = new MutationFetchers(new QueryPlanner(bindings),
                Writers.of(services, pools, SourceFactory::dialect), fetchers::resolve,
                ref -> uniqueKeys.getOrDefault(ref, List.of()), security != null);
        return new MutationOptions(Writers::writable, ref -> uniqueKeys.getOrDefault(ref, List.of()), mutations);
    }

    private static void checkWritePolicies(SecurityModel security, SchemaBindings bindings) {
        if (security == null) {
            return;
        }
        RowFilterCompiler compiler = new RowFilterCompiler(bindings);
        List<ConfigProblem> problems = new ArrayList<>();
        for (RolePolicy role : security.roles().values()) {
            role.tables().values().forEach(table -> table.writes().values().forEach(write -> {
                String key = "roles." + role.name() + "." + table.table() + "." + write.kind().configName();
                check(problems, write.origin("filter"), key + ".filter", null, () -> whereOf(compiler, table.table(), write.filter()));
                check(problems, write.origin("check"), key + ".check", null, () -> whereOf(compiler, table.table(), write.check()));
                write.presets().forEach((column, value) -> {
                    var c = bindings.table(table.table()).table().requireColumn(column);
                    check(problems, write.origin("set"), key + ".set." + column, "the value '" + value + "' does not fit the column '"
                            + column + "' (" + c.sqlType() + ")", () -> RowFilterCompiler.preset(c, value, null));
                });
            }));
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
    }

    private static void whereOf(RowFilterCompiler compiler, TableRef table, Map<String, Object> where) {
        if (where != null) {
            compiler.check(table, where);
        }
    }

    private static void check(List<ConfigProblem> problems, String origin, String key, String message, Runnable check) {
        try {
            check.run();
        } catch (WeftException e) {
            problems.add(new ConfigProblem(origin, key, message == null ? e.getMessage() : message));
        }
    }
}
