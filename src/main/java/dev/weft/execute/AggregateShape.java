package dev.weft.execute;

import dev.weft.schema.TableBinding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shapes executor aggregate values ({@code count}, {@code sum.salary}) into the GraphQL response
 * shape ({@code {count: 3, sum: {salary: ...}}}), keyed by GraphQL field names.
 */
final class AggregateShape {

    private AggregateShape() {
    }

    static Map<String, Object> of(TableBinding binding, Map<String, Object> values) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        Object count = values.get("count");
        shaped.put("count", count == null ? 0 : ((Number) count).intValue());
        Map<String, String> fieldOfColumn = new LinkedHashMap<>();
        binding.columns().forEach((field, column) -> fieldOfColumn.put(column.name(), field));
        values.forEach((key, value) -> {
            if (key.startsWith("count:")) {
                shaped.put(key, ((Number) value).intValue());
                return;
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                return;
            }
            String function = key.substring(0, dot);
            String field = fieldOfColumn.get(key.substring(dot + 1));
            @SuppressWarnings("unchecked")
            Map<String, Object> perFunction = (Map<String, Object>) shaped.computeIfAbsent(function, f -> new LinkedHashMap<>());
            perFunction.put(field, value);
        });
        return shaped;
    }
}
