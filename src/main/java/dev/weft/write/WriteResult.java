package dev.weft.write;

import dev.weft.execute.Row;
import java.util.List;

/** What one {@link WriteStep} did: the number of rows written and those rows as the caller may read them. */
public record WriteResult(int affectedRows, List<Row> returning) {
    public WriteResult {
        returning = List.copyOf(returning);
    }
}
