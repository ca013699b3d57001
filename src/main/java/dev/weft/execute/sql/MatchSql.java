package dev.weft.execute.sql;

import dev.weft.dialect.SqlDialect;
import dev.weft.query.Predicate;
import java.util.List;

/**
 * A {@link Predicate.Match} in the dialect's own words, the pattern bound: {@code x ~* ?} on PostgreSQL,
 * {@code x REGEXP CONCAT('(?-i)', ?)} on MariaDB/MySQL, {@code REGEXP_LIKE(x, ?, 'c')} on H2 and DB2, and
 * {@code x SIMILAR TO ?} where the dialect has it. The operand is the column as {@code LIKE} takes it
 * ({@link SqlDialect#likeOperand}).
 *
 * <pre>{@code
 * MatchSql.render(postgres, new Predicate.Match("name", IREGEX, "^a", true), "t0.\"name\"", params)
 *     // t0."name" !~* ?, params + ["^a"]
 * }</pre>
 */
final class MatchSql {
    private MatchSql() {
    }

    static String render(SqlDialect dialect, Predicate.Match match, String operand, List<Object> params) {
        params.add(match.pattern());
        return switch (match.kind()) {
            case REGEX -> dialect.regexMatch(operand, false, match.negated());
            case IREGEX -> dialect.regexMatch(operand, true, match.negated());
            case SIMILAR -> dialect.similarMatch(operand, match.negated());
        };
    }
}
