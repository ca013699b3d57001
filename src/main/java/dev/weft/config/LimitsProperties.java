package dev.weft.config;

import java.time.Duration;
import java.util.List;

/**
 * The raw {@code weft.limits.*} keys as Spring binds them; null means "the default".
 *
 * <pre>{@code
 * weft:
 *   limits: { max-depth: 25, max-fields: 1000, max-rows: 100000, max-response-bytes: 16MB, request-timeout: 30s }
 * }</pre>
 */
public record LimitsProperties(Integer maxDepth, Integer maxFields, Integer maxRows, String maxResponseBytes,
                               Duration requestTimeout) {

    /** The limits these keys give over the defaults; every bad value is added to {@code problems} with its key. */
    public LimitSettings resolve(ConfigOrigins origins, List<ConfigProblem> problems) {
        Integer depth = atLeastOne("max-depth", maxDepth, origins, problems);
        Integer fields = atLeastOne("max-fields", maxFields, origins, problems);
        Integer rows = atLeastOne("max-rows", maxRows, origins, problems);
        Long bytes = null;
        if (maxResponseBytes != null) {
            bytes = LimitSettings.bytes(maxResponseBytes);
            if (bytes == null || bytes < 1) {
                problems.add(problem(origins, "max-response-bytes", "must be a size such as 16MB, 512KB or 1048576 (bytes), was '"
                        + maxResponseBytes + "'"));
            }
        }
        if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
            problems.add(problem(origins, "request-timeout", "must be a positive duration such as 30s, was "
                    + ConfigValidator.readable(requestTimeout)));
        }
        return LimitSettings.DEFAULTS.with(new LimitSettings.LimitOverrides(depth, fields, rows,
                bytes == null || bytes < 1 ? null : bytes,
                requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative() ? null : requestTimeout));
    }

    private static Integer atLeastOne(String key, Integer value, ConfigOrigins origins, List<ConfigProblem> problems) {
        if (value != null && value < 1) {
            problems.add(problem(origins, key, "must be at least 1, was " + value));
            return null;
        }
        return value;
    }

    private static ConfigProblem problem(ConfigOrigins origins, String key, String message) {
        String full = "weft.limits." + key;
        return new ConfigProblem(origins.originOf(full), full, message);
    }
}
