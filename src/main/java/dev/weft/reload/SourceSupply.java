package dev.weft.reload;

import dev.weft.catalog.Source;
import dev.weft.config.ServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where a runtime being built gets the pools of its SQL services and the introspected tables of every
 * service: new ones ({@link #fresh()}), or those of the version that serves when a service's settings did not
 * change ({@link SourceRegistry}). A build that fails calls {@link #abandon()}, which closes only what it created.
 *
 * <pre>{@code
 * DataSource pool = supply.pool(settings, SourceFactory::pool);
 * Source source = supply.source(settings, () -> introspector.read(pool));
 * }</pre>
 */
public interface SourceSupply {
    /** The pool of {@code settings}: made by {@code create}, or one that serves already with the same settings. */
    DataSource pool(ServiceSettings settings, Function<ServiceSettings, DataSource> create);

    /** The tables of {@code settings}: read by {@code read}, or those read before with the same settings. */
    Source source(ServiceSettings settings, Callable<Source> read) throws Exception;

    /** The build failed: closes the pools it created; those it reused serve on. */
    void abandon();

    /** Creates every pool and reads every source; {@link #abandon()} closes every pool it created. */
    static SourceSupply fresh() {
        return new SourceSupply() {
            private final List<DataSource> created = new ArrayList<>();

            @Override
            public synchronized DataSource pool(ServiceSettings settings, Function<ServiceSettings, DataSource> create) {
                DataSource pool = create.apply(settings);
                created.add(pool);
                return pool;
            }

            @Override
            public Source source(ServiceSettings settings, Callable<Source> read) throws Exception {
                return read.call();
            }

            @Override
            public synchronized void abandon() {
                created.forEach(SourceRegistry::close);
                created.clear();
            }
        };
    }
}
