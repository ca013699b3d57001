package dev.weft.execute.json;

import java.math.BigDecimal;

/**
 * Writes a {@link BigDecimal} as {@link BigDecimal#toString()} prints it, into a char buffer instead of a new string
 * each: values of at most 18 digits whose text has no exponent (scale 0 or more, at most six zeros
 * after the point before the first digit); anything else answers -1 and the caller writes it the usual way.
 *
 * <pre>{@code
 * int n = DecimalChars.plain(new BigDecimal("-0.050"), buffer); // "-0.050"
 * }</pre>
 */
final class DecimalChars {
    /** The longest text written: a sign, 19 digits, a point and up to 25 leading zeros. */
    static final int MAX = 48;

    private DecimalChars() {
    }

    static int plain(BigDecimal d, char[] out) {
        int scale = d.scale();
        if (scale < 0 || scale > 24 || d.precision() > 18) {
            return -1;
        }
        // the unscaled value without unscaledValue()'s new BigInteger: a scale-0 copy the JIT can keep off the heap
        long u = d.scaleByPowerOfTen(scale).longValueExact();
        boolean negative = u < 0;
        long magnitude = Math.abs(u);
        int precision = digits(magnitude);
        if (precision - scale - 1 < -6) {
            return -1; // toString uses an exponent
        }
        int n = 0;
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

    private static int digits(long magnitude) {
        return Digits.count(magnitude);
    }

    /** Writes {@code value} in exactly {@code width} digits (leading zeros) at {@code at}; answers the end. */
    private static int write(long value, int width, char[] out, int at) {
        Digits.write(value, width, out, at);
        return at + width;
    }
}
