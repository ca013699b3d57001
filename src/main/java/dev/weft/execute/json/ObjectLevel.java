package dev.weft.execute.json;

import dev.weft.execute.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private volatile Object[][] prepared; // per leaf field with a preparation, its prepared value per row (check())
    // Changed only while the executor runs (created under this level's lock), read by any thread, changed in place
    private volatile Map<Long, Object> replaced; // leaf or constant fields replaced after the fact, by row and field
    private volatile RowBits replacedRows; // rows with an entry in replaced
    private volatile RowBits nulledRows; // objects that are null as a whole (a non-null field of theirs was null)
    private static final Object NULL = new Object(); // a null replacement (the concurrent map holds no nulls)

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
            if (replaced == null) {
                replaced = new ConcurrentHashMap<>();
                replacedRows = new RowBits(rows.size());
            }
            replaced.put(cell(row, f), value == null ? NULL : value);
            replacedRows.set(row);
        }
        return previous;
    }

    /** Whether a field of row {@code r} was replaced. */
    private boolean hasReplacement(int r) {
        RowBits rowsNow = replacedRows;
        return rowsNow != null && rowsNow.get(r);
    }

    /** Whether field {@code f} of row {@code r} (one {@link #hasReplacement}) was replaced: by {@link #replacement}. */
    private boolean isReplaced(int r, int f) {
        return replaced.containsKey(cell(r, f));
    }

    private Object replacement(int r, int f) {
        Object value = replaced.get(cell(r, f));
        return value == NULL ? null : value;
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
        if (nulledRows == null) {
            nulledRows = new RowBits(rows.size());
        }
        nulledRows.set(row);
    }

    boolean isNull(int row) {
        RowBits n = nulledRows;
        return n != null && n.get(row);
    }

    /**
     * Runs every leaf value through its format's {@link LeafFormat#check}: what would fail fails now. Values with a
     * preparation (mask, JSON path) are prepared here once and kept for writing.
     */
    public void check() {
        Object[][] p = new Object[shape.kinds.length][];
        for (int f = 0; f < p.length; f++) {
            if (shape.kinds[f] == ObjectShape.Kind.LEAF && shape.prepares[f] != null) {
                p[f] = new Object[rows.size()];
            }
        }
        Object layout = null;
        boolean[] visit = null; // per field, whether rows of this layout need a visit
        boolean any = false;
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int[] index = positions(row);
            if (row.layout() != layout) {
                layout = row.layout();
                visit = visits(row, index, p);
                any = false;
                for (boolean v : visit) {
                    any |= v;
                }
            }
            if (!any) {
                continue; // the usual case for a JDBC source's rows: every value's class is one its format accepts as is
            }
            for (int f = 0; f < shape.kinds.length; f++) {
                if (visit[f]) {
                    Object value = column(f, row, index);
                    if (p[f] != null) {
                        value = shape.prepares[f].apply(value);
                        p[f][r] = value;
                    }
                    if (value != null) {
                        shape.formats[f].check(value);
                    }
                }
            }
        }
        prepared = p;
    }

    /**
     * Per field, whether {@link #check} must visit its values in rows of {@code row}'s layout: a leaf with a
     * preparation, or one whose values may be of a class its format may fail on.
     */
    private boolean[] visits(Row row, int[] index, Object[][] p) {
        boolean[] visit = new boolean[shape.kinds.length];
        for (int f = 0; f < visit.length; f++) {
            if (shape.kinds[f] == ObjectShape.Kind.LEAF) {
                Class<?> type = index[f] < 0 ? null : row.typeAt(index[f]);
                visit[f] = p[f] != null || index[f] >= 0 && (type == null || !shape.formats[f].accepts(type));
            }
        }
        return visit;
    }

    private Object column(int field, Row row, int[] index) {
        int position = index[field];
        return position < 0 ? null : row.at(position);
    }

    /** Leaf {@code field}'s value in row {@code r}, prepared ({@code p}: the values {@link #check} prepared, or null). */
    private Object leaf(int field, int r, Row row, int[] index, Object[][] p) {
        if (shape.prepares[field] == null) {
            return column(field, row, index);
        }
        return p != null ? p[field][r] : shape.prepares[field].apply(column(field, row, index));
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

    void write(JsonGenerator generator, SerializationContext context, int r) {
        if (isNull(r)) {
            generator.writeNull();
            return;
        }
        Row row = rows.get(r);
        int[] index = positions(row);
        Object[][] p = prepared;
        boolean replacedRow = hasReplacement(r);
        generator.writeStartObject();
        for (int f = 0; f < shape.kinds.length; f++) {
            generator.writeName(shape.names[f]);
            if (replacedRow && isReplaced(r, f)) {
                LeafFormats.writeCoerced(generator, context, replacement(r, f));
                continue;
            }
            switch (shape.kinds[f]) {
                case LEAF -> {
                    Object value = leaf(f, r, row, index, p);
                    if (value == null) {
                        generator.writeNull();
                    } else {
                        shape.formats[f].write(generator, context, value);
                    }
                }
                case CONSTANT -> generator.writeString(shape.constants[f]);
                case CHILD -> {
                    Object value = children[shape.slots[f]][r];
                    if (value instanceof CompactList list) {
                        list.write(generator, context);
                    } else if (value instanceof CompactObject object) {
                        object.write(generator, context);
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

    /** As {@link #write(JsonGenerator, SerializationContext, int)}, into raw bytes. */
    void write(JsonBytes out, int r) {
        if (isNull(r)) {
            out.nullValue();
            return;
        }
        if (shape.kinds.length == 0) {
            out.raw('{');
            out.raw('}');
            return;
        }
        Row row = rows.get(r);
        int[] index = positions(row);
        Object[][] p = prepared;
        boolean replacedRow = hasReplacement(r);
        for (int f = 0; f < shape.kinds.length; f++) {
            out.raw(shape.rawNames[f]);
            if (replacedRow && isReplaced(r, f)) {
                out.value(replacement(r, f));
                continue;
            }
            switch (shape.kinds[f]) {
                case LEAF -> {
                    Object value = leaf(f, r, row, index, p);
                    if (value == null) {
                        out.nullValue();
                    } else {
                        shape.formats[f].write(out, value);
                    }
                }
                case CONSTANT -> out.raw(shape.rawConstants[f]);
                case CHILD -> {
                    Object value = children[shape.slots[f]][r];
                    if (value instanceof CompactList list) {
                        list.write(out);
                    } else if (value instanceof CompactObject object) {
                        object.write(out);
                    } else {
                        out.value(value); // null, a plain value, or through Jackson (a map, another serializable)
                    }
                }
            }
        }
        out.raw('}');
    }

    /** Row {@code r}'s object as graphql-java's result map (children stay compact). */
    Map<String, Object> toMap(int r) {
        Row row = rows.get(r);
        int[] index = positions(row);
        Object[][] p = prepared;
        boolean replacedRow = hasReplacement(r);
        Map<String, Object> map = new LinkedHashMap<>((int) (shape.kinds.length / 0.75f) + 1);
        for (int f = 0; f < shape.kinds.length; f++) {
            if (replacedRow && isReplaced(r, f)) {
                map.put(shape.keys[f], replacement(r, f));
                continue;
            }
            Object value = switch (shape.kinds[f]) {
                case LEAF -> {
                    Object v = leaf(f, r, row, index, p);
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
