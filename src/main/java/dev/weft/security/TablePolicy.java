package dev.weft.security;

import dev.weft.catalog.TableRef;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.config.WriteSpec;
import java.util.Map;
import java.util.Set;

/**
 * What one role may do with one table: the columns it may select (catalog names), its row filter in
 * the {@code where} syntax (by GraphQL field names, values possibly {@code "@claims.x"}; null for
 * none), the columns it sees masked, and where the filter is written ({@code access.yml:12}, for messages).
 */
public record TablePolicy(TableRef table, Set<String> columns, Map<String, Object> filter, Map<String, MaskStrategy> masks,
                          String filterOrigin, Map<WriteSpec.Kind, WritePolicy> writes) {
    public TablePolicy {
        columns = Set.copyOf(columns);
        masks = Map.copyOf(masks);
        writes = Map.copyOf(writes);
    }

    /** A policy that allows no write. */
    public TablePolicy(TableRef table, Set<String> columns, Map<String, Object> filter, Map<String, MaskStrategy> masks,
                       String filterOrigin) {
        this(table, columns, filter, masks, filterOrigin, Map.of());
    }

    /** The role's permission of this kind on the table, if it has one. */
    public java.util.Optional<WritePolicy> write(WriteSpec.Kind kind) {
        return java.util.Optional.ofNullable(writes.get(kind));
    }
}
