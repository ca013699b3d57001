package dev.weft.dialect;

/** H2 2.x: standard SQL paging and quoting, {@code NULLS FIRST/LAST}, and {@code ILIKE}. */
public final class H2Dialect extends SqlDialect {

    @Override
    public boolean supportsIlike() {
        return true;
    }

    /** {@code REGEXP_LIKE(x, ?, 'c')} (Java's regular expressions), no {@code SIMILAR TO}; a LIKE pattern ending in a backslash matches nothing (NULL). */
    @Override
    public dev.weft.catalog.TextMatching textMatching() {
        return new dev.weft.catalog.TextMatching(true, false, false);
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
