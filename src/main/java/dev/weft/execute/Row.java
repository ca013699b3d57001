package dev.weft.execute;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One result row: values by catalog column name, sharing one column index per result.
 * Values are already of the Java type their {@link dev.weft.catalog.ColumnType} names.
 */
public final class Row {
    private final Layout layout;
    private final Object[] values;

    Row(Layout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    /**
     * The column positions that the rows of one result share, and, where the reader knows it, the one Java class of
     * every non-null value at each position (a JDBC reader reads each column as its catalog type's class).
     */
    static final class Layout {
        private final Map<String, Integer> index = new java.util.HashMap<>();
        private final Class<?>[] types;

        /** {@code types}: per column the class of its non-null values, or null where values may be of any class. */
        Layout(List<String> columns, Class<?>[] types) {
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i), i);
            }
            this.types = types;
        }
    }

    /** One row of its own; rows of one result are better made by {@link #factory}, which shares their index. */
    public static Row of(List<String> columns, List<Object> values) {
        return factory(columns).apply(values);
    }

    /**
     * Makes rows of these columns that share one column index (one {@link #layout()}): readers of a result look its
     * positions up once, not per row.
     *
     * <pre>{@code
     * Function<List<Object>, Row> rows = Row.factory(List.of("id", "name"));
     * Row a = rows.apply(List.of(1L, "Ada")), b = rows.apply(List.of(2L, "Bob")); // a.layout() == b.layout()
     * }</pre>
     */
    public static java.util.function.Function<List<Object>, Row> factory(List<String> columns) {
        return factory(columns, null);
    }

    /** As {@link #factory(List)}, for values whose class per column is {@code types}' (see {@link #typeAt}); null: any. */
    public static java.util.function.Function<List<Object>, Row> factory(List<String> columns, List<Class<?>> types) {
        Layout layout = new Layout(columns, types == null ? null : types.toArray(Class<?>[]::new));
        return values -> new Row(layout, values.toArray());
    }

    /** The value of {@code column}; null for SQL NULL and for a column the row was not read with. */
    public Object get(String column) {
        Integer i = layout.index.get(column);
        return i == null ? null : values[i];
    }

    /** The position of {@code column} in this row's values, or -1; rows of one result share positions ({@link #layout()}). */
    public int indexOf(String column) {
        Integer i = layout.index.get(column);
        return i == null ? -1 : i;
    }

    /** The value at {@code position} (from {@link #indexOf}). */
    public Object at(int position) {
        return values[position];
    }

    /**
     * The class of every non-null value at {@code position} in rows of this {@link #layout()}, or null when the reader
     * does not promise one (a JDBC source's rows answer their column's {@link ColumnReader#javaType}; MongoDB's, whose
     * documents may differ, answer null). Lets a consumer decide once per layout what it would decide per value.
     */
    public Class<?> typeAt(int position) {
        return layout.types == null ? null : layout.types[position];
    }

    /** An opaque identity of this row's column positions: rows with the same layout share {@link #indexOf} answers. */
    public Object layout() {
        return layout;
    }

    public boolean has(String column) {
        return layout.index.containsKey(column);
    }

    /** A rough size of this row's values in a JSON response (see {@link ResponseRows}). */
    long estimatedBytes() {
        long bytes = 2;
        for (Object value : values) {
            bytes += ResponseRows.estimate(value);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "Row" + Arrays.toString(values);
    }
}
