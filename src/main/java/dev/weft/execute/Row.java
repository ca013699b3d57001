package dev.weft.execute;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One result row: values by catalog column name, sharing one column index per result.
 * Values are already of the Java type their {@link dev.weft.catalog.ColumnType} names.
 */
public final class Row {
    private final Map<String, Integer> index;
    private final Object[] values;

    Row(Map<String, Integer> index, Object[] values) {
        this.index = index;
        this.values = values;
    }

    public static Row of(List<String> columns, List<Object> values) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        return new Row(index, values.toArray());
    }

    /** The value of {@code column}; null for SQL NULL and for a column the row was not read with. */
    public Object get(String column) {
        Integer i = index.get(column);
        return i == null ? null : values[i];
    }

    /** The position of {@code column} in this row's values, or -1; rows of one result share positions ({@link #layout()}). */
    public int indexOf(String column) {
        Integer i = index.get(column);
        return i == null ? -1 : i;
    }

    /** The value at {@code position} (from {@link #indexOf}). */
    public Object at(int position) {
        return values[position];
    }

    /** An opaque identity of this row's column positions: rows with the same layout share {@link #indexOf} answers. */
    public Object layout() {
        return index;
    }

    public boolean has(String column) {
        return index.containsKey(column);
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
