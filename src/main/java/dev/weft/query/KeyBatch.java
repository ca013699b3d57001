package dev.weft.query;

import java.util.List;

/**
 * The parents' keys of one relationship batch: the related rows are those whose {@code keyColumns}
 * equal one of {@code keys} (one value per column each, already converted to the columns' types).
 * The select's paging and order then apply per key ("per parent"), not to the whole batch.
 */
public record KeyBatch(List<String> keyColumns, List<List<Object>> keys) {
    public KeyBatch {
        keyColumns = List.copyOf(keyColumns);
        keys = List.copyOf(keys);
    }
}
