package dev.weft.cache;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * The tier of the response cache that every instance shares (Redis). Each call may fail (the store is down):
 * the cache then answers from its own tier and counts the failure.
 *
 * <pre>{@code
 * tier.put(key, json, 60, List.of("shop.public.orders"), false);
 * tier.get(key);                            // the json, or null
 * tier.evict(List.of("shop.public.orders")); // on every instance: their listeners hear the table
 * }</pre>
 */
public interface SharedTier extends AutoCloseable {

    /** The stored entry, or null. */
    String get(String key);

    /**
     * Stores an entry for {@code ttlSeconds}, tagged with the tables its response read; {@code replaces}: other
     * instances drop their own copy of the key (a refresh).
     */
    void put(String key, String entry, int ttlSeconds, Collection<String> tables, boolean replaces);

    /** Deletes the entries that read these tables and tells every instance (their {@link #listen} hears them). */
    void evict(Collection<String> tables);

    /** Hears the tables other instances (and this one) evicted, and the keys they replaced. */
    void listen(Consumer<String> evictedTable, Consumer<String> replacedKey);

    @Override
    void close();
}
