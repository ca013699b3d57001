package dev.weft.config;

/**
 * Tells where a configuration key was set, for messages: {@code "weft.yml:7"} or
 * {@code "environment variable WEFT_SERVICES_HR_URL"}. {@link #NONE} knows nothing.
 */
@FunctionalInterface
public interface ConfigOrigins {
    ConfigOrigins NONE = key -> null;

    /** The origin of {@code key} (e.g. {@code weft.services.hr.url}), or null when unknown. */
    String originOf(String key);
}
