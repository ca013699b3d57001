package dev.weft.testing;

import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three Weft instances over one PostgreSQL source {@code shop} and the machine's Redis ({@link RedisPrefix#start}):
 * {@code a} and {@code b} reach Redis directly, {@code c} through {@link #redisProxy}, which a test stops to take
 * Redis away from {@code c} alone.
 *
 * <pre>{@code
 * ScaleOutInstances weft = ScaleOutInstances.start(dir, access, "cache: { redis-prefix: \"" + prefix + "\" }", url);
 * weft.redisProxy.stop(); // c loses Redis; a and b keep it
 * }</pre>
 */
public final class ScaleOutInstances implements AutoCloseable {
    public final TcpProxy redisProxy;
    public ConfigurableApplicationContext a;
    public ConfigurableApplicationContext b;
    public ConfigurableApplicationContext c;

    private ScaleOutInstances(TcpProxy redisProxy) {
        this.redisProxy = redisProxy;
    }

    /** {@code weftSetting}: the line under {@code weft:} that names the Redis prefix (and timeouts). */
    public static ScaleOutInstances start(Path dir, Path access, String weftSetting, String postgresUrl)
            throws Exception {
        TestServers.Endpoint redis = TestServers.redis();
        ScaleOutInstances instances = new ScaleOutInstances(TcpProxy.to(redis));
        try {
            instances.a = RedisPrefix.start(dir, "a", RedisPrefix.redis(redis.port()), weftSetting, access, postgresUrl);
            instances.b = RedisPrefix.start(dir, "b", RedisPrefix.redis(redis.port()), weftSetting, access, postgresUrl);
            instances.c = RedisPrefix.start(dir, "c", RedisPrefix.redis(instances.redisProxy.port()), weftSetting,
                    access, postgresUrl);
            return instances;
        } catch (Exception | Error e) {
            instances.close();
            throw e;
        }
    }

    @Override
    public void close() {
        RedisPrefix.closeAll(a, b, c);
        redisProxy.close();
    }
}
