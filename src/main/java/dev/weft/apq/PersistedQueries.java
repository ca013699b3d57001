package dev.weft.apq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The store of automatic persisted queries and the protocol's decisions, as Apollo Server makes them. For a
 * request's query text (null when absent) and {@code extensions} (null when absent), {@link #resolve} answers:
 * <ul>
 * <li>no {@code persistedQuery} extension: {@link Outcome.Run} with the query as sent;</li>
 * <li>hash only, known: {@link Outcome.Run} with the stored text;</li>
 * <li>hash only, unknown: {@link Outcome.Refuse} {@code PersistedQueryNotFound}, code
 * {@code PERSISTED_QUERY_NOT_FOUND}, HTTP 200 (Apollo clients then resend with the query);</li>
 * <li>query and hash: the hash must be the SHA-256 of the text ({@code provided sha does not match query}, code
 * {@code BAD_REQUEST}, HTTP 400 otherwise); the text is stored and runs.</li>
 * </ul>
 * Example: {@code resolve(null, Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", h)))} after
 * {@code resolve("{ a }", ...same extension...)} with {@code h = sha256("{ a }")} is {@code Run("{ a }")}.
 * <p>Texts are keyed by their hash alone: a hash names exactly one text, so sharing entries between roles
 * reveals nothing a caller did not already know; what a role may run is decided by validating the text against
 * that role's schema, as for any query. Bounded (Caffeine, least recently used go first); thread-safe.
 */
public final class PersistedQueries {
    private final boolean enabled;
    private final Cache<String, String> texts;

    public PersistedQueries(boolean enabled, long maxEntries) {
        this.enabled = enabled;
        this.texts = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** What to do with a request. */
    public sealed interface Outcome {
        /** Run {@code query} (null: the request had none and no extension supplies one). */
        record Run(String query) implements Outcome {
        }

        /** Answer with this GraphQL error (message and {@code extensions.code}) and HTTP status. */
        record Refuse(int status, String message, String code) implements Outcome {
        }
    }

    public Outcome resolve(String query, Map<?, ?> extensions) {
        Object extension = extensions == null ? null : extensions.get("persistedQuery");
        if (extension == null) {
            return new Outcome.Run(query);
        }
        boolean hasQuery = query != null && !query.isBlank();
        if (!enabled) {
            return hasQuery ? new Outcome.Run(query)
                    : new Outcome.Refuse(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED");
        }
        if (!(extension instanceof Map<?, ?> persisted) || !(persisted.get("version") instanceof Number version)
                || version.intValue() != 1 || version.doubleValue() != 1) {
            return new Outcome.Refuse(400, "Unsupported persisted query version", "BAD_REQUEST");
        }
        if (!(persisted.get("sha256Hash") instanceof String hash) || !hash.matches("[0-9a-fA-F]{64}")) {
            return new Outcome.Refuse(400, "persistedQuery.sha256Hash must be the SHA-256 of the query, in hex", "BAD_REQUEST");
        }
        String key = hash.toLowerCase(Locale.ROOT);
        if (!hasQuery) {
            String stored = texts.getIfPresent(key);
            return stored == null ? new Outcome.Refuse(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
                    : new Outcome.Run(stored);
        }
        if (!sha256(query).equals(key)) {
            return new Outcome.Refuse(400, "provided sha does not match query", "BAD_REQUEST");
        }
        texts.put(key, query);
        return new Outcome.Run(query);
    }

    /** How many texts the store holds now. */
    public long size() {
        texts.cleanUp();
        return texts.estimatedSize();
    }

    /** Lowercase hex SHA-256 of the UTF-8 text, as Apollo clients compute it. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
