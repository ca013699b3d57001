package dev.weft.execute.sourcejson;

import dev.weft.execute.json.JsonBytes;
import dev.weft.execute.json.LeafFormats;
import dev.weft.execute.json.RawWritable;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One list of rows (a parent's related rows, or a root list) as the source built their JSON ({@link SourceJsonTokens}):
 * to Jackson it writes itself by copying the source's bytes with the field names spliced in; to anything else (the
 * map view: tests, the response cache) it is a list of maps, parsed on first use, with the values a row level's map view holds (Integer, Long,
 * BigDecimal, Boolean, and the text of strings, dates and timestamps).
 *
 * <pre>{@code
 * SourceJsonList orders = SourceJsonList.of(shape, "[[10, 147.18]]".getBytes(UTF_8)); // null when irregular
 * mapper.writeValueAsString(orders); // [{"id":10,"total":147.18}]
 * }</pre>
 */
public final class SourceJsonList extends AbstractList<Object> implements JacksonSerializable, RawWritable {
    private static final JsonFactory PARSERS = new JsonFactory();

    private final SourceJsonShape shape;
    private final byte[] json;
    private final int rows;
    private volatile List<Object> view;

    private SourceJsonList(SourceJsonShape shape, byte[] json, int rows) {
        this.shape = shape;
        this.json = json;
        this.rows = rows;
    }

    /** The rows of {@code json}, or null when a token is not exactly what Weft writes for its field. */
    public static SourceJsonList of(SourceJsonShape shape, byte[] json) {
        int rows = SourceJsonTokens.rows(json, shape);
        return rows < 0 ? null : new SourceJsonList(shape, json, rows);
    }

    @Override
    public int size() {
        return rows;
    }

    /** About the bytes this list writes: the source's JSON and the names it adds per row. */
    public long estimatedBytes() {
        return json.length + rows * shape.bytesPerRowBesidesValues();
    }

    @Override
    public Object get(int index) {
        return view().get(index);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        JsonBytes.serialize(generator, context, this::write, () -> {
            generator.writeStartArray(this, rows);
            for (Object row : view()) {
                generator.writeStartObject();
                ((Map<?, ?>) row).forEach((key, value) -> {
                    generator.writeName((String) key);
                    LeafFormats.writeCoerced(generator, context, value);
                });
                generator.writeEndObject();
            }
            generator.writeEndArray();
        });
    }

    @Override
    public void write(JsonBytes out) {
        SourceJsonTokens.write(json, shape, out);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(generator, context);
    }

    private List<Object> view() {
        List<Object> v = view;
        if (v == null) {
            v = Collections.unmodifiableList(parse());
            view = v;
        }
        return v;
    }

    private List<Object> parse() {
        List<Object> result = new ArrayList<>(rows);
        try (JsonParser parser = PARSERS.createParser(ObjectReadContext.empty(), json)) {
            parser.nextToken(); // the outer array
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < shape.size(); i++) {
                    FieldKind kind = shape.kinds[i];
                    if (kind == null) {
                        row.put(shape.keys[i], shape.constants[i]);
                        continue;
                    }
                    JsonToken token = parser.nextToken();
                    row.put(shape.keys[i], token == JsonToken.VALUE_NULL ? null : switch (kind) {
                        case INT -> parser.getIntValue();
                        case LONG -> parser.getLongValue();
                        case DECIMAL -> new BigDecimal(parser.getString());
                        case BOOLEAN -> parser.getBooleanValue();
                        case STRING, DATE, TIMESTAMP -> parser.getString();
                    });
                }
                parser.nextToken(); // the row's end
                result.add(row);
            }
        }
        return result;
    }
}
