package dev.weft.dialect;

import java.util.List;

/** H2 2.x: double quotes, {@code OFFSET ? ROWS FETCH FIRST ? ROWS ONLY}, {@code NULLS FIRST/LAST}, {@code ILIKE}. */
public final class H2Dialect extends SqlDialect {

    @Override
    public String quote(String identifier) {
        return quoteWith('"', identifier);
    }

    @Override
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (offset != null) {
            sql.append(" OFFSET ? ROWS");
            params.add(offset);
        }
        if (limit != null) {
            sql.append(" FETCH FIRST ? ROWS ONLY");
            params.add(limit);
        }
    }

    @Override
    public boolean supportsNullsOrdering() {
        return true;
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    @Override
    public int maxBindParameters() {
        return 65_535;
    }

    @Override
    public String name() {
        return "H2";
    }
}
