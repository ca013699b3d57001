package dev.weft.reload;

import dev.weft.catalog.Source;
import dev.weft.config.ServiceSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools and introspected sources of the serving version, by service name, for the next build to reuse:
 * a service whose settings are equal keeps its pool (and, unless the build re-reads every source, its
 * tables); a new or changed one gets a new pool and is introspected. One build at a time: {@link #begin},
 * the build ({@link SourceSupply} calls), then {@link #commit()} when the new version serves or
 * {@link #abandon()} when it was refused. The first build (start-up) needs no {@code begin}.
 *
 * <pre>{@code
 * registry.begin(false);
 * Runtime next = build(registry);                 // pool() and source() reuse what did not change
 * Commit commit = registry.commit();
 * snapshots.swap(next, version, old -> commit.retired().forEach(SourceRegistry::close));
 * }</pre>
 */
public final class SourceRegistry implements SourceSupply {
    private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);

    private record Pooled(ServiceSettings settings, DataSource pool) {
    }

    private Map<String, Pooled> pools = new LinkedHashMap<>();
    private Map<String, Source> sources = new HashMap<>();
    private Map<String, Pooled> nextPools = new LinkedHashMap<>();
    private Map<String, Source> nextSources = new HashMap<>();
    private boolean reread = true;

    /**
     * What a committed build changed: the pools the old version alone used (close them once its requests are
     * done), the names of the services whose pool both versions share (the old version must not close them), and
     * the new pools that replace a retired one of the same service (their meters are bound again once it closed).
     */
    public record Commit(List<DataSource> retired, Set<String> shared, List<DataSource> replacements) {
    }

    /** Starts a build; {@code reread}: introspect every source again (a change in a database), not only changed ones. */
    public synchronized void begin(boolean reread) {
        this.reread = reread;
        nextPools = new LinkedHashMap<>();
        nextSources = new HashMap<>();
    }

    @Override
    public synchronized DataSource pool(ServiceSettings settings, Function<ServiceSettings, DataSource> create) {
        Pooled serving = pools.get(settings.name());
        Pooled pooled = serving != null && serving.settings().equals(settings) ? serving
                : new Pooled(settings, create.apply(settings));
        nextPools.put(settings.name(), pooled);
        return pooled.pool();
    }

    @Override
    public Source source(ServiceSettings settings, Callable<Source> read) throws Exception {
        Source known;
        synchronized (this) {
            known = reread ? null : sources.get(settings.name());
        }
        Source source = known != null && known.settings().equals(settings) ? known : read.call();
        synchronized (this) {
            nextSources.put(settings.name(), source);
        }
        return source;
    }

    @Override
    public synchronized void abandon() {
        nextPools.forEach((name, pooled) -> {
            if (pools.get(name) != pooled) {
                close(pooled.pool());
            }
        });
        nextPools = new LinkedHashMap<>();
        nextSources = new HashMap<>();
    }

    /** The build serves: its pools and sources are now the ones to reuse. */
    public synchronized Commit commit() {
        List<DataSource> retired = pools.entrySet().stream()
                .filter(e -> nextPools.get(e.getKey()) != e.getValue())
                .map(e -> e.getValue().pool()).toList();
        Set<String> shared = pools.entrySet().stream()
                .filter(e -> nextPools.get(e.getKey()) == e.getValue())
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
        List<DataSource> replacements = nextPools.entrySet().stream()
                .filter(e -> pools.containsKey(e.getKey()) && pools.get(e.getKey()) != e.getValue())
                .map(e -> e.getValue().pool()).toList();
        pools = nextPools;
        sources = nextSources;
        nextPools = new LinkedHashMap<>();
        nextSources = new HashMap<>();
        return new Commit(retired, shared, replacements);
    }

    /** The services whose pools the build in progress uses. */
    public synchronized Set<String> pendingPools() {
        return Set.copyOf(nextPools.keySet());
    }

    /** The sources of the build in progress. */
    public synchronized List<Source> pendingSources() {
        return List.copyOf(nextSources.values());
    }

    /** The serving pool of a service, if it is a SQL service (for tests and diagnostics). */
    public synchronized java.util.Optional<DataSource> pool(String service) {
        return java.util.Optional.ofNullable(pools.get(service)).map(Pooled::pool);
    }

    /** The introspected sources of the serving version, in no order. */
    public synchronized List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** Closes a pool (a HikariCP pool is AutoCloseable); a failure is logged, never thrown. */
    public static void close(DataSource pool) {
        if (pool instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing a pool failed: {}", e.toString());
            }
        }
    }
}
