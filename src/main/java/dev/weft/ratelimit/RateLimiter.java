package dev.weft.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.config.AccessSpec.RateLimitSpec;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses a request by the rates of its role and of its API key. Each rate is a Bucket4j bucket that
 * refills its whole capacity once per interval (600 per minute: at most 600 in any one minute of the bucket);
 * with Redis every instance draws from the same buckets (Bucket4j's Lettuce proxy manager), otherwise each
 * instance from its own. When Redis fails, requests are admitted ({@code failOpen}, the default) or refused, and
 * the failure is logged and counted ({@code weft.rate-limits.redis.failures}). {@link #configure} replaces the rates
 * (a hot reload of access.yml): a bucket is named by its subject and its rates ({@code role:analyst@600/m,20/s}), so
 * an unchanged rate keeps its count and a changed one starts a full bucket, in this instance and in Redis alike.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(access.rateLimits(), redisClient, "weft:rate:", Duration.ofMillis(500), true, registry);
 * RateLimiter.Decision d = limiter.admit("analyst", "reporting");
 * d.admitted();             // false once the role or the key has used its rate
 * d.retryAfterSeconds();    // 12: when the bucket that refused has a request again
 * }</pre>
 */
public final class RateLimiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long BACKOFF_NANOS = 2_000_000_000L;

    /** Whether a request may run; if not, why and in how many seconds it may try again. */
    public record Decision(boolean admitted, long retryAfterSeconds, String message) {
        static final Decision ADMITTED = new Decision(true, 0, null);
    }

    /** A subject's rates and the name of its bucket (the subject and the rates, so a changed rate gets another bucket). */
    private record Rate(String bucket, BucketConfiguration configuration) {
    }

    private volatile Map<String, Rate> rates;
    private final Cache<String, Bucket> local = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
    private final RedisClient client;
    private final String prefix;
    private final Duration timeout;
    private final boolean failOpen;
    private final Counter failures;
    private StatefulRedisConnection<String, byte[]> connection;
    private ProxyManager<String> shared;
    private volatile long redisDownUntil;

    /**
     * @param client Redis shared by every instance, or null to count in this instance
     */
    public RateLimiter(List<RateLimitSpec> limits, RedisClient client, String prefix, Duration timeout, boolean failOpen,
                       MeterRegistry registry) {
        configure(limits);
        this.client = client;
        this.prefix = prefix;
        this.timeout = timeout;
        this.failOpen = failOpen;
        this.failures = Counter.builder("weft.rate-limits.redis.failures")
                .description("rate-limit checks that could not reach Redis (admitted or refused by weft.rate-limits.redis-failure)")
                .register(registry == null ? new SimpleMeterRegistry() : registry);
    }

    /** Applies {@code limits} to later requests; a subject whose rates did not change keeps its bucket and count. */
    public void configure(List<RateLimitSpec> limits) {
        rates = limits.stream().collect(Collectors.toUnmodifiableMap(l -> l.subject() + ":" + l.name(),
                l -> new Rate(l.subject() + ":" + l.name() + "@" + (l.perMinute() == null ? "" : l.perMinute() + "/m")
                        + (l.perMinute() != null && l.perSecond() != null ? "," : "")
                        + (l.perSecond() == null ? "" : l.perSecond() + "/s"), configuration(l)), (a, b) -> b));
    }

    private static BucketConfiguration configuration(RateLimitSpec spec) {
        var builder = BucketConfiguration.builder();
        if (spec.perMinute() != null) {
            builder.addLimit(Bandwidth.builder().capacity(spec.perMinute()).refillIntervally(spec.perMinute(), Duration.ofMinutes(1))
                    .id("minute").build());
        }
        if (spec.perSecond() != null) {
            builder.addLimit(Bandwidth.builder().capacity(spec.perSecond()).refillIntervally(spec.perSecond(), Duration.ofSeconds(1))
                    .id("second").build());
        }
        return builder.build();
    }

    /**
     * Takes one request from the buckets of {@code role} and of {@code apiKey} (either may be null); refused when
     * either is empty. A refused request still used the other bucket's token: both rates are upper bounds.
     */
    public Decision admit(String role, String apiKey) {
        Map<String, Rate> current = rates;
        List<String> subjects = new ArrayList<>(2);
        if (role != null && current.containsKey("role:" + role)) {
            subjects.add("role:" + role);
        }
        if (apiKey != null && current.containsKey("api-key:" + apiKey)) {
            subjects.add("api-key:" + apiKey);
        }
        if (client != null && !subjects.isEmpty() && System.nanoTime() < redisDownUntil) {
            return redisFailed(null); // Redis rests after a failure: only a failure of a real call starts the rest again
        }
        for (String subject : subjects) {
            ConsumptionProbe probe;
            try {
                probe = bucket(current.get(subject)).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                redisDownUntil = System.nanoTime() + BACKOFF_NANOS;
                return redisFailed(e);
            }
            if (probe == null) {
                return redisFailed(null);
            }
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                return new Decision(false, seconds, "the request rate of the " + subject.replace(":", " '") + "' is used up;"
                        + " try again in " + seconds + " s");
            }
        }
        return Decision.ADMITTED;
    }

    private Decision redisFailed(RuntimeException e) {
        failures.increment();
        if (e != null) {
            log.warn("rate limits cannot reach Redis; requests are {} for 2 s: {}", failOpen ? "admitted" : "refused", e.toString());
        }
        return failOpen ? Decision.ADMITTED
                : new Decision(false, 1, "the request rate cannot be checked now (its store does not answer); try again shortly");
    }

    /** The rate's bucket: in Redis when configured, else in this instance. */
    private Bucket bucket(Rate rate) {
        BucketConfiguration configuration = rate.configuration();
        if (client == null) {
            return local.get(rate.bucket(), s -> {
                var builder = Bucket.builder();
                for (Bandwidth bandwidth : configuration.getBandwidths()) {
                    builder.addLimit(bandwidth);
                }
                return builder.build();
            });
        }
        return shared().builder().build(prefix + rate.bucket(), () -> configuration);
    }

    private synchronized ProxyManager<String> shared() {
        if (shared == null) {
            StatefulRedisConnection<String, byte[]> connected = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connected.setTimeout(timeout);
            connection = connected;
            shared = Bucket4jLettuce.casBasedBuilder(connected)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
        }
        return shared;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }

}
