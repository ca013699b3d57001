package dev.weft.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A key prefix of one test run in the machine's Redis ({@link TestServers#redis()}), and the start of Weft
 * instances over one PostgreSQL source {@code shop} that share it: each instance gets a weft.yml of its own.
 *
 * <pre>{@code
 * RedisPrefix prefix = RedisPrefix.random("rate");
 * ConfigurableApplicationContext a = prefix.start(dir, "a", RedisPrefix.redis(port),
 *         "rate-limits: { redis-prefix: \"" + prefix + "\" }", access, db.url("postgres"));
 * List<String> left = prefix.deleteKeys(); // in @AfterAll
 * }</pre>
 */
public final class RedisPrefix {
    private final String value;

    private RedisPrefix(String value) {
        this.value = value;
    }

    /** {@code weft:test:<name>:<random>:}. */
    public static RedisPrefix random(String name) {
        return new RedisPrefix("weft:test:" + name + ":" + UUID.randomUUID() + ":");
    }

    /** The {@code spring.data.redis} lines of a weft.yml for Redis on 127.0.0.1 at {@code port}. */
    public static String redis(int port) {
        return "spring:\n  data:\n    redis: { host: 127.0.0.1, port: " + port + " }\n";
    }

    /**
     * Starts Weft with {@code dir/weft-<name>.yml}: {@code head} (top-level lines, e.g. {@link #redis(int)}), then
     * {@code weft:} with the line {@code weftSetting}, an empty relationships.yml, {@code access} and the source
     * {@code shop} at {@code postgresUrl}.
     */
    public static ConfigurableApplicationContext start(Path dir, String name, String head, String weftSetting,
            Path access, String postgresUrl) throws Exception {
        Path relationships = dir.resolve("relationships.yml");
        if (!Files.exists(relationships)) {
            Files.writeString(relationships, "relationships: []\n");
        }
        Path weftYml = Files.writeString(dir.resolve("weft-" + name + ".yml"), head + """
                weft:
                  %s
                  relationships: %s
                  security: { access: %s }
                  services:
                    shop:
                      kind: postgres
                      url: %s
                      username: postgres
                """.formatted(weftSetting, relationships, access, postgresUrl));
        return EnvironmentStart.run(Map.of(), "--spring.config.additional-location=file:" + weftYml);
    }

    /** Runs {@code commands} on a fresh connection to the machine's Redis. */
    public static <T> T withRedis(Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestServers.redis().port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** The keys under this prefix now. */
    public List<String> keys() {
        return withRedis(redis -> redis.keys(value + "*"));
    }

    /** Deletes every key under this prefix; returns the keys that were there. */
    public List<String> deleteKeys() {
        return withRedis(redis -> {
            List<String> left = redis.keys(value + "*");
            if (!left.isEmpty()) {
                redis.del(left.toArray(String[]::new));
            }
            return left;
        });
    }

    /** Closes each context that was started (null: not started). */
    public static void closeAll(ConfigurableApplicationContext... contexts) {
        for (ConfigurableApplicationContext context : contexts) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
