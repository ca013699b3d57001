package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.ops.SourceBreakers;
import dev.weft.reload.FileWatcher;
import dev.weft.reload.Reloader;
import dev.weft.reload.Snapshots;
import dev.weft.reload.SourceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Hot reload (README, "Hot reload"): the serving {@link Served} version behind {@link Snapshots}, which every
 * request reads once; with {@code weft.reload.enabled} (default true) the watch on weft.yml, relationships.yml and
 * access.yml, the {@code weft} Actuator endpoint ({@code GET|POST /actuator/weft/reload}), and, when
 * {@code weft.reload.introspect-interval} is set, a reload that reads every source's tables again at that interval.
 */
@Configuration(proxyBeanMethods = false)
public class HotReloadConfiguration {
    private static final Logger log = LoggerFactory.getLogger(HotReloadConfiguration.class);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    /** The pools and introspected sources of the serving version; start-up fills it. */
    @Bean
    SourceRegistry weftSourceRegistry() {
        return new SourceRegistry();
    }

    @Bean
    ConfigurationReload weftConfigurationReload(ConfigurableEnvironment environment, SourceBreakers breakers,
                                                ObjectProvider<MeterRegistry> meters, WeftSecurity security,
                                                dev.weft.ops.RequestTracing tracing) {
        return new ConfigurationReload(environment, breakers, meters, security, tracing);
    }

    /** The serving version; closed at shutdown (whichever version serves then). */
    @Bean(destroyMethod = "")
    Snapshots<Served> weftSnapshots(WeftRuntime runtime, ConfigurationReload loader, SourceRegistry registry) {
        Served initial = loader.initial(runtime);
        registry.commit();
        return new Snapshots<>(initial, Reloader.version(loader, initial, registry.sources()), DRAIN_TIMEOUT);
    }

    @Bean
    Reloader<Served> weftReloader(Snapshots<Served> snapshots, SourceRegistry registry, ConfigurationReload loader,
                                  ObjectProvider<MeterRegistry> meters) {
        return new Reloader<>(snapshots, registry, loader, meters.getIfAvailable());
    }

    /** Closes the version that serves at shutdown (start-up's runtime may have been replaced). */
    @Bean
    DisposableBean weftServingClose(Snapshots<Served> snapshots) {
        return () -> snapshots.current().runtime().close();
    }

    /** The watch on the configuration files and the introspection interval; none for the embedded demo. */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "weft.reload.enabled", matchIfMissing = true)
    AutoCloseable weftReloadTriggers(Snapshots<Served> snapshots, Reloader<Served> reloader, ConfigurableEnvironment environment) {
        Duration interval = introspectInterval(environment);
        if (Binder.get(environment).bind("weft.services", java.util.Map.class).map(java.util.Map::isEmpty).orElse(true)) {
            log.info("Hot reload: the embedded demo is not watched (its databases are made at start-up)");
            return () -> { };
        }
        ReloadWatch watch = new ReloadWatch(reloader);
        watch.watch(snapshots.current().files());
        snapshots.onSwap(served -> watch.watch(served.files())); // weft.yml may name other files now
        log.info("Hot reload: watching {}{}", snapshots.current().files(), interval == null ? ""
                : "; every " + interval.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + " the sources' tables are read again");
        ScheduledExecutorService timer = interval == null ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("weft-reload-interval").factory());
        if (timer != null) {
            timer.scheduleWithFixedDelay(() -> reloader.reload("interval", true), interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return () -> {
            watch.close();
            if (timer != null) {
                timer.shutdownNow();
            }
        };
    }

    /** The watch on the serving version's files, started again when a reload changes which files those are. */
    static final class ReloadWatch implements AutoCloseable {
        private final Reloader<Served> reloader;
        private FileWatcher watcher;

        ReloadWatch(Reloader<Served> reloader) {
            this.reloader = reloader;
        }

        synchronized void watch(List<java.nio.file.Path> files) {
            if (watcher != null && watcher.files().equals(files)) {
                return;
            }
            close();
            try {
                watcher = FileWatcher.start(files, Duration.ofSeconds(2), Duration.ofMillis(300), changed -> reloader.reload(
                        "file change " + changed.stream().map(p -> p.getFileName().toString()).toList(), false));
            } catch (IOException e) {
                log.error("Hot reload cannot watch {}: {}; POST /actuator/weft/reload still reloads", files, e.toString());
            }
        }

        @Override
        public synchronized void close() {
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "weft.reload.enabled", matchIfMissing = true)
    WeftReloadEndpoint weftReloadEndpoint(Reloader<Served> reloader) {
        return new WeftReloadEndpoint(reloader);
    }

    /** {@code weft.reload.introspect-interval}, null when unset; a mistake fails start-up with its file and line. */
    private static Duration introspectInterval(ConfigurableEnvironment environment) {
        String key = "weft.reload.introspect-interval";
        try {
            Duration interval = Binder.get(environment).bind(key, Duration.class).orElse(null);
            if (interval != null && (interval.isNegative() || interval.toMillis() < 1000)) {
                throw new WeftConfigException(WeftConfiguration.origins(environment).locate(List.of(
                        new ConfigProblem(null, key, "must be at least 1s (or unset: no interval), not " + interval))));
            }
            return interval;
        } catch (BindException e) {
            throw new WeftConfigException(WeftConfiguration.origins(environment).locate(List.of(new ConfigProblem(null, key,
                    "'" + environment.getProperty(key) + "' is not a duration; write e.g. 30s or 5m"))));
        }
    }
}
