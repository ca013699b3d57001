package dev.weft.plan;

import dev.weft.dialect.WeftException;

/**
 * The memory budget of cross-source plans: the most keys or rows one step holds at once
 * ({@code weft.cross-source-max-keys-in-memory}), and the chunk size it streams keys in.
 *
 * <p>Example: with a budget of 1,000,000, a {@code where} through another source whose both sides are
 * large is run in chunks of {@link #chunkSize()} parent keys; an {@code order_by} through another
 * source without a {@code limit} sorts at most 1,000,000 rows in memory, and fails past it.
 */
record MemoryBudget(int maxKeys, int chunkSize) {
    /** The setting users change. */
    static final String SETTING = "weft.cross-source-max-keys-in-memory";
    /** The most keys one statement carries, whatever the budget; well within every source's bind limit. */
    static final int CHUNK = 5_000;

    static MemoryBudget of(int maxKeys) {
        return new MemoryBudget(maxKeys, Math.max(1, Math.min(maxKeys, CHUNK)));
    }

    /** Fails the request when a step would hold more than the budget. */
    void check(long held, String what) {
        if (held > maxKeys) {
            throw WeftException.badInput(what + " would hold more than " + maxKeys + " keys or rows in memory ("
                    + SETTING + "); narrow the condition, add a limit, or raise the setting");
        }
    }
}
