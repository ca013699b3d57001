package dev.weft.security;

import dev.weft.catalog.TableRef;
import dev.weft.config.LimitSettings;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one role may do: its tables (a table absent here is invisible to the role), whether it
 * may introspect, its {@code max-limit} (null when unset) and the limits it sets over {@code weft.limits}.
 */
public record RolePolicy(String name, Map<TableRef, TablePolicy> tables, boolean introspection, Integer maxLimit,
                         LimitSettings.LimitOverrides limits) {
    public RolePolicy {
        tables = Map.copyOf(tables);
        limits = limits == null ? LimitSettings.LimitOverrides.NONE : limits;
    }

    public Optional<TablePolicy> table(TableRef ref) {
        return Optional.ofNullable(tables.get(ref));
    }
}
