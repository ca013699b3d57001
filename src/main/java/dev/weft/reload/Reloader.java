package dev.weft.reload;

import dev.weft.catalog.Source;
import dev.weft.config.ConfigProblem;
import dev.weft.config.Redaction;
import dev.weft.config.WeftConfigException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration again and, when it is valid, swaps the new version in ({@link Snapshots#swap}); when
 * it is not, logs every problem with its file and line and keeps the serving version. One reload at a time.
 * Pools of services whose settings did not change are reused ({@link SourceRegistry}); those of removed or
 * changed services are closed once the old version's requests are done. Counts every attempt on
 * {@code weft.reload} (tag {@code outcome}: loaded, unchanged, refused).
 *
 * <pre>{@code
 * Reloader<Runtime> reloader = new Reloader<>(snapshots, registry, loader, meterRegistry);
 * ReloadStatus status = reloader.reload("endpoint", true);   // true: read every source's tables again
 * if (status.refused()) status.problems().forEach(System.out::println);
 * }</pre>
 */
public final class Reloader<T> {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    /** Builds versions of the runtime; Spring's side of the reload. */
    public interface Loader<T> {
        /**
         * Builds a new version from the configuration as it is now, with its pools and sources from {@code supply}.
         *
         * @throws WeftConfigException with every problem, each located at its file and line
         */
        T load(SourceSupply supply);

        /** A hash of the configuration {@code value} was built from (its files' content). */
        String configuration(T value);

        /** Closes what {@code old} alone holds: everything but the pools of the services in {@code sharedPools}. */
        void release(T old, Set<String> sharedPools);

        /** {@code pool} replaced a pool of the same service, which is closed now (to bind its meters again). */
        default void replaced(javax.sql.DataSource pool) {
        }
    }

    private final Snapshots<T> snapshots;
    private final SourceRegistry registry;
    private final Loader<T> loader;
    private final MeterRegistry meters;
    private volatile ReloadStatus status;

    public Reloader(Snapshots<T> snapshots, SourceRegistry registry, Loader<T> loader, MeterRegistry meters) {
        this.snapshots = snapshots;
        this.registry = registry;
        this.loader = loader;
        this.meters = meters;
        this.status = ReloadStatus.started(snapshots.latest());
    }

    /** The version of {@code value} built from sources now in {@code registry}: its configuration's hash and its tables'. */
    public static <T> String version(Loader<T> loader, T value, List<Source> sources) {
        String tables = sources.stream().sorted(Comparator.comparing(s -> s.settings().name()))
                .map(Source::toString).collect(Collectors.joining("\n"));
        return FileWatcher.sha256((loader.configuration(value) + "\n" + tables).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    public ReloadStatus status() {
        return status;
    }

    /**
     * Reloads now.
     *
     * @param trigger what asked, for the log and the status
     * @param reread whether to introspect every source again (a change in a database) rather than only the
     *               services whose settings changed
     */
    public synchronized ReloadStatus reload(String trigger, boolean reread) {
        long start = System.nanoTime();
        Snapshot<T> serving = snapshots.latest();
        registry.begin(reread);
        T next;
        try {
            next = loader.load(registry);
        } catch (WeftConfigException e) {
            registry.abandon();
            return refused(trigger, start, e.problems(), serving);
        } catch (RuntimeException e) {
            registry.abandon();
            return refused(trigger, start, List.of(new ConfigProblem(null, null,
                    "the new configuration could not be loaded: " + Redaction.redact(String.valueOf(e.getMessage())))), serving);
        }
        String version = version(loader, next, registry.pendingSources());
        if (version.equals(serving.version())) {
            Set<String> pending = registry.pendingPools();
            registry.abandon();
            loader.release(next, pending);
            return finish(new ReloadStatus(serving.version(), serving.loadedAt(), ReloadStatus.UNCHANGED, trigger, Instant.now(),
                    millis(start), List.of()));
        }
        SourceRegistry.Commit commit = registry.commit();
        Snapshot<T> loaded = snapshots.swap(next, version, old -> {
            loader.release(old, commit.shared());
            commit.retired().forEach(SourceRegistry::close);
            commit.replacements().forEach(loader::replaced);
        });
        log.info("Reloaded the configuration ({}): version {} serves, replacing {} (requests in flight finish on it); took {} ms",
                trigger, version, serving.version(), millis(start));
        return finish(new ReloadStatus(version, loaded.loadedAt(), ReloadStatus.LOADED, trigger, Instant.now(), millis(start),
                List.of()));
    }

    private ReloadStatus refused(String trigger, long start, List<ConfigProblem> problems, Snapshot<T> serving) {
        List<String> described = ReloadStatus.describe(problems);
        log.error("Reload ({}) refused, version {} serves on: {} {}{}", trigger, serving.version(), problems.size(),
                problems.size() == 1 ? "problem" : "problems",
                described.stream().map(p -> "\n  - " + p).collect(Collectors.joining()));
        return finish(new ReloadStatus(serving.version(), serving.loadedAt(), ReloadStatus.REFUSED, trigger, Instant.now(),
                millis(start), described));
    }

    private ReloadStatus finish(ReloadStatus outcome) {
        status = outcome;
        if (meters != null) {
            Counter.builder("weft.reload").description("Reloads of the configuration, by outcome")
                    .tag("outcome", outcome.outcome()).register(meters).increment();
        }
        return outcome;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
