package dev.weft.config;

import dev.weft.config.AccessSpec.ApiKeySpec;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.config.AccessSpec.RoleSpec;
import dev.weft.config.AccessSpec.TableAccessSpec;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads access.yml into an {@link AccessSpec} and checks its form, reporting every problem at once
 * with file and line: unknown keys, API keys whose hash is not 64 hexadecimal digits or whose role
 * is not defined, role names that are not names, table keys that are not {@code service.table},
 * unknown mask strategies, limits that are not positive. Whether the tables and columns exist is
 * checked later, against the catalog.
 *
 * <p>A key of a role's mapping that contains a dot names a table ({@code hr.employees}); the others
 * are the role's options: {@code introspection} (default true), {@code actuator} (default false: may read Actuator's
 * endpoints other than health), {@code explain} (default false: may explain requests) and {@code limits}.
 */
public final class AccessFile {
    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> KEY_KEYS = Set.of("name", "key-sha256", "role", "roles", "claims", "limits");
    private static final List<String> RATE_KEYS = List.of("requests-per-minute", "requests-per-second");
    private static final Set<String> TABLE_KEYS = Set.of("select", "mask", "insert", "update", "delete");
    private static final Set<String> SELECT_KEYS = Set.of("columns", "filter");
    private static final List<String> LIMIT_KEYS = List.of("max-depth", "max-fields", "max-limit",
            "max-response-bytes", "max-rows", "request-timeout", "max-rows-affected");

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<AccessSpec.RateLimitSpec> rateLimits = new ArrayList<>();

    private AccessFile(String file) {
        this.file = file;
    }

    public static AccessSpec parse(String file, String yaml) {
        return parse(file, new StringReader(yaml));
    }

    /** Parses and checks the form; throws {@link WeftConfigException} listing every problem. */
    public static AccessSpec parse(String file, Reader reader) {
        AccessFile parser = new AccessFile(file);
        YamlFile.Composed yaml = YamlFile.compose(file, reader);
        parser.problems.addAll(yaml.problems());
        AccessSpec spec = parser.read(yaml.root());
        if (!parser.problems.isEmpty()) {
            throw new WeftConfigException(parser.problems);
        }
        return spec;
    }

    private AccessSpec read(Node root) {
        List<ApiKeySpec> keys = new ArrayList<>();
        List<RoleSpec> roles = new ArrayList<>();
        Node keyList = null;
        for (NodeTuple t : mapping(root, "access.yml")) {
            String key = scalar(t.getKeyNode());
            switch (String.valueOf(key)) {
                case "api-keys" -> keyList = t.getValueNode();
                case "roles" -> mapping(t.getValueNode(), "roles").forEach(r -> role(r).ifPresent(roles::add));
                default -> problem(t.getKeyNode(), key, "unknown key; access.yml holds 'api-keys' and 'roles'");
            }
        }
        Set<String> roleNames = new java.util.HashSet<>();
        if (root instanceof MappingNode top) {
            // every role named in the file counts as defined, even one with problems of its own
            top.getValue().stream().filter(t -> "roles".equals(scalar(t.getKeyNode())))
                    .filter(t -> t.getValueNode() instanceof MappingNode)
                    .forEach(t -> ((MappingNode) t.getValueNode()).getValue().forEach(r -> roleNames.add(scalar(r.getKeyNode()))));
        }
        if (keyList != null) {
            for (Node item : sequence(keyList, "api-keys")) {
                apiKey(item, roleNames).ifPresent(keys::add);
            }
        }
        checkKeysAreDistinct(keys);
        return new AccessSpec(file, keys, roles, rateLimits);
    }

    /** One key, one set of roles: the same key under two names (or two keys of one name) is a mistake to fix. */
    private void checkKeysAreDistinct(List<ApiKeySpec> keys) {
        Map<String, ApiKeySpec> byHash = new HashMap<>();
        Map<String, ApiKeySpec> byName = new HashMap<>();
        for (ApiKeySpec key : keys) {
            ApiKeySpec other = byHash.putIfAbsent(key.keySha256(), key);
            if (other != null) {
                problems.add(new ConfigProblem(file + ":" + key.line(), "key-sha256", "API key '" + key.name()
                        + "' has the same key-sha256 as API key '" + other.name() + "' (line " + other.line()
                        + "); one key grants one set of roles: remove one, or merge their roles"));
            }
            other = byName.putIfAbsent(key.name(), key);
            if (other != null) {
                problems.add(new ConfigProblem(file + ":" + key.line(), "name", "API key name '" + key.name()
                        + "' is also used at line " + other.line() + "; give every key its own name"));
            }
        }
    }

    private java.util.Optional<ApiKeySpec> apiKey(Node node, Set<String> roleNames) {
        int before = problems.size();
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node, "api-keys")) {
            String key = scalar(t.getKeyNode());
            if (!KEY_KEYS.contains(key)) {
                problem(t.getKeyNode(), key, "unknown key; an API key has " + String.join(", ", KEY_KEYS.stream().sorted().toList()));
            } else {
                values.put(key, t.getValueNode());
            }
        }
        String name = values.containsKey("name") ? scalar(values.get("name")) : null;
        if (name == null || name.isBlank()) {
            problem(node, "name", "missing; every API key has a name (it appears in logs, never the key)");
        }
        String hash = values.containsKey("key-sha256") ? scalar(values.get("key-sha256")) : null;
        if (hash == null || !SHA256.matcher(hash).matches()) {
            problem(values.getOrDefault("key-sha256", node), "key-sha256",
                    "must be the SHA-256 of the key as 64 hexadecimal digits (e.g. printf %s KEY | sha256sum)");
        }
        List<String> roles = new ArrayList<>();
        if (values.containsKey("role")) {
            roles.add(scalar(values.get("role")));
        }
        if (values.containsKey("roles")) {
            sequence(values.get("roles"), "roles").forEach(n -> roles.add(scalar(n)));
        }
        if (roles.isEmpty()) {
            problem(node, "role", "missing; an API key grants a role (role: x, or roles: [x, y])");
        }
        for (String role : roles) {
            if (!roleNames.contains(role)) {
                problem(values.getOrDefault("role", values.getOrDefault("roles", node)), "role",
                        "role '" + role + "' is not defined under roles");
            }
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (values.containsKey("claims")) {
            for (NodeTuple t : mapping(values.get("claims"), "claims")) {
                Object value = plain(t.getValueNode());
                if (value instanceof Map || value == null || value instanceof List<?> list
                        && list.stream().anyMatch(v -> v == null || v instanceof Map || v instanceof List)) {
                    problem(t.getValueNode(), "claims", "claim '" + scalar(t.getKeyNode())
                            + "' must be a value (a string, number or boolean) or a list of values");
                } else {
                    claims.put(scalar(t.getKeyNode()), value);
                }
            }
        }
        if (values.containsKey("limits")) {
            Integer[] rates = new Integer[RATE_KEYS.size()];
            for (NodeTuple l : mapping(values.get("limits"), "limits")) {
                if (!rate(l, rates)) {
                    problem(l.getKeyNode(), scalar(l.getKeyNode()), "unknown limit; an API key's limits are " + String.join(", ", RATE_KEYS));
                }
            }
            rateLimit("api-key", name, values.get("limits"), rates);
        }
        return problems.size() > before ? java.util.Optional.empty()
                : java.util.Optional.of(new ApiKeySpec(line(node), name, hash.toLowerCase(Locale.ROOT), roles, claims));
    }

    private java.util.Optional<RoleSpec> role(NodeTuple tuple) {
        int before = problems.size();
        String name = scalar(tuple.getKeyNode());
        if (name == null || !ROLE.matcher(name).matches()) {
            problem(tuple.getKeyNode(), "roles", "role name '" + name + "' must match [A-Za-z][A-Za-z0-9_-]*");
        }
        boolean introspection = true;
        boolean actuator = false;
        boolean explain = false;
        Object[] limits = new Object[LIMIT_KEYS.size()];
        List<TableAccessSpec> tables = new ArrayList<>();
        for (NodeTuple t : mapping(tuple.getValueNode(), "roles." + name)) {
            String key = String.valueOf(scalar(t.getKeyNode()));
            if (key.contains(".")) {
                table(key, t).ifPresent(tables::add);
            } else if (key.equals("introspection") || key.equals("actuator") || key.equals("explain")) {
                Object value = plain(t.getValueNode());
                if (!(value instanceof Boolean b)) {
                    problem(t.getValueNode(), key, "must be true or false");
                } else if (key.equals("actuator")) {
                    actuator = b;
                } else if (key.equals("explain")) {
                    explain = b;
                } else {
                    introspection = b;
                }
            } else if (key.equals("limits")) {
                Integer[] rates = new Integer[RATE_KEYS.size()];
                for (NodeTuple l : mapping(t.getValueNode(), "limits")) {
                    if (!rate(l, rates)) {
                        limit(l, limits);
                    }
                }
                rateLimit("role", name, t.getValueNode(), rates);
            } else {
                problem(t.getKeyNode(), key, "unknown key; a role holds tables as service.table, 'introspection', 'actuator',"
                        + " 'explain' and 'limits'");
            }
        }
        LimitSettings.LimitOverrides overrides = new LimitSettings.LimitOverrides((Integer) limits[0], (Integer) limits[1],
                (Integer) limits[4], (Long) limits[3], (java.time.Duration) limits[5]);
        return problems.size() > before ? java.util.Optional.empty()
                : java.util.Optional.of(new RoleSpec(line(tuple.getKeyNode()), name, introspection, (Integer) limits[2],
                overrides, (Integer) limits[6], tables, actuator, explain));
    }

    /** A request rate ({@code requests-per-minute}, {@code requests-per-second}) of {@code limits}; false for another key. */
    private boolean rate(NodeTuple l, Integer[] rates) {
        int index = RATE_KEYS.indexOf(String.valueOf(scalar(l.getKeyNode())));
        if (index < 0) {
            return false;
        }
        if (!(plain(l.getValueNode()) instanceof Integer n) || n < 1) {
            problem(l.getValueNode(), RATE_KEYS.get(index), "must be a whole number of requests of at least 1");
        } else {
            rates[index] = n;
        }
        return true;
    }

    private void rateLimit(String subject, String name, Node limits, Integer[] rates) {
        if (rates[0] != null || rates[1] != null) {
            rateLimits.add(new AccessSpec.RateLimitSpec(subject, name, file + ":" + line(limits), rates[0], rates[1]));
        }
    }

    /** One key of a role's {@code limits}: counts are whole numbers of at least 1, a size like 8MB, a duration like 10s. */
    private void limit(NodeTuple l, Object[] limits) {
        String limit = scalar(l.getKeyNode());
        Object value = plain(l.getValueNode());
        int index = LIMIT_KEYS.indexOf(limit);
        if (index < 0) {
            problem(l.getKeyNode(), limit, "unknown limit; one of " + String.join(", ", LIMIT_KEYS) + ", "
                    + String.join(", ", RATE_KEYS));
        } else if (limit.equals("max-response-bytes")) {
            Long bytes = value == null ? null : LimitSettings.bytes(String.valueOf(value));
            if (bytes == null || bytes < 1) {
                problem(l.getValueNode(), limit, "must be a size such as 16MB, 512KB or 1048576 (bytes)");
            }
            limits[index] = bytes;
        } else if (limit.equals("request-timeout")) {
            java.time.Duration timeout = value == null ? null : LimitSettings.duration(String.valueOf(value));
            if (timeout == null || timeout.isZero()) {
                problem(l.getValueNode(), limit, "must be a positive duration such as 500ms, 10s or 2m");
            }
            limits[index] = timeout;
        } else if (!(value instanceof Integer n) || n < 1) {
            problem(l.getValueNode(), limit, "must be a whole number of at least 1");
        } else {
            limits[index] = n;
        }
    }

    @SuppressWarnings("unchecked")
    private java.util.Optional<TableAccessSpec> table(String key, NodeTuple tuple) {
        int before = problems.size();
        int dot = key.indexOf('.');
        String service = key.substring(0, dot);
        String table = key.substring(dot + 1);
        if (service.isEmpty() || table.isEmpty()) {
            problem(tuple.getKeyNode(), key, "a table is named service.table");
        }
        Map<String, Integer> lines = new HashMap<>();
        lines.put("table", line(tuple.getKeyNode()));
        List<String> columns = null;
        Map<String, Object> filter = null;
        Map<String, MaskStrategy> masks = new LinkedHashMap<>();
        Map<WriteSpec.Kind, WriteSpec> writes = new java.util.EnumMap<>(WriteSpec.Kind.class);
        WriteSpecReader writeReader = new WriteSpecReader((node, p) -> problem(node, p[0], p[1]));
        for (NodeTuple t : mapping(tuple.getValueNode(), key)) {
            String k = scalar(t.getKeyNode());
            lines.put(k, line(t.getKeyNode()));
            if (!TABLE_KEYS.contains(k)) {
                problem(t.getKeyNode(), k, "unknown key; a table holds 'select', 'mask', 'insert', 'update' and 'delete'");
            } else if (List.of("insert", "update", "delete").contains(k)) {
                WriteSpec.Kind kind = WriteSpec.Kind.valueOf(k.toUpperCase(Locale.ROOT));
                writeReader.read(kind, t).ifPresent(w -> writes.put(kind, w));
            } else if (k.equals("select")) {
                for (NodeTuple s : mapping(t.getValueNode(), "select")) {
                    String sk = scalar(s.getKeyNode());
                    lines.put(sk, line(s.getKeyNode()));
                    if (!SELECT_KEYS.contains(sk)) {
                        problem(s.getKeyNode(), sk, "unknown key; select holds 'columns' and 'filter'");
                    } else if (sk.equals("columns")) {
                        columns = new ArrayList<>();
                        for (Node c : sequence(s.getValueNode(), "columns")) {
                            columns.add(scalar(c));
                        }
                    } else if (plain(s.getValueNode()) instanceof Map<?, ?> m) {
                        filter = (Map<String, Object>) m;
                    } else {
                        problem(s.getValueNode(), "filter", "must be a mapping in the where syntax, e.g. { tenant_id: { _eq: \"@claims.tenant_id\" } }");
                    }
                }
            } else {
                for (NodeTuple m : mapping(t.getValueNode(), "mask")) {
                    String strategy = String.valueOf(scalar(m.getValueNode()));
                    lines.put("mask." + scalar(m.getKeyNode()), line(m.getKeyNode()));
                    try {
                        masks.put(scalar(m.getKeyNode()), MaskStrategy.valueOf(strategy.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        problem(m.getValueNode(), "mask", "unknown strategy '" + strategy + "'; one of null, redact, email, last4, hash");
                    }
                }
            }
        }
        return problems.size() > before ? java.util.Optional.empty()
                : java.util.Optional.of(new TableAccessSpec(line(tuple.getKeyNode()), lines, service, table, columns, filter, masks, writes));
    }

    private List<NodeTuple> mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m.getValue();
        }
        if (!(node instanceof ScalarNode s && (s.getTag() == Tag.NULL))) {
            problem(node, what, "expected a mapping");
        }
        return List.of();
    }

    private List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        problem(node, what, "expected a list");
        return List.of();
    }

    /** A node as plain Java values: maps, lists, strings, integers, longs, decimals, booleans, null. */
    static Object plain(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.getValue().forEach(t -> map.put(scalar(t.getKeyNode()), plain(t.getValueNode())));
            return map;
        }
        if (node instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>();
            s.getValue().forEach(n -> list.add(plain(n)));
            return list;
        }
        ScalarNode s = (ScalarNode) node;
        String v = s.getValue();
        if (s.getTag() == Tag.NULL) {
            return null;
        }
        if (s.getTag() == Tag.BOOL) {
            return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
        }
        try {
            if (s.getTag() == Tag.INT) {
                long n = Long.parseLong(v.replace("_", ""));
                return n == (int) n ? (Object) (int) n : (Object) n;
            }
            if (s.getTag() == Tag.FLOAT) {
                return new java.math.BigDecimal(v.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return v; // 0x1F, 1e400 and the like stay as written
        }
        return v;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private void problem(Node node, String key, String message) {
        problems.add(new ConfigProblem(file + ":" + line(node), key, message));
    }
}
