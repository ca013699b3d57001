package dev.weft.execute.json;

import java.util.AbstractList;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A list of objects of one {@link ObjectLevel} (a root list, or one parent's related rows): to Jackson it writes
 * itself row by row, with no map per row; to anything else (tests, the response cache's equality) it is a list
 * whose elements are {@link CompactObject}s, maps built on demand.
 */
public final class CompactList extends AbstractList<Object> implements JacksonSerializable {
    private final ObjectLevel level;
    private final int from;
    private final int to;

    CompactList(ObjectLevel level, int from, int to) {
        this.level = level;
        this.from = from;
        this.to = to;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return level.object(from + index);
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        generator.writeStartArray(this, size());
        for (int r = from; r < to; r++) {
            level.write(generator, context, r);
        }
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(generator, context);
    }
}
