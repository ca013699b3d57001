package dev.weft.execute.json;

import java.math.BigDecimal;

/**
 * Writes a {@link BigDecimal} as {@link BigDecimal#toString()} prints it, as ASCII bytes straight into an output
 * buffer instead of a new string each: values of at most 18 digits whose text has no exponent (scale 0 or more, at
 * most six zeros after the point before the first digit); anything else answers -1 and the caller writes it the
 * usual way.
 *
 * <pre>{@code
 * int end = DecimalChars.plain(new BigDecimal("-0.050"), out, 0); // "-0.050", 6
 * }</pre>
 */
final class DecimalChars {
    /** The longest text written: a sign, 19 digits, a point and up to 25 leading zeros. */
    static final int MAX = 48;

    private DecimalChars() {
    }

    /** {@code d} at {@code out[at..]}, which has room for {@link #MAX} bytes: the end of the text, or -1. */
    static int plain(BigDecimal d, byte[] out, int at) {
        int scale = d.scale();
        if (scale < 0 || scale > 24 || d.precision() > 18) {
            return -1;
        }
        // the unscaled value without unscaledValue()'s new BigInteger: a scale-0 copy the JIT can keep off the heap
        long u = d.scaleByPowerOfTen(scale).longValueExact();
        boolean negative = u < 0;
        long magnitude = Math.abs(u);
        int precision = Digits.count(magnitude);
        if (precision - scale - 1 < -6) {
            return -1; // toString uses an exponent
        }
        int n = at;
        if (negative) {
            out[n++] = '-';
        }
        if (scale == 0) {
            return write(magnitude, precision, out, n);
        }
        if (scale >= precision) {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = 0; i < scale - precision; i++) {
                out[n++] = '0';
            }
            return write(magnitude, precision, out, n);
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        n = write(magnitude / pow, precision - scale, out, n);
        out[n++] = '.';
        return write(magnitude % pow, scale, out, n);
    }

    /** Writes {@code value} in exactly {@code width} digits (leading zeros) at {@code at}; answers the end. */
    private static int write(long value, int width, byte[] out, int at) {
        Digits.write(value, width, out, at);
        return at + width;
    }
}
