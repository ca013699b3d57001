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
        if (code == 1045 || code == 2002 || code == 2003 || code == 2006 || code == 2013) {
            return ErrorCode.SOURCE_UNAVAILABLE;
        }
        return super.classify(e);
    }
}
