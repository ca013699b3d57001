package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code weft.cache.*} and {@code weft.rate-limits.*}, checked: a bad value stops start-up with its file, line
 * and key, every problem at once.
 *
 * <pre>{@code
 * ScaleOutSettings s = ScaleOutSettings.of(environment);   // weft.yml:7: weft.cache.max-ttl: must be a whole number of seconds of at least 1
 * s.maxTtlSeconds();   // 3600
 * }</pre>
 */
record ScaleOutSettings(int maxTtlSeconds, long maxEntries, String cachePrefix, Duration cacheTimeout, boolean failOpen,
                        String ratePrefix, Duration rateTimeout) {

    static ScaleOutSettings of(ConfigurableEnvironment environment) {
        List<ConfigProblem> problems = new ArrayList<>();
        int maxTtl = (int) whole(environment, "weft.cache.max-ttl", 3600, Integer.MAX_VALUE, "seconds", problems);
        long maxEntries = whole(environment, "weft.cache.max-entries", 10_000, 100_000_000, "entries", problems);
        Duration cacheTimeout = duration(environment, "weft.cache.redis-timeout", problems);
        Duration rateTimeout = duration(environment, "weft.rate-limits.redis-timeout", problems);
        String failure = environment.getProperty("weft.rate-limits.redis-failure", "open");
        if (!failure.equals("open") && !failure.equals("closed")) {
            problems.add(new ConfigProblem(null, "weft.rate-limits.redis-failure", "must be open or closed, was '" + failure + "'"));
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(PropertyOrigins.of(ConfigurationPropertySources.get(environment)).locate(problems));
        }
        return new ScaleOutSettings(maxTtl, maxEntries, environment.getProperty("weft.cache.redis-prefix", "weft:cache:"),
                cacheTimeout, failure.equals("open"), environment.getProperty("weft.rate-limits.redis-prefix", "weft:rate:"),
                rateTimeout);
    }

    private static long whole(ConfigurableEnvironment environment, String key, long fallback, long max, String unit,
                              List<ConfigProblem> problems) {
        String text = environment.getProperty(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(null, key, "must be a whole number of " + unit + " from 1 to " + max + ", was '" + text + "'"));
        return fallback;
    }

    private static Duration duration(ConfigurableEnvironment environment, String key, List<ConfigProblem> problems) {
        String text = environment.getProperty(key);
        if (text == null) {
            return Duration.ofMillis(500);
        }
        Duration value = dev.weft.config.LimitSettings.duration(text.strip());
        if (value == null || value.isZero()) {
            problems.add(new ConfigProblem(null, key, "must be a positive duration such as 500ms or 2s, was '" + text + "'"));
            return Duration.ofMillis(500);
        }
        return value;
    }
}
