package dev.weft.precheck;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TextMatching;
import dev.weft.dialect.WeftException;
import dev.weft.query.LikePatterns;
import dev.weft.query.RegexPatterns;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import java.util.List;
import java.util.Map;

/**
 * Judges every condition of an argument before execution: an explicit null compared with ({@code _eq: null}), and every
 * text pattern. A {@code where} of a known table is walked with the
 * table's binding, so each pattern is judged by the rules of the source that will evaluate it (through
 * relationships too): a {@code _like} family pattern longer than {@link LikePatterns#MAX_LENGTH}, or ending in an
 * unescaped backslash where the source's {@link TextMatching#likeEscapeAtEndIsError()} (PostgreSQL); a regular
 * expression or {@code SIMILAR TO} pattern {@link RegexPatterns} finds surely malformed. Any other argument (or a
 * {@code where} whose table is unknown) is judged by the rules every source shares.
 *
 * <pre>{@code
 * where: {last_name: {_like: "abc\\"}}   on PostgreSQL: BAD_USER_INPUT, "... ends with the escape character ..."
 * }</pre>
 */
final class PatternPrecheck {
    private static final List<String> LIKE = List.of("_like", "_nlike", "_ilike", "_nilike");
    private static final List<String> COMPARISONS = List.of("_eq", "_neq", "_gt", "_gte", "_lt", "_lte", "_in", "_nin",
            "_contains", "_contained_in", "_has_key", "_has_keys_any", "_has_keys_all");

    private final SchemaBindings bindings;

    PatternPrecheck(SchemaBindings bindings) {
        this.bindings = bindings;
    }

    /**
     * The argument {@code name} with {@code value} of a field on {@code table} (null: unknown): a {@code where}, the
     * {@code where} of each of {@code update_many}'s {@code updates}, of an {@code on_conflict}, and of the
     * {@code on_conflict} of nested inserts ({@code objects}, {@code object}) are judged by the rules of their own table.
     */
    void argument(TableBinding table, String name, Object value) {
        if (table == null) {
            anywhere(name, value, TextMatching.LIKE_ONLY);
            return;
        }
        switch (name) {
            case "where" -> where(table, value);
            case "updates" -> each(value, update -> where(table, update.get("where")));
            case "on_conflict" -> onConflict(table, value);
            case "objects", "object" -> each(value instanceof Map<?, ?> one ? List.of(one) : value, row -> inserted(table, row));
            default -> { } // values, not conditions (_set, _inc, pk_columns): a JSON value may hold any key
        }
    }

    private void onConflict(TableBinding table, Object value) {
        if (value instanceof Map<?, ?> conflict) {
            where(table, conflict.get("where"));
        }
    }

    /** One inserted row: the {@code on_conflict} of its nested inserts, by their own tables, and their rows in turn. */
    private void inserted(TableBinding table, Map<?, ?> row) {
        row.forEach((key, value) -> {
            Relationship relationship = table.relationships().get(String.valueOf(key));
            if (relationship != null && value instanceof Map<?, ?> nested) {
                TableBinding target = bindings.table(relationship.to());
                onConflict(target, nested.get("on_conflict"));
                Object data = nested.get("data");
                each(data instanceof Map<?, ?> one ? List.of(one) : data, child -> inserted(target, child));
            }
        });
    }

    private static void each(Object value, java.util.function.Consumer<Map<?, ?>> action) {
        if (value instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(element -> action.accept((Map<?, ?>) element));
        }
    }

    private void where(TableBinding table, Object where) {
        if (where instanceof Map<?, ?> map) {
            where(table, map);
        }
    }

    private void where(TableBinding table, Map<?, ?> where) {
        for (Map.Entry<?, ?> entry : where.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            Column column = table.columns().get(key);
            Relationship relationship = table.relationships().get(key);
            if (("_and".equals(key) || "_or".equals(key)) && value instanceof List<?> parts) {
                parts.forEach(part -> where(table, part instanceof Map<?, ?> m ? m : Map.of()));
            } else if ("_not".equals(key) && value instanceof Map<?, ?> inner) {
                where(table, inner);
            } else if (relationship != null && value instanceof Map<?, ?> inner) {
                where(bindings.table(relationship.to()), inner);
            } else if (column != null && !column.isDocument() && value instanceof Map<?, ?> operators) {
                operators(key, operators, table.textMatching());
            } else {
                anywhere(key, value, table.textMatching()); // a nested document (MongoDB): its source's rules
            }
        }
    }

    private static void operators(String field, Map<?, ?> operators, TextMatching matching) {
        for (Map.Entry<?, ?> entry : operators.entrySet()) {
            nullComparison(field, String.valueOf(entry.getKey()), entry.getValue());
            if (entry.getValue() instanceof String pattern) {
                pattern(field, String.valueOf(entry.getKey()), pattern, matching);
            }
        }
    }

    /**
     * An explicit null compared with ({@code _eq: null}, also from a variable): an error in Hasura v2 rather than "no
     * condition", refused with the planner's own message; {@code _is_null} takes it.
     */
    private static void nullComparison(String field, String operator, Object value) {
        if (value == null && (COMPARISONS.contains(operator) || isPatternOperator(operator))) {
            throw WeftException.badInput("'" + operator + "' on '" + field + "' needs a value; use _is_null to test for null");
        }
    }

    /** Every pattern operator in {@code value}; {@code key} names what holds it (the column, for messages). */
    private static void anywhere(String key, Object value, TextMatching matching) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                nullComparison(key, String.valueOf(entry.getKey()), entry.getValue());
                if (entry.getValue() instanceof String pattern && isPatternOperator(String.valueOf(entry.getKey()))) {
                    pattern(key, String.valueOf(entry.getKey()), pattern, matching);
                } else {
                    anywhere(String.valueOf(entry.getKey()), entry.getValue(), matching);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> anywhere(key, element, matching));
        }
    }

    private static boolean isPatternOperator(String operator) {
        return LIKE.contains(operator) || TextMatching.REGEX_OPERATORS.contains(operator)
                || TextMatching.SIMILAR_OPERATORS.contains(operator);
    }

    private static void pattern(String field, String operator, String pattern, TextMatching matching) {
        if (LIKE.contains(operator)) {
            LikePatterns.normalize(field, pattern);
            if (matching.likeEscapeAtEndIsError() && endsInEscape(pattern)) {
                throw WeftException.badInput("the pattern for '" + field + "' ends with the escape character '\\',"
                        + " which this source refuses; write '\\\\' for a backslash");
            }
        } else if (TextMatching.REGEX_OPERATORS.contains(operator) || TextMatching.SIMILAR_OPERATORS.contains(operator)) {
            RegexPatterns.check(field, pattern, TextMatching.SIMILAR_OPERATORS.contains(operator));
        }
    }

    /** Whether the pattern ends in an odd run of backslashes: an escape with nothing to escape. */
    static boolean endsInEscape(String pattern) {
        int backslashes = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
