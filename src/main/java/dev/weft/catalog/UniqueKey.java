package dev.weft.catalog;

import java.util.List;

/**
 * A unique constraint (or unique index, the primary key's included) of a table, as the source
 * names it: {@code accounts_name_key (name)}. Upserts ({@code on_conflict}) name one of them.
 */
public record UniqueKey(String name, List<String> columns) {
    public UniqueKey {
        columns = List.copyOf(columns);
    }
}
