package dev.weft.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns {@link WeftProperties} into {@link ServiceSettings}, reporting every problem at once.
 *
 * <pre>{@code
 * List<ServiceSettings> services = new ConfigValidator(origins).validate(properties);
 * // throws WeftConfigException listing e.g. "weft.yml:4: weft.services.hr.kind: unknown kind 'oracle' ..."
 * }</pre>
 */
public final class ConfigValidator {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern GRAPHQL_ILLEGAL = Pattern.compile("[^_0-9A-Za-z]");
    private static final Pattern GRAPHQL_NAME_OR_EMPTY = Pattern.compile("([_A-Za-z][_0-9A-Za-z]*)?");
    private static final int MAX_BATCH_SIZE = 100_000;
    private static final int MAX_SAMPLE_SIZE = 1_000_000;

    private final ConfigOrigins origins;

    public ConfigValidator(ConfigOrigins origins) {
        this.origins = Objects.requireNonNull(origins);
    }

    /** Validates and resolves every service, sorted by name; throws with all problems if any. */
    public List<ServiceSettings> validate(WeftProperties properties) {
        Validation validation = check(properties);
        if (!validation.problems().isEmpty()) {
            throw new WeftConfigException(validation.problems());
        }
        return validation.services();
    }

    /**
     * The services that are valid and the problems of the others, so that start-up can still try to
     * reach the valid ones and report everything in one message.
     */
    public record Validation(List<ServiceSettings> services, List<ConfigProblem> problems) {
        public Validation {
            services = List.copyOf(services);
            problems = List.copyOf(problems);
        }
    }

    /** Like {@link #validate} but returns the valid services together with every problem. */
    public Validation check(WeftProperties properties) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ServiceSettings> services = new ArrayList<>();
        Naming naming = naming("weft.naming", properties.naming(), Naming.WEFT, problems);
        new TreeMap<>(properties.services()).forEach((name, service) ->
                resolve(name, service, naming, problems).ifPresent(services::add));
        checkDuplicates(services, problems);
        if (properties.crossSourceMaxKeys() != null && properties.crossSourceMaxKeys() < 1) {
            problems.add(problem("weft.cross-source-max-keys", "must be at least 1, was " + properties.crossSourceMaxKeys()));
        }
        if (properties.sourceJsonThreshold() != null && properties.sourceJsonThreshold() < -1) {
            problems.add(problem("weft.source-json-threshold", "must be -1 (never), 0 (always) or a number of rows, was "
                    + properties.sourceJsonThreshold()));
        }
        if (properties.crossSourceMaxKeysInMemory() != null && properties.crossSourceMaxKeysInMemory() < 1) {
            problems.add(problem("weft.cross-source-max-keys-in-memory", "must be at least 1, was "
                    + properties.crossSourceMaxKeysInMemory()));
        }
        return new Validation(services, problems);
    }

    /**
     * The circuit-breaker settings of {@code weft.breaker.*}, defaults applied; every problem is added to
     * {@code problems} (a window smaller than its minimum of calls, a rate outside 1..100, a zero duration).
     */
    public BreakerSettings breaker(BreakerProperties p, List<ConfigProblem> problems) {
        return breaker("weft.breaker", p, BreakerSettings.DEFAULT, problems);
    }

    /**
     * The settings under {@code prefix} ({@code weft.breaker}, or a service's own {@code weft.services.<name>.breaker}),
     * each key not set there taken from {@code base} (the defaults, or the global settings); problems as above, named
     * by their key under {@code prefix}.
     */
    public BreakerSettings breaker(String prefix, BreakerProperties p, BreakerSettings base, List<ConfigProblem> problems) {
        BreakerProperties b = p == null ? BreakerProperties.NONE : p;
        int window = positive(prefix + ".window-size", b.windowSize(), base.windowSize(), 10_000, problems);
        int minimum = positive(prefix + ".minimum-calls", b.minimumCalls(), Math.min(base.minimumCalls(), window), 10_000, problems);
        if (minimum > window) {
            problems.add(problem(prefix + ".minimum-calls", "must not exceed " + prefix + ".window-size (" + window
                    + "), was " + minimum));
        }
        int rate = positive(prefix + ".failure-rate", b.failureRate(), base.failureRate(), 100, problems);
        Duration open = duration(prefix + ".open-duration", b.openDuration(), base.openDuration(), problems);
        int halfOpen = positive(prefix + ".half-open-calls", b.halfOpenCalls(), base.halfOpenCalls(), 1_000, problems);
        return new BreakerSettings(b.enabled() == null ? base.enabled() : b.enabled(), window, minimum, rate, open, halfOpen);
    }

    /** Reports keys under {@code weft.} that Weft does not know (a typo would otherwise be ignored). */
    public List<ConfigProblem> unknownKeys(Collection<String> keys) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : keys) {
            if (!KnownKeys.isKnown(key)) {
                problems.add(problem(key, "unknown key; known keys are " + KnownKeys.describe(key)));
            }
        }
        return problems;
    }

    /**
     * The unknown keys under {@code weft.} of the ambient environment (environment variables), which never
     * stop start-up: only worth a warning, and not even that for Kubernetes' service-link variables of a
     * Service named {@code weft} ({@code WEFT_PORT=tcp://10.0.0.1:8080}, {@code WEFT_SERVICE_HOST}, ...).
     */
    public List<ConfigProblem> unknownAmbientKeys(Collection<String> keys) {
        return unknownKeys(keys.stream().filter(key -> !KnownKeys.isKubernetesServiceLink(key)).toList());
    }

    /** {@code weft.naming} or a service's {@code naming}: {@code weft} or {@code hasura}; {@code fallback} when not set. */
    private Naming naming(String key, String value, Naming fallback, List<ConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        Optional<Naming> naming = Naming.fromConfig(value);
        if (naming.isEmpty()) {
            problems.add(problem(key, "unknown naming '" + value + "'; one of weft, hasura"));
        }
        return naming.orElse(fallback);
    }

    private Optional<ServiceSettings> resolve(String name, ServiceProperties p, Naming globalNaming, List<ConfigProblem> problems) {
        String base = "weft.services." + name;
        int before = problems.size();
        if (!SERVICE_NAME.matcher(name).matches()) {
            problems.add(problem(base, "service name '" + name + "' must match [a-z][a-z0-9]*"));
        }
        if (p == null) {
            problems.add(problem(base, "has no settings; at least kind and url are required"));
            return Optional.empty();
        }
        Optional<SourceKind> kind = SourceKind.fromConfig(p.kind());
        if (p.kind() == null || p.kind().isBlank()) {
            problems.add(problem(base + ".kind", "missing; one of " + SourceKind.supportedNames()));
        } else if (kind.isEmpty()) {
            problems.add(problem(base + ".kind", "unknown kind '" + p.kind() + "'; one of " + SourceKind.supportedNames()));
        }
        if (p.url() == null || p.url().isBlank()) {
            problems.add(problem(base + ".url", "missing; the JDBC URL of the service"));
        } else if (kind.isPresent() && !kind.get().accepts(p.url())) {
            problems.add(problem(base + ".url", "a " + kind.get().configName() + " service needs a URL starting with "
                    + kind.get().urlPrefixes()));
        } else if (kind.isPresent() && kind.get() == SourceKind.MONGODB && mongoDatabase(p.url()).isEmpty()) {
            problems.add(problem(base + ".url", "a mongodb URL names its database in the path, as in mongodb://127.0.0.1:27017/events"));
        }
        List<Glob> include = globs(base + ".include", p.include() == null ? List.of("*") : p.include(), problems);
        List<Glob> exclude = globs(base + ".exclude", p.exclude() == null ? List.of() : p.exclude(), problems);
        Naming naming = naming(base + ".naming", p.naming(), globalNaming, problems);
        // Hasura names a table by itself, or <schema>_<table> outside PostgreSQL's default schema
        String hasuraPrefix = kind.orElse(null) == SourceKind.POSTGRES && p.schema() != null && !p.schema().isBlank()
                && !p.schema().equals("public") ? GRAPHQL_ILLEGAL.matcher(p.schema()).replaceAll("_") + "_" : "";
        String prefix = p.prefix() != null ? p.prefix() : naming == Naming.HASURA ? hasuraPrefix : name + "_";
        String typePrefix = p.typePrefix() != null ? p.typePrefix() : naming == Naming.HASURA ? hasuraPrefix : pascalCase(name);
        // only values the user wrote: defaults derive from the name, legal whenever the name is (a bad name is reported once)
        if (p.prefix() != null) {
            checkName(base + ".prefix", prefix, problems);
        }
        if (p.typePrefix() != null) {
            checkName(base + ".type-prefix", typePrefix, problems);
        }
        int poolSize = positive(base + ".pool.max-size", p.pool() == null ? null : p.pool().maxSize(),
                ServiceSettings.DEFAULT_POOL_SIZE, 1_000, problems);
        Duration connectionTimeout = duration(base + ".pool.connection-timeout",
                p.pool() == null ? null : p.pool().connectionTimeout(), ServiceSettings.DEFAULT_CONNECTION_TIMEOUT, problems);
        Duration queryTimeout = duration(base + ".query-timeout", p.queryTimeout(),
                ServiceSettings.DEFAULT_QUERY_TIMEOUT, problems);
        int batchSize = positive(base + ".batch-size", p.batchSize(), ServiceSettings.DEFAULT_BATCH_SIZE,
                MAX_BATCH_SIZE, problems);
        int sampleSize = positive(base + ".sample-size", p.sampleSize(), ServiceSettings.DEFAULT_SAMPLE_SIZE,
                MAX_SAMPLE_SIZE, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ServiceSettings(name, kind.orElseThrow(), p.url(), p.username(),
                new Secret(p.password()), blankToNull(p.schema()), include, exclude, prefix, typePrefix,
                poolSize, connectionTimeout, queryTimeout, batchSize, sampleSize, naming));
    }

    private void checkDuplicates(List<ServiceSettings> services, List<ConfigProblem> problems) {
        Map<String, String> rootPrefixes = new HashMap<>();
        Map<String, String> typePrefixes = new HashMap<>();
        for (ServiceSettings s : services) {
            if (s.rootPrefix().isEmpty() && s.typePrefix().isEmpty()) {
                continue; // Hasura's unprefixed names: a clash is two tables' names, which the catalog reports by table
            }
            String other = rootPrefixes.putIfAbsent(s.rootPrefix(), s.name());
            if (other != null) {
                problems.add(problem("weft.services." + s.name() + ".prefix", "prefix '" + s.rootPrefix()
                        + "' is also the prefix of service '" + other + "'; give each service its own"));
            }
            other = typePrefixes.putIfAbsent(s.typePrefix(), s.name());
            if (other != null) {
                problems.add(problem("weft.services." + s.name() + ".type-prefix", "type prefix '" + s.typePrefix()
                        + "' is also the type prefix of service '" + other + "'; give each service its own"));
            }
        }
    }

    private List<Glob> globs(String key, List<String> texts, List<ConfigProblem> problems) {
        List<Glob> globs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Glob.Result result = Glob.parse(texts.get(i));
            if (result.glob().isPresent()) {
                globs.add(result.glob().get());
            } else {
                problems.add(problem(key + "[" + i + "]", "bad glob '" + texts.get(i) + "': " + result.problem()));
            }
        }
        return globs;
    }

    private void checkName(String key, String value, List<ConfigProblem> problems) {
        if (!GRAPHQL_NAME_OR_EMPTY.matcher(value).matches()) {
            problems.add(problem(key, "'" + value + "' is not a legal GraphQL name prefix ([_A-Za-z][_0-9A-Za-z]*)"));
        }
    }

    private int positive(String key, Integer value, int fallback, int max, List<ConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            problems.add(problem(key, "must be between 1 and " + max + ", was " + value));
        }
        return value;
    }

    private Duration duration(String key, Duration value, Duration fallback, List<ConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            problems.add(problem(key, "must be a positive duration such as 10s, was " + readable(value)));
        }
        return value;
    }

    /** {@code 0s}, {@code -5s}, {@code 1500ms}: a duration as a user would write it in YAML. */
    static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toMillis() / 1000 + "s" : d.toMillis() + "ms";
    }

    private ConfigProblem problem(String key, String message) {
        return new ConfigProblem(origins.originOf(key), key, message);
    }

    /**
     * The database a {@code mongodb://} or {@code mongodb+srv://} URL names in its path
     * ({@code mongodb://u:p@h1:27017,h2/events?replicaSet=rs} gives {@code events}), if any.
     */
    public static Optional<String> mongoDatabase(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return Optional.empty();
        }
        String rest = url.substring(scheme + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        return database.isBlank() ? Optional.empty() : Optional.of(java.net.URLDecoder.decode(database,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code employee_status} to {@code EmployeeStatus}; the rule for default type prefixes. */
    public static String pascalCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String word = part.equals(part.toUpperCase(java.util.Locale.ROOT)) ? part.toLowerCase(java.util.Locale.ROOT) : part;
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
