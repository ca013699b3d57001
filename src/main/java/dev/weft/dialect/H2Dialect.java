package dev.weft.dialect;

/** H2 2.x: standard SQL paging and quoting, {@code NULLS FIRST/LAST}, and {@code ILIKE}. */
public final class H2Dialect extends SqlDialect {

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
