package dev.weft.config;

import java.util.Map;

/**
 * The raw {@code weft.*} configuration as bound from Spring's environment: every field may be
 * null, nothing is validated yet. {@link ConfigValidator} turns it into {@link ServiceSettings}.
 *
 * <pre>{@code
 * weft:
 *   relationships: relationships.yml    # default: relationships.yml in the working directory, if present
 *   cross-source-max-keys: 10000
 *   services:
 *     hr: { kind: postgres, url: jdbc:postgresql://127.0.0.1:5432/hr }
 *   security: { anonymous-role: viewer }    # see SecurityProperties
 *   limits: { max-depth: 25, max-rows: 10000 }   # see LimitsProperties
 * }</pre>
 */
// One constructor only: Spring's binder binds a record through its single constructor.
public record WeftProperties(String relationships, Map<String, ServiceProperties> services, Integer crossSourceMaxKeys,
                             SecurityProperties security, LimitsProperties limits) {
    /** Default of {@code weft.cross-source-max-keys}. */
    public static final int DEFAULT_CROSS_SOURCE_MAX_KEYS = 10_000;

    public WeftProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        security = security == null ? SecurityProperties.NONE : security;
        limits = limits == null ? new LimitsProperties(null, null, null, null, null) : limits;
    }

    /** Properties with the default {@code cross-source-max-keys}. */
    public static WeftProperties of(String relationships, Map<String, ServiceProperties> services) {
        return new WeftProperties(relationships, services, null, null, null);
    }

    /**
     * The most keys a {@code where} through a relationship to another source may carry, and the most
     * rows Weft sorts in memory for an {@code order_by} through one.
     */
    public int crossSourceMaxKeysOrDefault() {
        return crossSourceMaxKeys == null ? DEFAULT_CROSS_SOURCE_MAX_KEYS : crossSourceMaxKeys;
    }
}
