package dev.weft.execute.json;

import tools.jackson.core.io.CharTypes;

/**
 * Strings escaped and encoded in UTF-8 exactly as Jackson's UTF-8 generator writes them by default (its escape table,
 * upper-case hex, surrogate pairs combined, lone surrogates escaped), in segments of {@value #SEGMENT} chars as it
 * does: for {@link JsonBytes} and for names encoded once per shape.
 *
 * <pre>{@code
 * JsonEscapes.quoted("a\"b")       // the bytes of "a\"b", quotes included
 * JsonEscapes.name("id", true)      // the bytes of {"id":
 * }</pre>
 */
public final class JsonEscapes {
    /** Chars per string segment, at most: each fits the buffer escaped ({@code UTF8JsonGenerator} segments too). */
    static final int SEGMENT = 1000;
    static final int[] ESCAPES = CharTypes.get7BitOutputEscapes('"', false);
    static final int[] ESCAPES_WITH_SLASH = CharTypes.get7BitOutputEscapes('"', true);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonEscapes() {
    }

    /**
     * {@code s} quoted and escaped as the generator writes it by default (for names and constants, encoded once:
     * GraphQL names, which have no {@code /} that {@code ESCAPE_FORWARD_SLASHES} would escape).
     */
    public static byte[] quoted(String s) {
        byte[] out = new byte[6 * s.length() + 2];
        out[0] = '"';
        int n = 1;
        char[] chars = new char[Math.min(SEGMENT, s.length())];
        for (int from = 0; from < s.length(); ) {
            int end = segmentEnd(s, from);
            n = segment(s, from, end, ESCAPES, out, n, chars);
            from = end;
        }
        out[n++] = '"';
        return java.util.Arrays.copyOf(out, n);
    }

    /** The bytes before a field's value: {@code {"name":} for the first field of an object, {@code ,"name":} for others. */
    public static byte[] name(String key, boolean first) {
        int n = key.length();
        byte[] plain = new byte[n + 4]; // a GraphQL name or alias is ASCII with nothing to escape: copied as it is
        plain[0] = (byte) (first ? '{' : ',');
        plain[1] = '"';
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c > 0x7F || ESCAPES[c] != 0) {
                return escapedName(key, first);
            }
            plain[i + 2] = (byte) c;
        }
        plain[n + 2] = '"';
        plain[n + 3] = ':';
        return plain;
    }

    private static byte[] escapedName(String key, boolean first) {
        byte[] quoted = quoted(key);
        byte[] raw = new byte[quoted.length + 2];
        raw[0] = (byte) (first ? '{' : ',');
        System.arraycopy(quoted, 0, raw, 1, quoted.length);
        raw[raw.length - 1] = ':';
        return raw;
    }

    /** The end of the segment from {@code from}: as Jackson's, never between the two halves of a pair. */
    static int segmentEnd(String s, int from) {
        int n = Math.min(SEGMENT, s.length() - from);
        if (n > 1 && (s.charAt(from + n - 1) & 0xFC00) == 0xD800) {
            n--;
        }
        return from + n;
    }

    /**
     * One of Jackson's string segments {@code s[from..end)} escaped into {@code out} at {@code p}; answers the end.
     * {@code chars} (at least {@code end - from} long) receives the segment's chars first: one bulk copy, then a loop
     * over an array, instead of a bounds-checked {@code charAt} per char.
     */
    static int segment(String s, int from, int end, int[] escapes, byte[] out, int p, char[] chars) {
        int n = end - from;
        s.getChars(from, end, chars, 0);
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (c > 0x7F || escapes[c] != 0) {
                break;
            }
            out[p++] = (byte) c;
            i++;
        }
        while (i < n) {
            int c = chars[i++];
            if (c <= 0x7F) {
                int escape = escapes[c];
                if (escape == 0) {
                    out[p++] = (byte) c;
                } else if (escape > 0) {
                    out[p++] = '\\';
                    out[p++] = (byte) escape;
                } else {
                    p = unicodeEscape(c, out, p);
                }
            } else if (c <= 0x7FF) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if ((c & 0xFC00) == 0xD800 && i < n && (chars[i] & 0xFC00) == 0xDC00) {
                int code = 0x10000 + ((c & 0x3FF) << 10) + (chars[i++] & 0x3FF);
                out[p++] = (byte) (0xF0 + ((code >> 18) & 0x07));
                out[p++] = (byte) (0x80 + ((code >> 12) & 0x3F));
                out[p++] = (byte) (0x80 + ((code >> 6) & 0x3F));
                out[p++] = (byte) (0x80 + (code & 0x3F));
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                p = unicodeEscape(c, out, p);
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    private static int unicodeEscape(int c, byte[] out, int p) {
        out[p++] = '\\';
        out[p++] = 'u';
        out[p++] = HEX[(c >> 12) & 0xF];
        out[p++] = HEX[(c >> 8) & 0xF];
        out[p++] = HEX[(c >> 4) & 0xF];
        out[p++] = HEX[c & 0xF];
        return p;
    }
}
