package dev.weft.query;

/** {@code limit} and {@code offset}; null means none. */
public record Page(Long limit, Long offset) {
    public static final Page ALL = new Page(null, null);

    public boolean isAll() {
        return limit == null && offset == null;
    }
}
