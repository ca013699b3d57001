package dev.weft.catalog;

import java.util.List;

/** A foreign key of a table: its columns reference {@code targetColumns} of {@code target}, pairwise. */
public record ForeignKey(String name, List<String> columns, TableRef target, List<String> targetColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }
}
