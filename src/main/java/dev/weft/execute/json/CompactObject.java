package dev.weft.execute.json;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One row's object of an {@link ObjectLevel}: to Jackson it writes itself field by field; as a {@link Map} (for
 * readers of graphql-java's result: tests, federation traces, the response cache) it builds its entries on demand,
 * with the values graphql-java's own execution would have put there.
 */
public final class CompactObject extends AbstractMap<String, Object> implements JacksonSerializable {
    private final ObjectLevel level;
    private final int row;

    CompactObject(ObjectLevel level, int row) {
        this.level = level;
        this.row = row;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return level.toMap(row).entrySet();
    }

    @Override
    public Object get(Object key) {
        return level.toMap(row).get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return level.toMap(row).containsKey(key);
    }

    /** Replaces a field's value (a failure's null moving up through non-null fields); the field must be selected. */
    @Override
    public Object put(String key, Object value) {
        return level.replace(row, key, value);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        JsonBytes.serialize(generator, context, this::write, () -> write(generator, context));
    }

    void write(JsonBytes out) {
        level.write(out, row);
    }

    void write(JsonGenerator generator, SerializationContext context) {
        level.write(generator, context, row);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(generator, context);
    }
}
