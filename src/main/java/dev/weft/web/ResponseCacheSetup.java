package dev.weft.web;

import dev.weft.cache.RedisTier;
import dev.weft.cache.ResponseCache;
import dev.weft.cache.SharedTier;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * The response cache of {@code @cached} queries: per instance (Caffeine), and shared through Redis when
 * {@code spring.data.redis.*} names one (Spring Boot's Lettuce connection factory). Settings:
 * {@code weft.cache.max-ttl} (seconds, default 3600), {@code weft.cache.max-entries} (per instance, default
 * 10000), {@code weft.cache.redis-prefix} (default {@code weft:cache:}), {@code weft.cache.redis-timeout}
 * (default 500ms). Responses carry {@code X-Weft-Cache: hit|miss}.
 */
@Configuration(proxyBeanMethods = false)
class ResponseCacheSetup {
    private static final Logger log = LoggerFactory.getLogger(ResponseCacheSetup.class);

    /** Whether the configuration names a Redis (Spring Boot otherwise assumes one on localhost). */
    static boolean redisConfigured(Environment environment) {
        return Stream.of("url", "host", "port", "sentinel.master", "cluster.nodes")
                .anyMatch(key -> environment.containsProperty("spring.data.redis." + key));
    }

    /** Lettuce's client of Spring Boot's connection factory, or null when no Redis is configured. */
    static RedisClient redisClient(Environment environment, ObjectProvider<LettuceConnectionFactory> factories) {
        LettuceConnectionFactory factory = redisConfigured(environment) ? factories.getIfAvailable() : null;
        if (factory == null) {
            return null;
        }
        factory.start(); // started again by the context later: a no-op
        if (!(factory.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("spring.data.redis: Weft shares its cache and limits through a standalone"
                    + " Redis (or one behind Sentinel), not a Redis Cluster");
        }
        return client;
    }

    @Bean(destroyMethod = "close")
    ResponseCache responseCache(org.springframework.core.env.ConfigurableEnvironment environment,
                                ObjectProvider<LettuceConnectionFactory> factories, ObjectProvider<MeterRegistry> registry) {
        ScaleOutSettings settings = ScaleOutSettings.of(environment);
        RedisClient client = redisClient(environment, factories);
        SharedTier shared = client == null ? null
                : new RedisTier(client, settings.cachePrefix(), settings.cacheTimeout(), settings.maxTtlSeconds());
        log.info("response cache: per instance{}, max ttl {} s", shared == null ? "" : " and shared through Redis",
                settings.maxTtlSeconds());
        return new ResponseCache(settings.maxTtlSeconds(), settings.maxEntries(), shared, registry.getIfAvailable());
    }

    /** {@code X-Weft-Cache: hit|miss} on the responses of {@code @cached} queries. */
    @Bean
    WebGraphQlInterceptor cacheHeaderInterceptor() {
        return (request, chain) -> chain.next(request).doOnNext(response -> {
            Object status = response.getExecutionInput().getGraphQLContext().get(ResponseCache.STATUS_KEY);
            if (status != null) {
                response.getResponseHeaders().set("X-Weft-Cache", status.toString());
            }
        });
    }
}
