package dev.weft.config;

import java.util.Map;

/**
 * The raw {@code weft.*} configuration as bound from Spring's environment: every field may be
 * null, nothing is validated yet. {@link ConfigValidator} turns it into {@link ServiceSettings}.
 *
 * <pre>{@code
 * weft:
 *   relationships: relationships.yml    # default: relationships.yml in the working directory, if present
 *   cross-source-max-keys-in-memory: 1000000   # memory budget of cross-source plans
 *   services:
 *     hr: { kind: postgres, url: jdbc:postgresql://127.0.0.1:5432/hr }
 *   security: { anonymous-role: viewer }    # see SecurityProperties
 *   limits: { max-depth: 25, max-rows: 10000 }   # see LimitsProperties
 *   naming: hasura                 # weft (default) or hasura: type names as Hasura's (Naming)
 *   stringify-numeric-types: true  # 64-bit integers and decimals as JSON strings (default false)
 *   source-json-threshold: 5000    # levels from this size have their JSON built by PostgreSQL (-1: never)
 * }</pre>
 */
// One constructor only: Spring's binder binds a record through its single constructor.
public record WeftProperties(String relationships, Map<String, ServiceProperties> services, Integer crossSourceMaxKeys,
                             Integer crossSourceMaxKeysInMemory, SecurityProperties security,
                             LimitsProperties limits, String naming, Boolean stringifyNumericTypes,
                             Integer sourceJsonThreshold) {
    /** Default of {@code weft.cross-source-max-keys-in-memory}, the memory budget of cross-source plans. */
    public static final int DEFAULT_CROSS_SOURCE_MAX_KEYS_IN_MEMORY = 1_000_000;
    /** The same default, by the older name of the setting ({@code weft.cross-source-max-keys}). */
    public static final int DEFAULT_CROSS_SOURCE_MAX_KEYS = DEFAULT_CROSS_SOURCE_MAX_KEYS_IN_MEMORY;

    public WeftProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        security = security == null ? SecurityProperties.NONE : security;
        limits = limits == null ? new LimitsProperties(null, null, null, null, null) : limits;
    }

    /** Properties with the default memory budget. */
    public static WeftProperties of(String relationships, Map<String, ServiceProperties> services) {
        return new WeftProperties(relationships, services, null, null, null, null, null, null, null);
    }

    /** Default of {@code weft.source-json-threshold}. */
    public static final int DEFAULT_SOURCE_JSON_THRESHOLD = 5_000;

    /**
     * {@code weft.source-json-threshold}: from how large a level PostgreSQL builds its JSON (a relationship's parent
     * keys, a root list's limit or, without one, its max-rows); 0 for every level that qualifies, -1 for none.
     */
    public int sourceJsonThresholdOrDefault() {
        return sourceJsonThreshold != null ? sourceJsonThreshold : DEFAULT_SOURCE_JSON_THRESHOLD;
    }

    /** {@code weft.stringify-numeric-types}: 64-bit integers and decimals rendered as JSON strings, as Hasura's setting. */
    public boolean stringifyNumericTypesOrDefault() {
        return Boolean.TRUE.equals(stringifyNumericTypes);
    }

    /**
     * The memory budget of cross-source plans: the most keys or rows one step holds at once (the related
     * keys carried into one statement, the rows sorted in memory). {@code weft.cross-source-max-keys-in-memory},
     * else the older {@code weft.cross-source-max-keys} (read as the same setting), else 1,000,000.
     */
    public int crossSourceMaxKeysInMemoryOrDefault() {
        return crossSourceMaxKeysInMemory != null ? crossSourceMaxKeysInMemory
                : crossSourceMaxKeys != null ? crossSourceMaxKeys : DEFAULT_CROSS_SOURCE_MAX_KEYS_IN_MEMORY;
    }
}
