package dev.weft.config;

import java.time.Duration;
import java.util.List;

/**
 * One raw {@code weft.services.<name>} entry; the README's "Configuration" describes each key. Null means "not set".
 * {@code batchSize} bounds the keys of one batched relationship statement (default 1000).
 * {@code sampleSize}: how many documents of each MongoDB collection schema inference reads (default 1000).
 * {@code naming}: {@code weft} or {@code hasura} ({@link Naming}); null: {@code weft.naming}'s.
 */
public record ServiceProperties(
        String kind,
        String url,
        String username,
        String password,
        String schema,
        List<String> include,
        List<String> exclude,
        String prefix,
        String typePrefix,
        PoolProperties pool,
        Duration queryTimeout,
        Integer batchSize,
        Integer sampleSize,
        String naming) {

    public ServiceProperties {
        include = include == null ? null : List.copyOf(include);
        exclude = exclude == null ? null : List.copyOf(exclude);
    }

    /** {@code weft.services.<name>.pool.*}. */
    public record PoolProperties(Integer maxSize, Duration connectionTimeout) {
    }

    @Override
    public String toString() {
        return "ServiceProperties[kind=" + kind + ", url=" + url + ", username=" + username + ", password=****]";
    }
}
