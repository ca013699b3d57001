package dev.weft.execute.json;

/**
 * Decimal digits of non-negative numbers, two at a time from a table of the pairs 00 to 99: one division by 100
 * per two digits instead of one by 10 per digit, for the numbers, dates and decimals of a response.
 *
 * <pre>{@code
 * byte[] out = new byte[20];
 * int n = Digits.count(2024);            // 4
 * Digits.write(2024, n, out, 0);         // out starts with the bytes of "2024"
 * Digits.write(7, 2, out, 5);            // out[5..7) = "07": exactly 2 digits, leading zeros
 * }</pre>
 */
final class Digits {
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    private static final long BILLION = 1_000_000_000L;
    /** 10 to the power of the index, 0 to 18. */
    private static final long[] POWERS = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private Digits() {
    }

    /** The number of digits of {@code v} (0 or more): 1 for 0. */
    static int count(long v) {
        // log10 from log2 (1233 / 4096 is just under log10(2)): the count or one less, settled by one comparison
        int n = ((63 - Long.numberOfLeadingZeros(v | 1)) * 1233 >>> 12) + 1;
        return n < POWERS.length && v >= POWERS[n] ? n + 1 : n;
    }

    /** Writes {@code v} (0 or more) in exactly {@code width} digits, with leading zeros, into {@code out} at {@code at}. */
    static void write(long v, int width, byte[] out, int at) {
        if (v <= Integer.MAX_VALUE) {
            write((int) v, width, out, at);
            return;
        }
        // the lowest nine digits as an int, the rest (at most ten digits) again
        int low = Math.min(width, 9);
        long high = v / BILLION;
        write((int) (v - high * BILLION), low, out, at + width - low);
        if (width > low) {
            write(high, width - low, out, at);
        }
    }

    /** As {@link #write(long, int, byte[], int)}, for an int: a division by 100 of an int is cheaper than of a long. */
    static void write(int v, int width, byte[] out, int at) {
        int i = at + width;
        while (i - at >= 2) {
            int q = v / 100;
            int r = v - q * 100;
            out[--i] = ONES[r];
            out[--i] = TENS[r];
            v = q;
        }
        if (i > at) {
            out[at] = (byte) ('0' + v % 10);
        }
    }
}
