package dev.weft.schema;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Table;
import java.util.Map;

/**
 * What the GraphQL fields of one table's type mean: field name to column, field name to relationship.
 * The planner reads {@code where}/{@code order_by} keys and selections through it.
 */
public record TableBinding(Table table, Map<String, Column> columns, Map<String, Relationship> relationships) {
    public TableBinding {
        columns = Map.copyOf(columns);
        relationships = Map.copyOf(relationships);
    }
}
