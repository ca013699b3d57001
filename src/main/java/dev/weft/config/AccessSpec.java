package dev.weft.config;

import java.util.List;
import java.util.Map;

/**
 * access.yml as written (README, "access.yml"), checked for form but not yet against the catalog: API keys
 * (only their SHA-256 hashes) and roles with their per-table permissions. Every part knows its line.
 *
 * <pre>{@code
 * api-keys:
 *   - { name: reporting, key-sha256: 9f86d08..., role: analyst, claims: { tenant_id: "t1" } }
 * roles:
 *   analyst:
 *     introspection: false
 *     limits: { max-depth: 6, max-limit: 100, max-fields: 200, max-rows: 500, max-response-bytes: 4MB, request-timeout: 10s }
 *     hr.employees:
 *       select:
 *         columns: [emp_no, first_name, email, tenant_id]
 *         filter: { tenant_id: { _eq: "@claims.tenant_id" } }
 *       mask: { email: email }
 * }</pre>
 */
public record AccessSpec(String file, List<ApiKeySpec> apiKeys, List<RoleSpec> roles, List<RateLimitSpec> rateLimits) {
    public AccessSpec {
        apiKeys = List.copyOf(apiKeys);
        roles = List.copyOf(roles);
        rateLimits = List.copyOf(rateLimits);
    }

    /** An access file without rate limits. */
    public AccessSpec(String file, List<ApiKeySpec> apiKeys, List<RoleSpec> roles) {
        this(file, apiKeys, roles, List.of());
    }

    /**
     * The request rate of a role or an API key ({@code limits: { requests-per-minute: 600, requests-per-second: 20 }}):
     * {@code subject} is {@code role} or {@code api-key}, {@code name} its name, a rate null when unset.
     */
    public record RateLimitSpec(String subject, String name, String origin, Integer perMinute, Integer perSecond) {
    }

    /** An API key: its name, the lower-case hex SHA-256 of the key, the roles it grants, its claims. */
    public record ApiKeySpec(int line, String name, String keySha256, List<String> roles, Map<String, Object> claims) {
        public ApiKeySpec {
            roles = List.copyOf(roles);
            claims = Map.copyOf(claims);
        }
    }

    /**
     * A role: whether it may introspect, its {@code max-limit} (null when unset), the limits it sets over
     * {@code weft.limits}, its {@code max-rows-affected} (null when unset: the most rows one write may touch),
     * its tables, and whether it may read Actuator's endpoints other than health ({@code actuator: true},
     * e.g. {@code /actuator/prometheus}), and whether it may explain requests ({@code explain: true}, {@code POST
     * /graphql/explain}).
     */
    public record RoleSpec(int line, String name, boolean introspection, Integer maxLimit,
                           LimitSettings.LimitOverrides limits, Integer maxRowsAffected, List<TableAccessSpec> tables,
                           boolean actuator, boolean explain) {
        public RoleSpec {
            tables = List.copyOf(tables);
            limits = limits == null ? LimitSettings.LimitOverrides.NONE : limits;
        }

        public Integer maxDepth() {
            return limits.maxDepth();
        }

        public Integer maxFields() {
            return limits.maxFields();
        }

        /** A role that may not explain requests. */
        public RoleSpec(int line, String name, boolean introspection, Integer maxLimit, LimitSettings.LimitOverrides limits,
                        Integer maxRowsAffected, List<TableAccessSpec> tables, boolean actuator) {
            this(line, name, introspection, maxLimit, limits, maxRowsAffected, tables, actuator, false);
        }

        /** A role without access to Actuator's endpoints and without a {@code max-rows-affected}. */
        public RoleSpec(int line, String name, boolean introspection, Integer maxLimit,
                        LimitSettings.LimitOverrides limits, List<TableAccessSpec> tables) {
            this(line, name, introspection, maxLimit, limits, null, tables, false, false);
        }
    }

    /**
     * What a role may do with one table ({@code service.table}): the columns it may select (null for
     * all), a row filter in the {@code where} syntax whose values may be {@code "@claims.<name>"}, and
     * the columns it sees masked, with their strategy, and its write permissions ({@code insert},
     * {@code update}, {@code delete}; a kind absent from {@code writes} is not allowed).
     */
    public record TableAccessSpec(int line, Map<String, Integer> keyLines, String service, String table,
                                  List<String> columns, Map<String, Object> filter, Map<String, MaskStrategy> masks,
                                  Map<WriteSpec.Kind, WriteSpec> writes) {
        public TableAccessSpec {
            writes = Map.copyOf(writes);
            keyLines = Map.copyOf(keyLines);
            columns = columns == null ? null : List.copyOf(columns);
            filter = filter == null ? null : java.util.Collections.unmodifiableMap(filter);
            masks = Map.copyOf(masks);
        }

        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /** How a masked value is shown: {@code null}, {@code redact}, {@code email}, {@code last4}, {@code hash}. */
    public enum MaskStrategy {
        NULL, REDACT, EMAIL, LAST4, HASH;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
