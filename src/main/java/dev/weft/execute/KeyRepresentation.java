package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.config.KeyFieldSet;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key columns and values an entity representation gives for one {@code @key} field set: a field is a column,
 * a nested field ({@code variation { id }}) the column of the table that its object relationship joins on the
 * named target column ({@code variation_id}), its value the nested object's field.
 *
 * <pre>{@code
 * KeyRepresentation.match("sku variation { id }", product, bindings, Map.of("sku", "federation", "variation", Map.of("id", "OSS")))
 * // Optional[Match[columns=[sku, variation_id], values=[federation, OSS]]]
 * }</pre>
 */
final class KeyRepresentation {
    private KeyRepresentation() {
    }

    record Match(List<Column> columns, List<Object> values) {
    }

    /** The columns and values, or empty when the representation lacks a field of the set. */
    static Optional<Match> match(String fieldSet, TableBinding binding, SchemaBindings bindings, Map<?, ?> representation) {
        List<List<String>> paths = KeyFieldSet.parse(fieldSet);
        List<Column> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (List<String> path : paths == null ? List.<List<String>>of() : paths) {
            if (!representation.containsKey(path.get(0))) {
                return Optional.empty();
            }
            if (path.size() == 1) {
                columns.add(binding.columns().get(path.get(0)));
                values.add(representation.get(path.get(0)));
                continue;
            }
            Relationship r = binding.relationships().get(path.get(0));
            if (!(representation.get(path.get(0)) instanceof Map<?, ?> nested) || !nested.containsKey(path.get(1)) || r == null) {
                return Optional.empty();
            }
            Column target = bindings.table(r.to()).columns().get(path.get(1));
            int i = target == null ? -1 : r.toColumns().indexOf(target.name());
            if (i < 0) {
                return Optional.empty();
            }
            columns.add(binding.table().requireColumn(r.fromColumns().get(i)));
            values.add(nested.get(path.get(1)));
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new Match(columns, values));
    }
}
