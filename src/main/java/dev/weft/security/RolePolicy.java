package dev.weft.security;

import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.LimitSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one role may do: its tables (a table absent here is invisible to the role), whether it
 * may introspect, its {@code max-limit} (null when unset), the limits it sets over {@code weft.limits}, and
 * its {@code max-rows-affected} (null when unset: the most rows one write may touch).
 */
public record RolePolicy(String name, Map<TableRef, TablePolicy> tables, boolean introspection, Integer maxLimit,
                         LimitSettings.LimitOverrides limits, Integer maxRowsAffected) {
    public RolePolicy {
        tables = Map.copyOf(tables);
        limits = limits == null ? LimitSettings.LimitOverrides.NONE : limits;
    }

    public Optional<TablePolicy> table(TableRef ref) {
        return Optional.ofNullable(tables.get(ref));
    }

    /**
     * Whether the role may address rows of {@code table} by key values: the table has a primary key
     * and the role may select every column of it, unmasked. Anything that takes key values follows
     * this rule ({@code _by_pk} today), since its answer (a row or none) tells whether a key exists.
     *
     * <pre>{@code
     * columns: [name, region]           -> false: the key (id) is not among them
     * columns: [id, name], mask: {id: redact}  -> false: the role sees id only masked
     * }</pre>
     */
    public boolean mayAddressByKey(Table table) {
        List<String> key = table.primaryKey();
        return !key.isEmpty() && table(table.ref())
                .map(p -> p.columns().containsAll(key) && key.stream().noneMatch(p.masks()::containsKey))
                .orElse(false);
    }
}
