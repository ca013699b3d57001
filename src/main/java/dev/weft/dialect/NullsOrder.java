package dev.weft.dialect;

/** Where NULLs sort. {@code asc} means nulls last and {@code desc} nulls first, on every source (Hasura's rule). */
public enum NullsOrder {
    FIRST,
    LAST
}
