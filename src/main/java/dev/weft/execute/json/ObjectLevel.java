package dev.weft.execute.json;

import dev.weft.execute.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;

/**
 * The objects of one level of a response: the rows of one table as read, one {@link ObjectShape} for all of them,
 * and per child field (relationship, aggregate) its value per row. Writes each row's object straight to a JSON
 * generator; the executor hands out {@link CompactList}s and {@link CompactObject}s over ranges of its rows.
 * Immutable once the executor has set every child (several responses may write it at once: the response cache).
 *
 * <pre>{@code
 * ObjectLevel level = ObjectLevel.of(shape, rows);
 * level.check();                                  // a value its scalar cannot serialize throws here, not while writing
 * Object customers = level.list(0, rows.size());  // a List of Maps to graphql-java, JSON to Jackson
 * }</pre>
 */
public final class ObjectLevel {
    private final ObjectShape shape;
    private final List<Row> rows;
    private final Object[][] children;
    private volatile Positions positions;
    private volatile Map<Long, Object> replaced; // leaf or constant fields replaced after the fact, by row and field
    private volatile java.util.BitSet nulledRows; // objects that are null as a whole (a non-null field of theirs was null)

    /** The position of each leaf's column in rows of one layout. */
    private record Positions(Object layout, int[] index) {
    }

    private ObjectLevel(ObjectShape shape, List<Row> rows) {
        this.shape = shape;
        this.rows = rows;
        this.children = new Object[shape.childCount][];
        for (int i = 0; i < children.length; i++) {
            children[i] = new Object[rows.size()];
        }
    }

    public static ObjectLevel of(ObjectShape shape, List<Row> rows) {
        return new ObjectLevel(shape, rows);
    }

    public int size() {
        return rows.size();
    }

    /** Sets the value of child {@code slot} for row {@code row}: a {@link CompactList}, {@link CompactObject}, map or null. */
    public void setChild(int slot, int row, Object value) {
        children[slot][row] = value;
    }

    /** Replaces the value of field {@code key} of row {@code row}; answers the previous value. */
    synchronized Object replace(int row, String key, Object value) {
        int f = java.util.Arrays.asList(shape.keys).indexOf(key);
        if (f < 0) {
            throw new IllegalArgumentException("no field " + key + " in this object");
        }
        Object previous = toMap(row).get(key);
        if (shape.kinds[f] == ObjectShape.Kind.CHILD) {
            children[shape.slots[f]][row] = value;
        } else {
            Map<Long, Object> next = replaced == null ? new java.util.HashMap<>() : new java.util.HashMap<>(replaced);
            next.put(cell(row, f), value);
            replaced = next;
        }
        return previous;
    }

    private long cell(int row, int field) {
        return (long) row * shape.kinds.length + field;
    }

    /** The objects of rows {@code from} (inclusive) to {@code to} (exclusive). */
    public CompactList list(int from, int to) {
        return new CompactList(this, from, to);
    }

    /** Row {@code row}'s object, or null once {@link #nullObject} nulled it. */
    public CompactObject object(int row) {
        return isNull(row) ? null : new CompactObject(this, row);
    }

    /** The value child {@code slot} has for row {@code row} (null when not set). */
    public Object child(int slot, int row) {
        return children[slot][row];
    }

    /** Makes row {@code row}'s object null wherever it appears (null propagation from a non-null field of it). */
    public synchronized void nullObject(int row) {
        java.util.BitSet next = nulledRows == null ? new java.util.BitSet() : (java.util.BitSet) nulledRows.clone();
        next.set(row);
        nulledRows = next;
    }

    boolean isNull(int row) {
        java.util.BitSet n = nulledRows;
        return n != null && n.get(row);
    }

    /** Runs every leaf value through its format's {@link LeafFormat#check}: what would fail fails now. */
    public void check() {
        for (Row row : rows) {
            int[] index = positions(row);
            for (int f = 0; f < shape.kinds.length; f++) {
                if (shape.kinds[f] == ObjectShape.Kind.LEAF) {
                    Object value = leaf(f, row, index);
                    if (value != null) {
                        shape.formats[f].check(value);
                    }
                }
            }
        }
    }

    private Object leaf(int field, Row row, int[] index) {
        int position = index[field];
        Object value = position < 0 ? null : row.at(position);
        return shape.prepares[field] == null ? value : shape.prepares[field].apply(value);
    }

    private int[] positions(Row row) {
        Positions p = positions;
        if (p != null && p.layout() == row.layout()) {
            return p.index();
        }
        int[] index = new int[shape.columns.length];
        for (int f = 0; f < index.length; f++) {
            index[f] = shape.columns[f] == null ? -1 : row.indexOf(shape.columns[f]);
        }
        positions = new Positions(row.layout(), index);
        return index;
    }

    void write(JsonGenerator generator, SerializationContext context, int r, char[] scratch) {
        if (isNull(r)) {
            generator.writeNull();
            return;
        }
        Row row = rows.get(r);
        int[] index = positions(row);
        Map<Long, Object> replacedNow = replaced;
        generator.writeStartObject();
        for (int f = 0; f < shape.kinds.length; f++) {
            generator.writeName(shape.names[f]);
            if (replacedNow != null && replacedNow.containsKey(cell(r, f))) {
                LeafFormats.writeCoerced(generator, context, replacedNow.get(cell(r, f)));
                continue;
            }
            switch (shape.kinds[f]) {
                case LEAF -> {
                    Object value = leaf(f, row, index);
                    if (value == null) {
                        generator.writeNull();
                    } else {
                        shape.formats[f].write(generator, context, value, scratch);
                    }
                }
                case CONSTANT -> generator.writeString(shape.constants[f]);
                case CHILD -> {
                    Object value = children[shape.slots[f]][r];
                    if (value instanceof CompactList list) {
                        list.write(generator, context, scratch);
                    } else if (value instanceof CompactObject object) {
                        object.write(generator, context, scratch);
                    } else if (value instanceof JacksonSerializable s) {
                        s.serialize(generator, context);
                    } else {
                        LeafFormats.writeCoerced(generator, context, value);
                    }
                }
            }
        }
        generator.writeEndObject();
    }

    /** Row {@code r}'s object as graphql-java's result map (children stay compact). */
    Map<String, Object> toMap(int r) {
        Row row = rows.get(r);
        int[] index = positions(row);
        Map<Long, Object> replacedNow = replaced;
        Map<String, Object> map = new LinkedHashMap<>((int) (shape.kinds.length / 0.75f) + 1);
        for (int f = 0; f < shape.kinds.length; f++) {
            if (replacedNow != null && replacedNow.containsKey(cell(r, f))) {
                map.put(shape.keys[f], replacedNow.get(cell(r, f)));
                continue;
            }
            Object value = switch (shape.kinds[f]) {
                case LEAF -> {
                    Object v = leaf(f, row, index);
                    yield v == null ? null : shape.formats[f].coerce(v);
                }
                case CONSTANT -> shape.constants[f].getValue();
                case CHILD -> children[shape.slots[f]][r];
            };
            map.put(shape.keys[f], value);
        }
        return map;
    }
}
