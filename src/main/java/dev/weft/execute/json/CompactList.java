package dev.weft.execute.json;

import java.util.AbstractList;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A list of objects of one {@link ObjectLevel} (a root list, or one parent's related rows): to Jackson it writes
 * itself row by row, with no map per row; to anything else (tests, the response cache's equality) it is a list
 * whose elements are {@link CompactObject}s, maps built on demand. To a plain UTF-8 generator it writes raw bytes
 * ({@link JsonBytes}), otherwise one generator call per token.
 */
public final class CompactList extends AbstractList<Object> implements JacksonSerializable {
    private final ObjectLevel level;
    private final int from;
    private final int to;
    private volatile RowBits nulled; // elements set to null after the fact (a failure's null moving up)

    CompactList(ObjectLevel level, int from, int to) {
        this.level = level;
        this.from = from;
        this.to = to;
    }

    /** The level whose rows this list holds. */
    ObjectLevel level() {
        return level;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        RowBits n = nulled;
        return n != null && n.get(index) ? null : level.object(from + index);
    }

    /** Only null may be set: an element nulled by a failure below it that cannot be null itself (non-null fields). */
    @Override
    public synchronized Object set(int index, Object element) {
        Object previous = get(index);
        if (element != null) {
            throw new IllegalArgumentException("a compact list's elements can only be nulled");
        }
        if (nulled == null) {
            nulled = new RowBits(size());
        }
        nulled.set(index);
        return previous;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        JsonBytes.serialize(generator, context, this::write, () -> write(generator, context));
    }

    void write(JsonBytes out) {
        out.raw('[');
        RowBits n = nulled;
        for (int r = from; r < to; r++) {
            if (r > from) {
                out.raw(',');
            }
            if (n != null && n.get(r - from)) {
                out.nullValue();
            } else {
                level.write(out, r);
            }
        }
        out.raw(']');
    }

    void write(JsonGenerator generator, SerializationContext context) {
        generator.writeStartArray(this, size());
        RowBits n = nulled;
        for (int r = from; r < to; r++) {
            if (n != null && n.get(r - from)) {
                generator.writeNull();
            } else {
                level.write(generator, context, r);
            }
        }
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(generator, context);
    }
}
