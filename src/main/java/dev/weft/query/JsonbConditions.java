package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.dialect.WeftException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jsonb} operators of a {@code where} ({@code _contains}, {@code _contained_in}, {@code _has_key},
 * {@code _has_keys_any}, {@code _has_keys_all}) as {@link Predicate.Json} conditions; the schema offers them only
 * on PostgreSQL {@code jsonb} columns.
 *
 * <pre>{@code
 * JsonbConditions.of("data", column, "_contains", Map.of("tags", List.of("a")))
 *     // Json("data", CONTAINS, "{\"tags\":[\"a\"]}")
 * }</pre>
 */
public final class JsonbConditions {
    /** The operators, as the schema names them. */
    public static final List<String> OPERATORS = List.of("_contains", "_contained_in", "_has_key", "_has_keys_any", "_has_keys_all");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonbConditions() {
    }

    /** The condition {@code operator} with {@code value} (as GraphQL coerced it) on {@code column} at {@code path}. */
    public static Predicate of(String path, Column column, String operator, Object value) {
        if (!"jsonb".equalsIgnoreCase(column.sqlType())) {
            throw WeftException.badInput("'" + operator + "' applies only to jsonb columns, not to '" + column.fieldName() + "'");
        }
        return switch (operator) {
            case "_contains" -> new Predicate.Json(path, Predicate.JsonOp.CONTAINS, JSON.writeValueAsString(value));
            case "_contained_in" -> new Predicate.Json(path, Predicate.JsonOp.CONTAINED_IN, JSON.writeValueAsString(value));
            case "_has_key" -> new Predicate.Json(path, Predicate.JsonOp.HAS_KEY, (String) value);
            case "_has_keys_any" -> new Predicate.Json(path, Predicate.JsonOp.HAS_KEYS_ANY, keys(value));
            case "_has_keys_all" -> new Predicate.Json(path, Predicate.JsonOp.HAS_KEYS_ALL, keys(value));
            default -> throw WeftException.badInput("unknown operator '" + operator + "'");
        };
    }

    private static String[] keys(Object value) {
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        return list.stream().map(String.class::cast).toArray(String[]::new);
    }
}
