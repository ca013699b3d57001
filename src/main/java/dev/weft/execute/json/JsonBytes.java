package dev.weft.execute.json;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.json.UTF8JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * Writes one JSON value (a subtree of the response) as UTF-8 bytes into its own buffer instead of one Jackson
 * generator call per token, and hands the bytes to the generator in chunks ({@code writeRaw}: no per-token checks).
 * The output is byte for byte what Jackson's {@link UTF8JsonGenerator} writes for the same tokens: the same string
 * escaping ({@code \"}, {@code \\}, {@code \/} under {@code ESCAPE_FORWARD_SLASHES}, the short forms of
 * {@code \b\t\n\f\r}, other control chars and lone surrogates as upper-case {@code \}{@code uXXXX}, a high surrogate
 * followed by a low one as one 4-byte char, the rest as UTF-8), the same numbers. {@link #open} answers null for a
 * generator whose output may differ (a pretty printer, custom escapes, non-ASCII escaped, other non-default
 * features, a {@code Writer}): the caller then writes through the generator. A value it does not write itself (a
 * map, a document, another {@code JacksonSerializable}) goes through Jackson on a generator of its own writing into
 * this buffer ({@link #jackson}), so mixed trees stay exact. One buffer of {@value #BUFFER} bytes per subtree;
 * nothing is allocated per value it writes itself (a value written through Jackson costs a side generator); a large
 * response goes out in chunks, never as one array. Not thread-safe.
 *
 * <pre>{@code
 * JsonBytes out = JsonBytes.open(generator, context); // null: write through the generator instead
 * out.raw('[');
 * out.string("a\"b");
 * out.raw(',');
 * out.value(42L);
 * out.raw(']');
 * out.close();                                       // ["a\"b",42], the last bytes handed to the generator
 * }</pre>
 */
public final class JsonBytes {
    static final int BUFFER = 8192;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final SerializableString NOTHING = new SerializedString("");

    private final JsonGenerator generator;
    private final SerializationContext context;
    private final byte[] buffer = new byte[BUFFER];
    private char[] segment; // a string segment's chars (JsonEscapes.segment), made for the first string
    private final Chunk chunk = new Chunk();
    private final int[] escapes;
    private int pos;

    private JsonBytes(JsonGenerator generator, SerializationContext context, int[] escapes) {
        this.generator = generator;
        this.context = context;
        this.escapes = escapes;
    }

    /**
     * A writer of the value {@code generator} is about to write (its separator is written now), or null when the
     * generator's output cannot be matched byte for byte.
     */
    public static JsonBytes open(JsonGenerator generator, SerializationContext context) {
        if (!plain(generator)) {
            return null;
        }
        generator.writeRawValue(NOTHING); // the comma or colon before this value, and the value counted
        if (generator.streamWriteOutputTarget() instanceof Sink sink) {
            // a subtree inside a value an outer writer hands to Jackson (jackson(...)): its bytes
            // go on in that writer's buffer, after what the side generator has buffered
            generator.flush();
            return sink.owner();
        }
        boolean slash = ((UTF8JsonGenerator) generator).isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES);
        return new JsonBytes(generator, context, slash ? JsonEscapes.ESCAPES_WITH_SLASH : JsonEscapes.ESCAPES);
    }

    /**
     * Whether {@code generator} is Jackson's UTF-8 generator with the output this class reproduces. A factory's own
     * quote char (not {@code "}) cannot be seen from the generator: Weft's mappers never set one.
     */
    static boolean plain(JsonGenerator generator) {
        if (generator.getClass() != UTF8JsonGenerator.class) {
            return false;
        }
        UTF8JsonGenerator g = (UTF8JsonGenerator) generator;
        return g.getPrettyPrinter() == null && g.getCharacterEscapes() == null && g.getHighestNonEscapedChar() == 0
                && g.isEnabled(JsonWriteFeature.QUOTE_PROPERTY_NAMES) && g.isEnabled(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                && g.isEnabled(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                && g.isEnabled(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                && !g.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                && !g.isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                && !g.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                && !g.isEnabled(StreamWriteFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Writes one value of the response: {@code raw} into a {@link JsonBytes} when the generator allows it, else
     * {@code viaGenerator} through the generator's own calls.
     */
    public static void serialize(JsonGenerator generator, SerializationContext context, java.util.function.Consumer<JsonBytes> raw,
                          Runnable viaGenerator) {
        JsonBytes out = open(generator, context);
        if (out == null) {
            viaGenerator.run();
        } else {
            raw.accept(out);
            out.close();
        }
    }

    /** Hands the bytes still buffered to the generator; the value is complete. */
    public void close() {
        handOver();
    }

    /** Bytes already encoded as the response wants them (pre-encoded names, JSON the source built). */
    public void raw(byte[] bytes) {
        raw(bytes, 0, bytes.length);
    }

    /** {@code bytes[from..from+n)}, already encoded as the response wants them. */
    public void raw(byte[] bytes, int from, int n) {
        if (pos + n > buffer.length) {
            handOver();
            if (n > buffer.length) {
                chunk.set(bytes, from, from + n);
                drain();
                return;
            }
        }
        System.arraycopy(bytes, from, buffer, pos, n);
        pos += n;
    }

    /** Whether the generator escapes {@code /} ({@code ESCAPE_FORWARD_SLASHES}): strings copied in must too. */
    public boolean escapesSlash() {
        return escapes == JsonEscapes.ESCAPES_WITH_SLASH;
    }

    /** One ASCII char. */
    public void raw(char c) {
        if (pos == buffer.length) {
            handOver();
        }
        buffer[pos++] = (byte) c;
    }

    void nullValue() {
        raw(NULL);
    }

    void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    void number(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        if (v < 0) {
            buffer[pos++] = '-';
            v = -v;
        }
        int digits = Digits.count(v);
        Digits.write(v, digits, buffer, pos);
        pos += digits;
    }

    /**
     * {@code value} (a date or timestamp) quoted in ISO-8601, formatted in place ({@link IsoChars#of}); false, with
     * nothing written, for a value that class does not print.
     */
    boolean isoString(Object value) {
        ensure(IsoChars.MAX + 2);
        int end = IsoChars.of(value, buffer, pos + 1);
        if (end < 0) {
            return false;
        }
        buffer[pos] = '"';
        buffer[end] = '"';
        pos = end + 1;
        return true;
    }

    void string(String s) {
        int len = s.length();
        ensure(1);
        buffer[pos++] = '"';
        for (int from = 0; from < len; ) {
            int end = JsonEscapes.segmentEnd(s, from);
            ensure(6 * (end - from));
            if (segment == null) {
                segment = new char[JsonEscapes.SEGMENT];
            }
            pos = JsonEscapes.segment(s, from, end, escapes, buffer, pos, segment);
            from = end;
        }
        ensure(1);
        buffer[pos++] = '"';
    }

    /** Writes a value as Jackson writes it in a map (the coerced value of a scalar, a child the executor set). */
    void value(Object value) {
        // tests in order of how often result values have each type (a pattern switch tests classes one by one too)
        if (value instanceof String s) {
            string(s);
        } else if (value instanceof Long l) {
            number(l.longValue());
        } else if (value instanceof Integer i) {
            number(i.longValue());
        } else if (value == null) {
            nullValue();
        } else if (value instanceof BigDecimal d) {
            ensure(DecimalChars.MAX);
            int end = DecimalChars.plain(d, buffer, pos);
            if (end >= 0) {
                pos = end;
            } else {
                ascii(d.toString());
            }
        } else if (value instanceof Boolean b) {
            bool(b);
        } else if (value instanceof Double d) {
            number(d.doubleValue());
        } else if (value instanceof BigInteger i) {
            ascii(i.toString());
        } else if (value instanceof RawWritable w) {
            w.write(this);
        } else {
            jackson(null, value);
        }
    }

    private void number(double d) {
        String text = Double.toString(d);
        if (Double.isFinite(d)) {
            ascii(text);
        } else {
            string(text);
        }
    }

    /**
     * Writes {@code value} through Jackson, on a generator of its own (same configuration) writing into this buffer:
     * with {@code format}'s {@link LeafFormat#write}, or as Jackson writes it in a map when {@code format} is null.
     */
    void jackson(LeafFormat format, Object value) {
        try (JsonGenerator side = context.createGenerator(new Sink())) {
            if (format == null) {
                LeafFormats.writeCoerced(side, context, value);
            } else {
                format.write(side, context, value);
            }
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[pos++] = (byte) s.charAt(i);
        }
    }

    private void ensure(int n) {
        if (pos + n > buffer.length) {
            handOver();
        }
    }

    private void handOver() {
        if (pos > 0) {
            chunk.set(buffer, 0, pos);
            pos = 0;
            drain();
        }
    }

    private void drain() {
        while (chunk.from < chunk.to) {
            generator.writeRaw(chunk);
        }
    }

    /** Receives what a side generator writes ({@link #jackson}), in order with the rest of the buffer. */
    private final class Sink extends OutputStream {
        JsonBytes owner() {
            return JsonBytes.this;
        }

        @Override
        public void write(int b) {
            raw((char) (b & 0xFF));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; ) {
                if (pos == buffer.length) {
                    handOver();
                }
                int n = Math.min(len - (i - off), buffer.length - pos);
                System.arraycopy(b, i, buffer, pos, n);
                pos += n;
                i += n;
            }
        }
    }
}
