package dev.weft.schema;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every table's {@link TableBinding}, keyed by table. Built from the catalog before the schema. */
public record SchemaBindings(Map<TableRef, TableBinding> tables) {
    public SchemaBindings {
        tables = Map.copyOf(tables);
    }

    public TableBinding table(TableRef ref) {
        TableBinding binding = tables.get(ref);
        if (binding == null) {
            throw new IllegalArgumentException("no binding for " + ref);
        }
        return binding;
    }

    public static SchemaBindings of(Catalog catalog) {
        Map<TableRef, TableBinding> tables = new HashMap<>();
        Map<TableRef, List<Relationship>> byTable = new HashMap<>(); // one pass: thousands of tables, tens of thousands of relationships
        catalog.relationships().forEach(r -> byTable.computeIfAbsent(r.from(), t -> new ArrayList<>()).add(r));
        for (Source source : catalog.sources()) {
            for (Table table : source.tables()) {
                Map<String, Column> columns = new LinkedHashMap<>();
                table.columns().forEach(c -> columns.put(c.fieldName(), c));
                Map<String, Relationship> relationships = new LinkedHashMap<>();
                byTable.getOrDefault(table.ref(), List.of()).forEach(r -> relationships.put(r.fieldName(), r));
                tables.put(table.ref(), new TableBinding(table, columns, relationships, source.textMatching()));
            }
        }
        return new SchemaBindings(tables);
    }
}
