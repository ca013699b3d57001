package dev.weft.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * How a source matches text beyond {@code _eq}/{@code _like}/{@code _ilike}, as its dialect states it: whether it
 * evaluates regular expressions ({@code _regex}, {@code _iregex}, {@code _nregex}, {@code _niregex}) and SQL's
 * {@code SIMILAR TO} ({@code _similar}, {@code _nsimilar}), and whether a {@code LIKE} pattern that ends in its
 * escape character ({@code \}) is an error there (PostgreSQL, H2) rather than a literal backslash (MariaDB, MySQL,
 * DB2, MongoDB's translation). The schema offers the operators only where they hold, in a comparison type named by
 * {@link #comparisonType}.
 *
 * <pre>{@code
 * new TextMatching(true, true, true).operators()   // [_regex, _iregex, _nregex, _niregex, _similar, _nsimilar]
 * TextMatching.LIKE_ONLY.comparisonType("String")  // StringComparisonExp
 * new TextMatching(true, false, false).comparisonType("String")  // StringRegexComparisonExp
 * }</pre>
 */
public record TextMatching(boolean regex, boolean similar, boolean likeEscapeAtEndIsError) {
    /** Only the operators every source has: what a source is assumed to have unless its dialect says more. */
    public static final TextMatching LIKE_ONLY = new TextMatching(false, false, false);

    /** The regular-expression operators, as the schema names them. */
    public static final List<String> REGEX_OPERATORS = List.of("_regex", "_iregex", "_nregex", "_niregex");

    /** The {@code SIMILAR TO} operators, as the schema names them. */
    public static final List<String> SIMILAR_OPERATORS = List.of("_similar", "_nsimilar");

    /** The operators beyond the common set, in schema order. */
    public List<String> operators() {
        List<String> operators = new ArrayList<>();
        if (regex) {
            operators.addAll(REGEX_OPERATORS);
        }
        if (similar) {
            operators.addAll(SIMILAR_OPERATORS);
        }
        return operators;
    }

    /** Whether {@code operator} (a schema name such as {@code _regex}) is one this source evaluates. */
    public boolean offers(String operator) {
        return regex && REGEX_OPERATORS.contains(operator) || similar && SIMILAR_OPERATORS.contains(operator);
    }

    /**
     * The name of the comparison input of {@code scalar} for a source matching text this way: the one function that
     * names it, so a naming mode maps it in one place. Only the text scalar's name carries the operator families
     * ({@code StringRegexSimilarComparisonExp}); other scalars keep {@code <Scalar>ComparisonExp}.
     */
    public String comparisonType(String scalar, boolean text) {
        return scalar + families(text) + "ComparisonExp";
    }

    /** What sets this comparison type apart in its name: {@code ""}, {@code "Regex"}, {@code "RegexSimilar"} ({@code ""} unless text). */
    public String families(boolean text) {
        return !text ? "" : (regex ? "Regex" : "") + (similar ? "Similar" : "");
    }
}
