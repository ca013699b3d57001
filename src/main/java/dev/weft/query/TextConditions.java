package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.TextMatching;
import dev.weft.dialect.WeftException;
import java.util.Map;

/**
 * The text-matching operators of a {@code where} as predicates: {@code _like}, {@code _nlike}, {@code _ilike},
 * {@code _nilike} ({@link Predicate.Like}, every source) and {@code _regex}, {@code _iregex}, {@code _nregex},
 * {@code _niregex}, {@code _similar}, {@code _nsimilar} ({@link Predicate.Match}, only where the source's
 * {@link TextMatching} offers them: elsewhere the schema has no such field, and a row filter naming one is refused).
 * Patterns are checked first ({@link LikePatterns}, {@link RegexPatterns}).
 *
 * <pre>{@code
 * TextConditions.of("last_name", column, "_iregex", "^s", new TextMatching(true, true, true))
 *     // Match("last_name", IREGEX, "^s", false)
 * }</pre>
 */
public final class TextConditions {
    private static final Map<String, Predicate.MatchKind> KINDS = Map.of("_regex", Predicate.MatchKind.REGEX,
            "_nregex", Predicate.MatchKind.REGEX, "_iregex", Predicate.MatchKind.IREGEX, "_niregex", Predicate.MatchKind.IREGEX,
            "_similar", Predicate.MatchKind.SIMILAR, "_nsimilar", Predicate.MatchKind.SIMILAR);

    private TextConditions() {
    }

    /** The condition {@code operator} with {@code value} on {@code column} at {@code path}; an unknown operator is a {@code BAD_USER_INPUT}. */
    public static Predicate of(String path, Column column, String operator, Object value, TextMatching matching) {
        String name = column.fieldName();
        return switch (operator) {
            case "_like" -> new Predicate.Like(path, LikePatterns.normalize(name, (String) value), false, false);
            case "_nlike" -> new Predicate.Like(path, LikePatterns.normalize(name, (String) value), false, true);
            case "_ilike" -> new Predicate.Like(path, LikePatterns.normalize(name, (String) value), true, false);
            case "_nilike" -> new Predicate.Like(path, LikePatterns.normalize(name, (String) value), true, true);
            default -> match(path, column, operator, value, matching);
        };
    }

    private static Predicate match(String path, Column column, String operator, Object value, TextMatching matching) {
        Predicate.MatchKind kind = KINDS.get(operator);
        if (kind == null) {
            throw WeftException.badInput("unknown operator '" + operator + "'");
        }
        if (!column.type().isText() || !matching.offers(operator)) {
            throw WeftException.badInput("'" + operator + "' is not offered on '" + column.fieldName()
                    + "': its source does not evaluate it");
        }
        String pattern = (String) value;
        RegexPatterns.check(column.fieldName(), pattern, kind == Predicate.MatchKind.SIMILAR);
        return new Predicate.Match(path, kind, pattern, operator.startsWith("_n"));
    }
}
