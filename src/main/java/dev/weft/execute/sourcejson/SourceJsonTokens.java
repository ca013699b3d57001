package dev.weft.execute.sourcejson;

import dev.weft.execute.json.JsonBytes;

/**
 * Reads the JSON a source built for a list of rows (a parent's related rows, a root list), an array of arrays as
 * PostgreSQL's {@code json_agg(json_build_array(...))} prints it ({@code [[10, 147.18, "paid"], [11, 3.50, null]]}), and
 * either checks that every token is exactly what Weft writes for the same value read as a row ({@link #rows}), or
 * writes the rows as objects, the shape's names spliced in ({@link #write}). Whitespace between tokens is dropped;
 * strings are re-escaped as Jackson escapes them (upper-case hex, and {@code \/} where the generator escapes
 * slashes). A token a kind does not accept (a number {@code BigDecimal} prints with an exponent, a date of year
 * 10000, a null for a non-null field, bytes that are not UTF-8) makes the whole array irregular: the caller reads
 * the level as rows instead.
 *
 * <pre>{@code
 * int rows = SourceJsonTokens.rows(json, shape);  // -1: irregular
 * SourceJsonTokens.write(json, shape, out);       // only after rows(...) >= 0
 * }</pre>
 */
public final class SourceJsonTokens {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** One reader per thread, reset for each array: a large level has thousands of arrays (never nested in one another). */
    private static final ThreadLocal<SourceJsonTokens> READERS = ThreadLocal.withInitial(SourceJsonTokens::new);

    private byte[] b;
    private SourceJsonShape shape;
    private JsonBytes out; // null: check only
    private boolean escapeSlash;
    private int p;

    private SourceJsonTokens() {
    }

    /** The number of rows in {@code json}, or -1 when a token is not exactly what Weft writes for its field. */
    public static int rows(byte[] json, SourceJsonShape shape) {
        return READERS.get().read(json, shape, null);
    }

    /** Writes the rows of {@code json} (checked by {@link #rows}) as a JSON array of objects. */
    public static void write(byte[] json, SourceJsonShape shape, JsonBytes out) {
        if (READERS.get().read(json, shape, out) < 0) {
            throw new IllegalStateException("source JSON written without its check");
        }
    }

    private int read(byte[] json, SourceJsonShape shape, JsonBytes out) {
        this.b = json;
        this.shape = shape;
        this.out = out;
        this.escapeSlash = out != null && out.escapesSlash();
        this.p = 0;
        try {
            return array();
        } finally {
            this.b = null; // nothing of a response kept by the thread
            this.out = null;
        }
    }

    private int array() {
        space();
        if (!take('[')) {
            return -1;
        }
        raw('[');
        space();
        int rows = 0;
        if (!take(']')) {
            while (true) {
                if (rows > 0) {
                    raw(',');
                }
                if (!row()) {
                    return -1;
                }
                rows++;
                space();
                if (take(']')) {
                    break;
                }
                if (!take(',')) {
                    return -1;
                }
                space();
            }
        }
        raw(']');
        space();
        return p == b.length ? rows : -1;
    }

    private boolean row() {
        if (!take('[')) {
            return false;
        }
        int column = 0;
        for (int i = 0; i < shape.size(); i++) {
            if (out != null) {
                out.raw(shape.rawNames[i]);
            }
            FieldKind kind = shape.kinds[i];
            if (kind == null) {
                if (out != null) {
                    out.raw(shape.rawConstants[i]);
                }
                continue;
            }
            space();
            if (column > 0) {
                if (!take(',')) {
                    return false;
                }
                space();
            }
            if (!value(kind, shape.nullable[i])) {
                return false;
            }
            column++;
        }
        if (out != null) {
            if (shape.size() == 0) {
                out.raw('{');
            }
            out.raw('}');
        }
        space();
        return take(']');
    }

    private boolean value(FieldKind kind, boolean nullable) {
        int start = p;
        if (at(p) == 'n') {
            if (!nullable || !literal(NULL)) {
                return false;
            }
            copy(start);
            return true;
        }
        boolean ok = switch (kind) {
            case INT, LONG -> integer(kind == FieldKind.INT ? 11 : 20);
            case DECIMAL -> decimal();
            case BOOLEAN -> literal(TRUE) || literal(FALSE);
            case DATE -> date() && take('"');
            case TIMESTAMP -> timestamp();
            case STRING -> string();
        };
        if (ok && kind != FieldKind.STRING) {
            copy(start);
        }
        return ok;
    }

    private boolean integer(int maxLength) {
        int start = p;
        take('-');
        int digits = digits();
        return digits > 0 && (digits == 1 || b[p - digits] != '0') && p - start <= maxLength;
    }

    /** Digits with an optional fraction that {@code BigDecimal.toString()} prints the same: no exponent. */
    private boolean decimal() {
        take('-');
        int whole = digits();
        if (whole == 0 || whole > 1 && b[p - whole] == '0') {
            return false;
        }
        boolean zeroWhole = whole == 1 && b[p - 1] == '0';
        if (!take('.')) {
            return true;
        }
        int fractionStart = p;
        int fraction = digits();
        if (fraction == 0) {
            return false;
        }
        if (!zeroWhole) {
            return true;
        }
        int zeros = 0;
        while (zeros < fraction && b[fractionStart + zeros] == '0') {
            zeros++;
        }
        // 0.000000 (scale 7 and more) prints as 0E-7; 0.0000001 as 1E-7
        return zeros == fraction ? fraction <= 6 : zeros < 6;
    }

    /** {@code "yyyy-MM-dd} (the opening quote and the date), years 0001 to 9999. */
    private boolean date() {
        if (!take('"')) {
            return false;
        }
        int year = p;
        boolean shaped = fixedDigits(4) && take('-') && fixedDigits(2) && take('-') && fixedDigits(2);
        return shaped && !(b[year] == '0' && b[year + 1] == '0' && b[year + 2] == '0' && b[year + 3] == '0');
    }

    private boolean timestamp() {
        if (!date() || !take('T') || !fixedDigits(2) || !take(':') || !fixedDigits(2) || !take(':') || !fixedDigits(2)) {
            return false;
        }
        if (take('.')) {
            int n = digits();
            if (n == 0 || n > 9 || b[p - 1] == '0') {
                return false;
            }
        }
        return take('"');
    }

    private boolean string() {
        if (!take('"')) {
            return false;
        }
        if (out != null) {
            out.raw('"');
        }
        int run = p;
        while (p < b.length) {
            int c = b[p] & 0xFF;
            if (c == '"') {
                flush(run);
                p++;
                if (out != null) {
                    out.raw('"');
                }
                return true;
            }
            if (c == '\\') {
                flush(run);
                if (!escape()) {
                    return false;
                }
                run = p;
            } else if (c < 0x20) {
                return false; // the source escapes control characters; a raw one is not JSON
            } else if (c == '/' && escapeSlash) {
                flush(run);
                out.raw('\\');
                out.raw('/');
                run = ++p;
            } else if (c < 0x80) {
                p++;
            } else if (!utf8(c)) {
                return false;
            }
        }
        return false;
    }

    /** One escape: those Jackson writes itself ({@code \" \\ \b \f \n \r \t}, {@code \}{@code u00XX} below 0x20). */
    private boolean escape() {
        int c = at(p + 1);
        switch (c) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
                if (out != null) {
                    out.raw(b, p, 2);
                }
                p += 2;
                return true;
            }
            case 'u' -> {
                if (p + 6 > b.length || b[p + 2] != '0' || b[p + 3] != '0') {
                    return false;
                }
                int high = hex(b[p + 4]);
                int low = hex(b[p + 5]);
                int code = high < 0 || low < 0 ? -1 : high * 16 + low;
                if (code < 0 || code >= 0x20 || code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t') {
                    return false; // Jackson writes these five short, and nothing at or above 0x20 escaped
                }
                if (out != null) {
                    out.raw('\\');
                    out.raw('u');
                    out.raw('0');
                    out.raw('0');
                    out.raw((char) HEX[high]);
                    out.raw((char) HEX[low]);
                }
                p += 6;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A well-formed UTF-8 sequence of 2 to 4 bytes led by {@code lead} at {@code p} (no overlong forms, no surrogates). */
    private boolean utf8(int lead) {
        int n;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return false;
        }
        if (p + n > b.length) {
            return false;
        }
        int code = lead & (0xFF >> (n + 1));
        for (int i = 1; i < n; i++) {
            int c = b[p + i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return false;
            }
            code = code << 6 | c & 0x3F;
        }
        if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            return false;
        }
        p += n;
        return true;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void flush(int run) {
        if (out != null && p > run) {
            out.raw(b, run, p - run);
        }
    }

    private void copy(int start) {
        if (out != null) {
            out.raw(b, start, p - start);
        }
    }

    private boolean literal(byte[] word) {
        if (p + word.length > b.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[p + i] != word[i]) {
                return false;
            }
        }
        p += word.length;
        return true;
    }

    private int digits() {
        int start = p;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p - start;
    }

    private boolean fixedDigits(int n) {
        return digits() == n;
    }

    private void space() {
        while (p < b.length && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
            p++;
        }
    }

    private boolean take(char c) {
        if (p < b.length && b[p] == c) {
            p++;
            return true;
        }
        return false;
    }

    private int at(int i) {
        return i < b.length ? b[i] & 0xFF : -1;
    }

    private void raw(char c) {
        if (out != null) {
            out.raw(c);
        }
    }
}
