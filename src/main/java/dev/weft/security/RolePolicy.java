package dev.weft.security;

import dev.weft.catalog.TableRef;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one role may do: its tables (a table absent here is invisible to the role), whether it
 * may introspect, and its limits (null when unset).
 */
public record RolePolicy(String name, Map<TableRef, TablePolicy> tables, boolean introspection, Integer maxDepth,
                         Integer maxLimit, Integer maxFields) {
    public RolePolicy {
        tables = Map.copyOf(tables);
    }

    public Optional<TablePolicy> table(TableRef ref) {
        return Optional.ofNullable(tables.get(ref));
    }
}
