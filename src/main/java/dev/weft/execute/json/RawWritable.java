package dev.weft.execute.json;

/**
 * A value that writes its own JSON as raw bytes when it is met inside a level {@link JsonBytes} writes (a child of a
 * row), instead of through a Jackson generator of its own. It still serializes itself to Jackson elsewhere.
 *
 * <pre>{@code
 * final class Orders implements RawWritable, JacksonSerializable {
 *     public void write(JsonBytes out) { out.raw(bytes); }
 *     ...
 * }
 * }</pre>
 */
public interface RawWritable {
    /** Writes this value, complete, into {@code out}. */
    void write(JsonBytes out);
}
