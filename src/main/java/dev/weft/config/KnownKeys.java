package dev.weft.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The keys Weft reads under {@code weft.}, in Spring's canonical (kebab-case) form. */
final class KnownKeys {
    private static final Set<String> SERVICE_KEYS = Set.of("kind", "url", "username", "password", "schema",
            "prefix", "type-prefix", "query-timeout", "batch-size", "sample-size", "naming", "pool.max-size", "pool.connection-timeout");
    // a service's own circuit breaker, over weft.breaker.*: weft.services.<name>.breaker.<key>
    private static final List<String> BREAKER_KEYS = List.of("enabled", "window-size", "minimum-calls", "failure-rate",
            "open-duration", "half-open-calls");
    private static final Pattern SERVICE_BREAKER_KEY = Pattern.compile("weft\\.services\\.[^.]+\\.breaker\\.(.+)");
    private static final Pattern SERVICE_KEY = Pattern.compile("weft\\.services\\.[^.]+\\.(.+)");
    // a list is bound from indexed keys (include[0]) or from one comma-separated value (include=a,b)
    private static final Pattern LIST_KEY = Pattern.compile("weft\\.services\\.[^.]+\\.(include|exclude)(\\[\\d+])?");
    // what Kubernetes injects into every pod for a Service named weft: WEFT_PORT, WEFT_PORT_8080_TCP_ADDR, WEFT_SERVICE_HOST...
    private static final Pattern KUBERNETES_SERVICE_LINK = Pattern.compile("weft\\.(port|service\\.(host|port))([.\\[].*)?");
    private static final List<String> TOP_LEVEL = List.of("weft.relationships", "weft.graphiql.default-query",
            "weft.graphiql.default-headers", "weft.cross-source-max-keys", "weft.cross-source-max-keys-in-memory",
            "weft.breaker.enabled", "weft.breaker.window-size", "weft.breaker.minimum-calls", "weft.breaker.failure-rate",
            "weft.breaker.open-duration", "weft.breaker.half-open-calls", "weft.log.statements",
            "weft.transactions.log-dir", "weft.transactions.node-id", "weft.transactions.recovery-period",
            "weft.federation.enabled", "weft.federation.file",
            "weft.reload.enabled", "weft.reload.introspect-interval",
            "weft.persisted-queries.enabled", "weft.persisted-queries.max-entries",
            "weft.naming", "weft.stringify-numeric-types", "weft.http.socket-write-buffer",
            "weft.source-json-threshold");
    private static final List<String> SECURITY_KEYS = List.of("weft.security.access", "weft.security.anonymous-role",
            "weft.security.jwt.hmac-secret", "weft.security.jwt.jwk-set-uri", "weft.security.jwt.issuer-uri",
            "weft.security.jwt.role-claim", "weft.security.jwt.issuer", "weft.security.jwt.audiences",
            "weft.security.jwt.claims-namespace", "weft.security.jwt.claims-namespace-path", "weft.security.jwt.default-role-claim");
    private static final Pattern AUDIENCE_KEY = Pattern.compile("weft\\.security\\.jwt\\.audiences\\[\\d+]");
    private static final List<String> LIMIT_KEYS = List.of("weft.limits.max-depth", "weft.limits.max-fields",
            "weft.limits.max-rows", "weft.limits.max-response-bytes", "weft.limits.request-timeout");
    private static final List<String> SCALE_OUT_KEYS = List.of("weft.cache.max-ttl", "weft.cache.max-entries",
            "weft.cache.redis-prefix", "weft.cache.redis-timeout", "weft.rate-limits.redis-failure",
            "weft.rate-limits.redis-prefix", "weft.rate-limits.redis-timeout");

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        if (TOP_LEVEL.contains(key) || SECURITY_KEYS.contains(key) || LIMIT_KEYS.contains(key) || SCALE_OUT_KEYS.contains(key)
                || LIST_KEY.matcher(key).matches()
                || AUDIENCE_KEY.matcher(key).matches()) {
            return true;
        }
        var breaker = SERVICE_BREAKER_KEY.matcher(key);
        if (breaker.matches()) {
            return BREAKER_KEYS.contains(breaker.group(1));
        }
        var m = SERVICE_KEY.matcher(key);
        return m.matches() && SERVICE_KEYS.contains(m.group(1));
    }

    /** Whether {@code key} is one of the variables Kubernetes sets for a Service named {@code weft}. */
    static boolean isKubernetesServiceLink(String key) {
        return KUBERNETES_SERVICE_LINK.matcher(key).matches();
    }

    static String describe() {
        return "weft.relationships, weft.cross-source-max-keys-in-memory, weft.services.<name>.{" + String.join(", ", SERVICE_KEYS.stream().sorted().toList())
                + ", include, exclude}";
    }

    /** The known keys to suggest for an unknown {@code key}: those of its section. */
    static String describe(String key) {
        if (key.startsWith("weft.breaker.")) {
            return "weft.breaker.{" + String.join(", ", BREAKER_KEYS) + "}";
        }
        if (SERVICE_BREAKER_KEY.matcher(key).matches()) {
            return "weft.services.<name>.breaker.{" + String.join(", ", BREAKER_KEYS) + "}";
        }
        if (key.startsWith("weft.cache.") || key.startsWith("weft.rate-limits.")) {
            return "weft.cache.{max-ttl, max-entries, redis-prefix, redis-timeout},"
                    + " weft.rate-limits.{redis-failure, redis-prefix, redis-timeout}";
        }
        if (key.startsWith("weft.persisted-queries.")) {
            return "weft.persisted-queries.{enabled, max-entries}";
        }
        if (key.startsWith("weft.transactions.")) {
            return "weft.transactions.{log-dir, node-id, recovery-period}";
        }
        if (key.startsWith("weft.federation.")) {
            return "weft.federation.{enabled, file}";
        }
        if (key.startsWith("weft.limits.")) {
            return "weft.limits.{max-depth, max-fields, max-rows, max-response-bytes, request-timeout}";
        }
        return key.startsWith("weft.security.") ? "weft.security.{access, anonymous-role, jwt.hmac-secret, jwt.jwk-set-uri,"
                + " jwt.issuer-uri, jwt.role-claim, jwt.issuer, jwt.audiences, jwt.claims-namespace, jwt.claims-namespace-path, jwt.default-role-claim}" : describe();
    }
}
