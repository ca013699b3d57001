package dev.weft.security;

import dev.weft.catalog.TableRef;
import dev.weft.config.AccessSpec.MaskStrategy;
import java.util.Map;
import java.util.Set;

/**
 * What one role may do with one table: the columns it may select (catalog names), its row filter in
 * the {@code where} syntax (by GraphQL field names, values possibly {@code "@claims.x"}; null for
 * none), the columns it sees masked, and where the filter is written ({@code access.yml:12}, for messages).
 */
public record TablePolicy(TableRef table, Set<String> columns, Map<String, Object> filter, Map<String, MaskStrategy> masks,
                          String filterOrigin) {
    public TablePolicy {
        columns = Set.copyOf(columns);
        masks = Map.copyOf(masks);
    }
}
