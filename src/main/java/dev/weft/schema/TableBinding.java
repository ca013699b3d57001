package dev.weft.schema;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Table;
import dev.weft.catalog.TextMatching;
import java.util.Map;

/**
 * What the GraphQL fields of one table's type mean: field name to column, field name to relationship.
 * The planner reads {@code where}/{@code order_by} keys and selections through it; {@code textMatching} is what
 * the table's source offers beyond the common text operators.
 */
public record TableBinding(Table table, Map<String, Column> columns, Map<String, Relationship> relationships,
                           TextMatching textMatching) {
    public TableBinding {
        columns = Map.copyOf(columns);
        relationships = Map.copyOf(relationships);
        textMatching = textMatching == null ? TextMatching.LIKE_ONLY : textMatching;
    }

    /** The binding of a table whose source has only the common text operators. */
    public TableBinding(Table table, Map<String, Column> columns, Map<String, Relationship> relationships) {
        this(table, columns, relationships, TextMatching.LIKE_ONLY);
    }
}
