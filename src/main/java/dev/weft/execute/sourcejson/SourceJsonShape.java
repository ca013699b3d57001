package dev.weft.execute.sourcejson;

import dev.weft.execute.json.JsonEscapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a source-built level in the order the document asks: a column (its value is the next element of
 * each row's JSON array) or a constant ({@code __typename}). Field names are encoded once, with the separator
 * before them.
 *
 * <pre>{@code
 * SourceJsonShape shape = SourceJsonShape.builder()
 *         .column("id", FieldKind.LONG, false)
 *         .constant("__typename", "ShopOrders")
 *         .column("total", FieldKind.DECIMAL, true)
 *         .build();   // writes [10, 147.18] as {"id":10,"__typename":"ShopOrders","total":147.18}
 * }</pre>
 */
public final class SourceJsonShape {
    final String[] keys;
    /** Per field its kind, or null for a constant. */
    final FieldKind[] kinds;
    final boolean[] nullable;
    /** Per field the bytes before its value: {@code {"name":} for the first, {@code ,"name":} for the others. */
    final byte[][] rawNames;
    /** Per constant field its value quoted as bytes (null for columns). */
    final byte[][] rawConstants;
    final String[] constants;
    /** The number of column fields: the elements of each row's array. */
    final int columns;

    private SourceJsonShape(Builder b) {
        int n = b.keys.size();
        keys = b.keys.toArray(new String[0]);
        kinds = b.kinds.toArray(new FieldKind[0]);
        nullable = new boolean[n];
        rawNames = new byte[n][];
        rawConstants = new byte[n][];
        constants = b.constants.toArray(new String[0]);
        int c = 0;
        for (int i = 0; i < n; i++) {
            nullable[i] = b.nullable.get(i);
            rawNames[i] = JsonEscapes.name(keys[i], i == 0);
            if (kinds[i] == null) {
                rawConstants[i] = JsonEscapes.quoted(constants[i]);
            } else {
                c++;
            }
        }
        columns = c;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of fields. */
    public int size() {
        return keys.length;
    }

    /** The bytes one row adds besides its values: names, braces, separators. */
    long bytesPerRowBesidesValues() {
        long n = 2; // the braces, or the comma between rows and the closing brace of an empty object
        for (int i = 0; i < rawNames.length; i++) {
            n += rawNames[i].length + (rawConstants[i] == null ? 0 : rawConstants[i].length);
        }
        return n;
    }

    /** Collects the fields of a shape in order. */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>();
        private final List<FieldKind> kinds = new ArrayList<>();
        private final List<Boolean> nullable = new ArrayList<>();
        private final List<String> constants = new ArrayList<>();

        /** A column of kind {@code kind}; {@code nullable} says whether a null may be written (else the level is irregular). */
        public Builder column(String key, FieldKind kind, boolean nullable) {
            keys.add(key);
            kinds.add(kind);
            this.nullable.add(nullable);
            constants.add(null);
            return this;
        }

        /** A field whose value is the same string in every row. */
        public Builder constant(String key, String value) {
            keys.add(key);
            kinds.add(null);
            nullable.add(false);
            constants.add(value);
            return this;
        }

        public SourceJsonShape build() {
            return new SourceJsonShape(this);
        }
    }
}
