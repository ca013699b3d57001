package dev.weft.config;

import java.time.Duration;
import java.util.List;

/**
 * A validated service: every default applied, every value checked. Produced only by
 * {@link ConfigValidator}; read by introspection and by the executors.
 *
 * <p>Example: {@code hr} with kind {@code postgres} and no prefixes set gets root prefix
 * {@code hr_} and type prefix {@code Hr}. {@code sampleSize} is read by MongoDB sources only: how many
 * documents per collection schema inference reads when the collection has no {@code $jsonSchema} validator.
 * {@code naming} says how its types are named ({@link Naming}); in {@code hasura} mode the prefixes default to
 * empty (to {@code <schema>_} for a PostgreSQL schema other than {@code public}).
 */
public record ServiceSettings(
        String name,
        SourceKind kind,
        String url,
        String username,
        Secret password,
        String schema,
        List<Glob> include,
        List<Glob> exclude,
        String rootPrefix,
        String typePrefix,
        int poolMaxSize,
        Duration connectionTimeout,
        Duration queryTimeout,
        int batchSize,
        int sampleSize,
        Naming naming) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int DEFAULT_SAMPLE_SIZE = 1000;

    public ServiceSettings {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        Redaction.register(password == null ? null : password.value()); // so that no message can print them
        Redaction.registerUrl(url);
        naming = naming == null ? Naming.WEFT : naming;
    }

    /** Settings named the Weft way ({@link Naming#WEFT}). */
    public ServiceSettings(String name, SourceKind kind, String url, String username, Secret password, String schema,
                           List<Glob> include, List<Glob> exclude, String rootPrefix, String typePrefix, int poolMaxSize,
                           Duration connectionTimeout, Duration queryTimeout, int batchSize, int sampleSize) {
        this(name, kind, url, username, password, schema, include, exclude, rootPrefix, typePrefix, poolMaxSize,
                connectionTimeout, queryTimeout, batchSize, sampleSize, Naming.WEFT);
    }

    /** Settings with the default {@code sample-size}. */
    public ServiceSettings(String name, SourceKind kind, String url, String username, Secret password, String schema,
                           List<Glob> include, List<Glob> exclude, String rootPrefix, String typePrefix, int poolMaxSize,
                           Duration connectionTimeout, Duration queryTimeout, int batchSize) {
        this(name, kind, url, username, password, schema, include, exclude, rootPrefix, typePrefix, poolMaxSize,
                connectionTimeout, queryTimeout, batchSize, DEFAULT_SAMPLE_SIZE);
    }

    /** Whether a table or view of this name is served, by the include and exclude globs. */
    public boolean selects(String tableName) {
        return include.stream().anyMatch(g -> g.matches(tableName))
                && exclude.stream().noneMatch(g -> g.matches(tableName));
    }
}
