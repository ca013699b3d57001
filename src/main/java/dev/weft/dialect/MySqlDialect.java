package dev.weft.dialect;

import java.sql.SQLException;
import java.util.List;

/**
 * MySQL and MariaDB: back-quotes, {@code LIMIT/OFFSET} (a huge limit when only an offset is given),
 * no {@code NULLS FIRST/LAST} (emulated with {@code x IS NULL} terms), no {@code ILIKE}.
 */
public final class MySqlDialect extends SqlDialect {
    private static final String NO_LIMIT = "18446744073709551615";

    @Override
    public String quote(String identifier) {
        return quoteWith('`', identifier);
    }

    @Override
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (limit == null && offset == null) {
            return;
        }
        if (limit != null) {
            sql.append(" LIMIT ?");
            params.add(limit);
        } else {
            sql.append(" LIMIT " + NO_LIMIT);
        }
        if (offset != null) {
            sql.append(" OFFSET ?");
            params.add(offset);
        }
    }

    @Override
    public boolean supportsNullsOrdering() {
        return false;
    }

    /**
     * {@code REGEXP} (MariaDB: PCRE2; MySQL 8: ICU), no {@code SIMILAR TO}; a LIKE pattern ending in a backslash
     * matches a backslash there.
     */
    @Override
    public dev.weft.catalog.TextMatching textMatching() {
        return new dev.weft.catalog.TextMatching(true, false, false);
    }

    /**
     * {@code x REGEXP ?} follows the column's collation for case (a {@code _ci} collation ignores it): an inline
     * {@code (?-i)} or {@code (?i)} ahead of the pattern, which both PCRE2 (MariaDB) and ICU (MySQL 8) read, makes
     * {@code _regex} case-sensitive and {@code _iregex} not on every collation.
     */
    @Override
    public String regexMatch(String operand, boolean caseInsensitive, boolean negated) {
        return operand + (negated ? " NOT" : "") + " REGEXP CONCAT('" + (caseInsensitive ? "(?i)" : "(?-i)") + "', ?)";
    }

    @Override
    public int maxBindParameters() {
        return 65_535;
    }

    @Override
    public String name() {
        return "MySQL/MariaDB";
    }

    @Override
    public ErrorCode classify(SQLException e) {
        int code = e.getErrorCode();
        if (code == 1317 || code == 3024 || code == 1969) {
            return ErrorCode.TIMEOUT; // query interrupted / max_execution_time / max_statement_time exceeded
        }
        if (code == 1139 || code >= 3685 && code <= 3700 && code != 3687 && code != 3699) {
            return ErrorCode.BAD_USER_INPUT; // a malformed regular expression (MariaDB's PCRE2, MySQL 8's ICU)
        }
        if (code == 1045 || code == 2002 || code == 2003 || code == 2006 || code == 2013) {
            return ErrorCode.SOURCE_UNAVAILABLE;
        }
        return super.classify(e);
    }
}
