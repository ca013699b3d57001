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
 * Judges every text pattern of an argument before execution. A {@code where} of a known table is walked with the
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

    private final SchemaBindings bindings;

    PatternPrecheck(SchemaBindings bindings) {
        this.bindings = bindings;
    }

    /** The argument {@code name} with {@code value} of a field on {@code table} (null: unknown). */
    void argument(TableBinding table, String name, Object value) {
        if (table != null && "where".equals(name) && value instanceof Map<?, ?> where) {
            where(table, where);
        } else {
            anywhere(name, value);
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
                anywhere(key, value); // a nested document (MongoDB): the shared rules
            }
        }
    }

    private static void operators(String field, Map<?, ?> operators, TextMatching matching) {
        for (Map.Entry<?, ?> entry : operators.entrySet()) {
            if (entry.getValue() instanceof String pattern) {
                pattern(field, String.valueOf(entry.getKey()), pattern, matching);
            }
        }
    }

    /** Every pattern operator in {@code value}; {@code key} names what holds it (the column, for messages). */
    private static void anywhere(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof String pattern && isPatternOperator(String.valueOf(entry.getKey()))) {
                    pattern(key, String.valueOf(entry.getKey()), pattern, TextMatching.LIKE_ONLY);
                } else {
                    anywhere(String.valueOf(entry.getKey()), entry.getValue());
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> anywhere(key, element));
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
