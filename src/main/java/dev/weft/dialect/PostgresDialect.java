package dev.weft.dialect;

import java.sql.SQLException;
import java.util.List;

/** PostgreSQL: double quotes, {@code LIMIT/OFFSET}, {@code NULLS FIRST/LAST}, {@code ILIKE}, 32767 binds. */
public final class PostgresDialect extends SqlDialect {

    @Override
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (limit != null) {
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        if (offset != null) {
            sql.append(" OFFSET ?");
            params.add(offset);
        }
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    /** Enum columns have no LIKE operator, and CHAR(n) would compare its padding: match on the text value. */
    @Override
    public String likeOperand(String column) {
        return column + "::text";
    }

    @Override
    public int maxBindParameters() {
        return 32_767;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public ErrorCode classify(SQLException e) {
        if ("57014".equals(e.getSQLState())) {
            return ErrorCode.TIMEOUT; // canceling statement due to statement timeout
        }
        return super.classify(e);
    }
}
