package dev.weft.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.weft.execute.activity.Activity;
import dev.weft.execute.activity.ActivityListener;
import dev.weft.execute.activity.StatementRun;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers queries marked {@code @cached} from a Caffeine tier in the instance and, when given, a
 * {@link SharedTier} (Redis) shared by every instance; any other request runs as it is, and when it wrote
 * tables (a mutation) the entries that read them are evicted on every instance. Responses with errors are
 * not kept. A request's outcome, {@code hit} or {@code miss}, is put in its GraphQL context under
 * {@link #STATUS_KEY} (the HTTP layer's {@code X-Weft-Cache} header). Meters: {@code weft.cache.requests}
 * (tag {@code result}: hit, miss) and {@code weft.cache.shared.failures} (the shared tier failed: answered
 * from this instance alone; logged).
 *
 * <pre>{@code
 * ResponseCache cache = new ResponseCache(settings, new RedisTier(...), registry);
 * ExecutionResult r = cache.execute(input, caller, policy, version, () -> runtime.executeAsync(input, caller, true)).join();
 * input.getGraphQLContext().get(ResponseCache.STATUS_KEY);   // "miss", then "hit" for the same query
 * }</pre>
 */
public final class ResponseCache implements AutoCloseable {
    public static final String STATUS_KEY = ResponseCache.class.getName() + ".status";
    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);
    private static final long BACKOFF_NANOS = 5_000_000_000L; // after a failure, Redis is left alone this long
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** A kept response: its JSON body's map, when it expires (epoch millis) and the tables it read. */
    record Entry(Map<String, Object> response, long expiresAtMillis, List<String> tables) {
    }

    private final int maxTtlSeconds;
    private final SharedTier shared;
    private final Cache<String, Entry> local;
    private final Map<String, Set<String>> keysByTable = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter sharedFailures;
    private volatile long sharedDownUntil;

    /**
     * @param shared the tier every instance shares, or null for this instance's alone
     */
    public ResponseCache(int maxTtlSeconds, long maxEntries, SharedTier shared, MeterRegistry registry) {
        this.maxTtlSeconds = maxTtlSeconds;
        this.shared = shared;
        MeterRegistry meters = registry == null ? new SimpleMeterRegistry() : registry;
        this.hits = Counter.builder("weft.cache.requests").tag("result", "hit").description("@cached queries by outcome").register(meters);
        this.misses = Counter.builder("weft.cache.requests").tag("result", "miss").description("@cached queries by outcome").register(meters);
        this.sharedFailures = Counter.builder("weft.cache.shared.failures")
                .description("calls to the shared cache (Redis) that failed; the instance's own tier answered").register(meters);
        this.local = Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry entry, long now) {
                return Math.max(0, entry.expiresAtMillis() - System.currentTimeMillis()) * 1_000_000L;
            }

            @Override
            public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                return expireAfterCreate(key, entry, now);
            }

            @Override
            public long expireAfterRead(String key, Entry entry, long now, long current) {
                return current;
            }
        }).removalListener((String key, Entry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
            if (key != null && entry != null) {
                entry.tables().forEach(t -> keysByTable.computeIfPresent(t, (table, keys) -> {
                    keys.remove(key);
                    return keys.isEmpty() ? null : keys;
                }));
            }
        }).build();
        if (shared != null) {
            sharedCall(() -> {
                shared.listen(this::evictLocal, local::invalidate);
                return null;
            });
        }
    }

    /**
     * Runs {@code run} (the request as {@code caller}), or answers from the cache when the request is a
     * query marked {@code @cached} answered within its ttl.
     *
     * @param policy  the caller's role (its row filters' claims are part of the key); null without access control
     * @param version the version of the configuration that runs the request (a hash of its files): a reload
     *                starts new entries
     */
    public CompletableFuture<ExecutionResult> execute(ExecutionInput input, Caller caller, RolePolicy policy, String version,
                                                      Supplier<CompletableFuture<ExecutionResult>> run) {
        CacheRequest request = CacheRequest.of(input, caller, policy, version, maxTtlSeconds);
        Tables tables = new Tables(request != null);
        if (request == null) {
            return Activity.during(tables, run).whenComplete((result, failure) -> {
                if (!tables.written.isEmpty()) {
                    evict(tables.written);
                }
            });
        }
        if (!request.refresh()) {
            Entry entry = lookup(request.key());
            if (entry != null) {
                hits.increment();
                input.getGraphQLContext().put(STATUS_KEY, "hit");
                return CompletableFuture.completedFuture(result(entry.response()));
            }
        }
        misses.increment();
        input.getGraphQLContext().put(STATUS_KEY, "miss");
        return Activity.during(tables, run).thenApply(result -> {
            if (result.getErrors().isEmpty() && result.isDataPresent() && tables.written.isEmpty()) {
                store(request, result.toSpecification(), List.copyOf(tables.read));
            }
            return result;
        });
    }

    private Entry lookup(String key) {
        Entry entry = local.getIfPresent(key);
        if (entry != null || shared == null) {
            return entry;
        }
        String json = sharedCall(() -> shared.get(key));
        if (json == null) {
            return null;
        }
        Entry found;
        try {
            found = JSON.readValue(json, Entry.class);
        } catch (RuntimeException e) {
            log.warn("an entry of the shared response cache cannot be read; answering without it: {}", e.toString());
            return null;
        }
        if (found.expiresAtMillis() <= System.currentTimeMillis()) {
            return null;
        }
        keep(key, found);
        return found;
    }

    private void store(CacheRequest request, Map<String, Object> response, List<String> tables) {
        Entry entry = new Entry(response, System.currentTimeMillis() + request.ttlSeconds() * 1000L, tables);
        keep(request.key(), entry);
        if (shared != null) {
            String json = JSON.writeValueAsString(entry);
            sharedCall(() -> {
                shared.put(request.key(), json, request.ttlSeconds(), tables, request.refresh());
                return null;
            });
        }
    }

    private void keep(String key, Entry entry) {
        entry.tables().forEach(t -> keysByTable.computeIfAbsent(t, x -> ConcurrentHashMap.newKeySet()).add(key));
        local.put(key, entry);
    }

    /** Drops the entries that read these tables, here and (through the shared tier) on every instance. */
    public void evict(Set<String> tables) {
        tables.forEach(this::evictLocal);
        if (shared != null) {
            sharedCall(() -> {
                shared.evict(tables);
                return null;
            });
        }
    }

    private void evictLocal(String table) {
        Set<String> keys = keysByTable.remove(table);
        if (keys != null) {
            local.invalidateAll(keys);
        }
    }

    /** Calls the shared tier; a failure is logged, counted and answered with null, and Redis rests a while. */
    private <T> T sharedCall(Supplier<T> call) {
        if (System.nanoTime() < sharedDownUntil) {
            sharedFailures.increment();
            return null;
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            sharedDownUntil = System.nanoTime() + BACKOFF_NANOS;
            sharedFailures.increment();
            log.warn("the shared response cache (Redis) failed; answering from this instance's cache for 5 s: {}",
                    e.toString());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static ExecutionResult result(Map<String, Object> response) {
        ExecutionResultImpl.Builder<?> builder = ExecutionResultImpl.newExecutionResult().data(response.get("data"));
        if (response.get("extensions") instanceof Map<?, ?> extensions) {
            builder.extensions((Map<Object, Object>) extensions);
        }
        return builder.build();
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }

    /** The tables a request wrote, and read when its answer is to be kept, as its statements report them. */
    private static final class Tables implements ActivityListener {
        final Set<String> read = java.util.Collections.synchronizedSet(new TreeSet<>());
        final Set<String> written = java.util.Collections.synchronizedSet(new TreeSet<>());
        private final boolean keepsReads;

        /** {@code keepsReads}: the answer is cached, under the tables it read (else only writes matter: they evict). */
        Tables(boolean keepsReads) {
            this.keepsReads = keepsReads;
        }

        @Override
        public void statement(StatementRun statement) {
            if (statement.write()) {
                written.add(String.valueOf(statement.table()));
            } else if (keepsReads) {
                read.add(String.valueOf(statement.table()));
            }
        }
    }
}
