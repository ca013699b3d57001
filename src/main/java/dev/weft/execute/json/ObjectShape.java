package dev.weft.execute.json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.core.io.SerializedString;

/**
 * What one selection set writes for each row of a table, decided once per request: its fields in the order the
 * document asks, each a leaf (a column, an optional preparation such as a mask, and its {@link LeafFormat}), a
 * constant ({@code __typename}) or a child (a relationship or aggregate, whose value per row the executor sets on the
 * {@link ObjectLevel}). Field names are pre-encoded for the generator and as
 * raw bytes ({@link JsonBytes}).
 *
 * <pre>{@code
 * ObjectShape shape = ObjectShape.builder()
 *         .leaf("id", "id", LeafFormats.of(ExtendedScalars.GraphQLLong, context, locale), null)
 *         .constant("__typename", "CrmCustomers")
 *         .child("orders")          // slot 0
 *         .build();
 * }</pre>
 */
public final class ObjectShape {
    enum Kind { LEAF, CONSTANT, CHILD }

    final String[] keys;
    final SerializedString[] names;
    final Kind[] kinds;
    final String[] columns;
    final LeafFormat[] formats;
    final UnaryOperator<Object>[] prepares;
    final SerializedString[] constants;
    /** Per field the bytes before its value: {@code {"name":} for the first, {@code ,"name":} for the others. */
    final byte[][] rawNames;
    /** Per constant field its value quoted as bytes (null for other fields). */
    final byte[][] rawConstants;
    final int[] slots;
    final int childCount;

    private ObjectShape(Builder b) {
        int n = b.keys.size();
        keys = b.keys.toArray(new String[0]);
        names = new SerializedString[n];
        for (int i = 0; i < n; i++) {
            names[i] = new SerializedString(keys[i]);
        }
        kinds = b.kinds.toArray(new Kind[0]);
        columns = b.columns.toArray(new String[0]);
        formats = b.formats.toArray(new LeafFormat[0]);
        @SuppressWarnings("unchecked")
        UnaryOperator<Object>[] p = b.prepares.toArray(new UnaryOperator[0]);
        prepares = p;
        constants = b.constants.stream().map(c -> c == null ? null : new SerializedString(c)).toArray(SerializedString[]::new);
        rawNames = new byte[n][];
        for (int i = 0; i < n; i++) {
            rawNames[i] = JsonEscapes.name(keys[i], i == 0);
        }
        rawConstants = b.constants.stream().map(c -> c == null ? null : JsonEscapes.quoted(c)).toArray(byte[][]::new);
        slots = b.slots.stream().mapToInt(Integer::intValue).toArray();
        childCount = b.childCount;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of fields. */
    public int size() {
        return keys.length;
    }

    /** Collects the fields of a shape in order. */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>();
        private final List<Kind> kinds = new ArrayList<>();
        private final List<String> columns = new ArrayList<>();
        private final List<LeafFormat> formats = new ArrayList<>();
        private final List<UnaryOperator<Object>> prepares = new ArrayList<>();
        private final List<String> constants = new ArrayList<>();
        private final List<Integer> slots = new ArrayList<>();
        private int childCount;

        private Builder add(String key, Kind kind, String column, LeafFormat format, UnaryOperator<Object> prepare,
                            String constant, int slot) {
            keys.add(key);
            kinds.add(kind);
            columns.add(column);
            formats.add(format);
            prepares.add(prepare);
            constants.add(constant);
            slots.add(slot);
            return this;
        }

        /** A field from {@code column}; {@code prepare} (a mask, a JSON path; null for none) runs before the format. */
        public Builder leaf(String key, String column, LeafFormat format, UnaryOperator<Object> prepare) {
            return add(key, Kind.LEAF, column, format, prepare, null, -1);
        }

        /** A field whose value is always {@code value} (a type name). */
        public Builder constant(String key, String value) {
            return add(key, Kind.CONSTANT, null, null, null, value, -1);
        }

        /** A field whose value per row the executor sets later ({@link ObjectLevel#setChild}); its slot is the count of children before it. */
        public Builder child(String key) {
            return add(key, Kind.CHILD, null, null, null, null, childCount++);
        }

        public ObjectShape build() {
            return new ObjectShape(this);
        }
    }
}
