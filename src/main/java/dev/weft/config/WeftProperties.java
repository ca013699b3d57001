package dev.weft.config;

import java.util.Map;

/**
 * The raw {@code weft.*} configuration as bound from Spring's environment: every field may be
 * null, nothing is validated yet. {@link ConfigValidator} turns it into {@link ServiceSettings}.
 *
 * <pre>{@code
 * weft:
 *   relationships: relationships.yml
 *   services:
 *     hr: { kind: postgres, url: jdbc:postgresql://127.0.0.1:5432/hr }
 * }</pre>
 */
public record WeftProperties(String relationships, Map<String, ServiceProperties> services) {
    public WeftProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }
}
