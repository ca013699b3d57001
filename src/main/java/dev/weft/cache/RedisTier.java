package dev.weft.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shared tier in Redis through Lettuce: an entry is {@code <prefix>entry:<key>} with its ttl, each table
 * a set {@code <prefix>table:<table>} of the keys that read it, and evictions are published on
 * {@code <prefix>evict} (a refreshed key on {@code <prefix>replace}) so that every instance drops its own copies too.
 *
 * <pre>{@code
 * SharedTier tier = new RedisTier(RedisClient.create("redis://127.0.0.1:6379"), "weft:cache:", Duration.ofMillis(500), 3600);
 * }</pre>
 */
public final class RedisTier implements SharedTier {
    private final RedisClient client;
    private final String prefix;
    private final int maxTtlSeconds;
    private final Duration timeout;
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisPubSubConnection<String, String> pubSub;
    private Consumer<String> listener;
    private Consumer<String> replaced;

    /**
     * @param timeout how long one command may take before the cache gives up on Redis for this request
     */
    public RedisTier(RedisClient client, String prefix, Duration timeout, int maxTtlSeconds) {
        this.client = client;
        this.prefix = prefix;
        this.maxTtlSeconds = maxTtlSeconds;
        this.timeout = timeout;
    }

    /** Connects on first use, and again after a failed connect: Redis may start after Weft. */
    private synchronized RedisCommands<String, String> redis() {
        if (connection == null) {
            StatefulRedisConnection<String, String> connected = client.connect();
            connected.setTimeout(timeout);
            connection = connected;
        }
        if (listener != null && pubSub == null) {
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
            subscriber.setTimeout(timeout);
            Consumer<String> tables = listener;
            Consumer<String> keys = replaced;
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    (channel.endsWith("evict") ? tables : keys).accept(message);
                }
            });
            subscriber.sync().subscribe(prefix + "evict", prefix + "replace"); // Lettuce subscribes again after a reconnect
            pubSub = subscriber;
        }
        return connection.sync();
    }

    @Override
    public String get(String key) {
        return redis().get(prefix + "entry:" + key);
    }

    @Override
    public void put(String key, String entry, int ttlSeconds, Collection<String> tables, boolean replaces) {
        RedisCommands<String, String> redis = redis();
        redis.set(prefix + "entry:" + key, entry, SetArgs.Builder.ex(ttlSeconds));
        for (String table : tables) {
            redis.sadd(prefix + "table:" + table, key);
            redis.expire(prefix + "table:" + table, maxTtlSeconds); // outlives every entry it tags
        }
        if (replaces) {
            redis.publish(prefix + "replace", key);
        }
    }

    @Override
    public void evict(Collection<String> tables) {
        RedisCommands<String, String> redis = redis();
        for (String table : tables) {
            Set<String> keys = redis.smembers(prefix + "table:" + table);
            if (!keys.isEmpty()) {
                redis.del(keys.stream().map(k -> prefix + "entry:" + k).toArray(String[]::new));
            }
            redis.del(prefix + "table:" + table);
            redis.publish(prefix + "evict", table);
        }
    }

    @Override
    public synchronized void listen(Consumer<String> evictedTable, Consumer<String> replacedKey) {
        listener = evictedTable;
        replaced = replacedKey;
        redis();
    }

    @Override
    public synchronized void close() {
        if (pubSub != null) {
            pubSub.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
