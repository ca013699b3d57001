package dev.weft.execute.json;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed number of bits, set without a lock and read by any thread at any time (each read sees the bit set or not,
 * never a half-changed structure): which rows of a level or elements of a list were nulled after the fact. Sized
 * once; setting a bit allocates nothing, unlike copying a {@code BitSet} on each change.
 *
 * <pre>{@code
 * RowBits nulled = new RowBits(rows.size());
 * nulled.set(3);
 * nulled.get(3); // true
 * }</pre>
 */
final class RowBits {
    private final AtomicLongArray words;

    RowBits(int size) {
        words = new AtomicLongArray((size + 63) >>> 6);
    }

    void set(int index) {
        long mask = 1L << index;
        words.getAndAccumulate(index >>> 6, mask, (word, m) -> word | m);
    }

    boolean get(int index) {
        return (words.get(index >>> 6) & (1L << index)) != 0;
    }
}
