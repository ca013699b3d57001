package dev.weft.execute.json;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A cursor over bytes of {@link JsonBytes} being handed to {@code UTF8JsonGenerator.writeRaw(SerializableString)},
 * which calls {@link #appendUnquotedUTF8} with its output buffer: each call copies as much as fits and moves on, so
 * the caller repeats {@code writeRaw} until {@code from == to}. When the generator's buffer is full this answers -1,
 * and the generator, which then asks for {@link #asUnquotedUTF8}, gets the next single byte: it flushes its buffer to
 * its output stream (no stream flush) and copies that byte. No array is allocated. The generator uses only those two
 * methods; the other views answer what a {@code SerializedString} of the bytes not yet handed over answers.
 */
final class Chunk implements SerializableString {
    private final byte[] one = new byte[1];
    private byte[] bytes;
    int from;
    int to;

    void set(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        int room = buffer.length - offset;
        if (room <= 0) {
            return -1;
        }
        int n = Math.min(room, to - from);
        System.arraycopy(bytes, from, buffer, offset, n);
        from += n;
        return n;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        one[0] = bytes[from++];
        return one;
    }

    @Override
    public String getValue() {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** The bytes still to hand over, as a string of Jackson's: what every other view of this chunk answers. */
    private SerializedString rest() {
        return new SerializedString(getValue());
    }

    @Override
    public int charLength() {
        return rest().charLength();
    }

    @Override
    public char[] asQuotedChars() {
        return rest().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return rest().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return rest().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return rest().appendQuoted(buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return rest().appendUnquoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws java.io.IOException {
        return rest().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws java.io.IOException {
        return rest().writeUnquotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return rest().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return rest().putUnquotedUTF8(buffer);
    }
}
