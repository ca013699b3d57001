package dev.weft.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Source;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {
    private final AtomicInteger reads = new AtomicInteger();

    /** A pool stand-in that only knows whether it was closed. */
    static final class Pool implements DataSource, AutoCloseable {
        final String url;
        boolean closed;

        Pool(ServiceSettings settings) {
            url = settings.url();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private static ServiceSettings service(String name, String database) {
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, Map.of(name, new ServiceProperties(
                "postgres", "jdbc:postgresql://127.0.0.1/" + database, "u", "p", null, null, null, null, null, null, null, null, null, null))))
                .get(0);
    }

    private Source read(ServiceSettings settings) {
        reads.incrementAndGet();
        return new Source(settings, List.of());
    }

    @Test
    void unchangedServicesKeepTheirPoolAndTablesChangedAndRemovedOnesAreRetired() throws Exception {
        SourceRegistry registry = new SourceRegistry();
        ServiceSettings hr = service("hr", "hr");
        ServiceSettings pm = service("pm", "pm");
        Pool hrPool = (Pool) registry.pool(hr, Pool::new);
        Pool pmPool = (Pool) registry.pool(pm, Pool::new);
        registry.source(hr, () -> read(hr));
        registry.source(pm, () -> read(pm));
        registry.commit();
        assertThat(reads.get()).isEqualTo(2);

        registry.begin(false);
        ServiceSettings hrAgain = service("hr", "hr"); // equal settings, read again from the file
        ServiceSettings pmMoved = service("pm", "pm2");
        assertThat(registry.pool(hrAgain, Pool::new)).isSameAs(hrPool);
        Pool pmNew = (Pool) registry.pool(pmMoved, Pool::new);
        assertThat(pmNew).isNotSameAs(pmPool);
        registry.source(hrAgain, () -> read(hrAgain));
        registry.source(pmMoved, () -> read(pmMoved));
        assertThat(reads.get()).as("only the changed service is introspected").isEqualTo(3);
        SourceRegistry.Commit commit = registry.commit();
        assertThat(commit.retired()).containsExactly(pmPool);
        assertThat(commit.shared()).containsExactly("hr");
        assertThat(commit.replacements()).as("pm's new pool replaces its old one").containsExactly(pmNew);
        assertThat(pmPool.closed).as("closed by the caller once the old version drained, not by the commit").isFalse();

        registry.begin(true); // POST reload: every source read again
        registry.pool(hrAgain, Pool::new);
        registry.source(hrAgain, () -> read(hrAgain));
        assertThat(reads.get()).isEqualTo(4);
        commit = registry.commit();
        assertThat(commit.retired()).containsExactly(pmNew);
        assertThat(commit.replacements()).as("pm is gone, not replaced").isEmpty();
        assertThat(registry.pool("pm")).isEmpty();
        assertThat(registry.pool("hr")).containsSame(hrPool);
    }

    @Test
    void anAbandonedBuildClosesOnlyThePoolsItCreated() {
        SourceRegistry registry = new SourceRegistry();
        ServiceSettings hr = service("hr", "hr");
        Pool hrPool = (Pool) registry.pool(hr, Pool::new);
        registry.commit();

        registry.begin(false);
        registry.pool(hr, Pool::new);
        Pool fresh = (Pool) registry.pool(service("pm", "pm"), Pool::new);
        registry.abandon();
        assertThat(fresh.closed).isTrue();
        assertThat(hrPool.closed).isFalse();
        assertThat(registry.pool("hr")).containsSame(hrPool);
        assertThat(registry.pool("pm")).isEmpty();
    }
}
