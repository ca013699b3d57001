package dev.weft.execute;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.weft.config.ServiceSettings;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Creates the HikariCP pool of a SQL service. The pool does not fail when the source is down at
 * creation; it reconnects as soon as the source answers again, so a source that comes back is used
 * without a restart. Waiting for a connection is bounded by the service's {@code pool.connection-timeout}.
 */
public final class JdbcPools {

    private JdbcPools() {
    }

    /**
     * @param driverClassName the JDBC driver the service's kind uses
     * @param driverProperties properties for the driver, e.g. PostgreSQL's {@code stringtype}
     */
    public static DataSource create(ServiceSettings settings, String driverClassName, Map<String, String> driverProperties) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(driverProperties);
        DataSource driver = new com.zaxxer.hikari.util.DriverDataSource(settings.url(), driverClassName, properties,
                settings.username(), settings.password().value());
        HikariConfig config = new HikariConfig();
        config.setPoolName("weft-" + settings.name());
        // given as a DataSource, not a JDBC URL: HikariCP would set its login timeout on DriverManager, shared
        // by every pool of the JVM, so the last service's connection-timeout would bound every other's log-ins
        config.setDataSource(new OwnLoginTimeout(driver));
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password().isPresent()) {
            config.setPassword(settings.password().value());
        }
        config.setMaximumPoolSize(settings.poolMaxSize());
        config.setMinimumIdle(Math.min(2, settings.poolMaxSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setInitializationFailTimeout(-1);
        return new RecoveringPool(config, driver);
    }

    /** A driver's DataSource whose login timeout is its own, never DriverManager's (which the whole JVM shares). */
    private static final class OwnLoginTimeout implements DataSource {
        private final DataSource driver;
        private volatile int loginTimeoutSeconds;

        OwnLoginTimeout(DataSource driver) {
            this.driver = driver;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return driver.getConnection();
        }

        @Override
        public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
            return driver.getConnection(username, password);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeoutSeconds = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeoutSeconds;
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            throw new java.sql.SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new java.sql.SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }

    /**
     * HikariCP retries a source that failed with a backoff growing to 5 s, so after an outage the pool may
     * sleep through the moment the source answers again and a request would time out although the
     * source is back. When the pool times out holding no connection at all (the source was down; a pool
     * that is merely busy is left alone, so max-size still holds), one direct connection is tried, and
     * used if it opens.
     */
    private static final class RecoveringPool extends HikariDataSource {
        private final DataSource direct;

        RecoveringPool(HikariConfig config, DataSource direct) {
            super(config);
            this.direct = direct;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            try {
                return super.getConnection();
            } catch (java.sql.SQLTransientConnectionException timedOut) {
                if (getHikariPoolMXBean() == null || getHikariPoolMXBean().getTotalConnections() > 0) {
                    throw timedOut;
                }
                try {
                    return direct.getConnection();
                } catch (java.sql.SQLException | RuntimeException stillDown) {
                    timedOut.addSuppressed(stillDown);
                    throw timedOut;
                }
            }
        }
    }

    /** Closes a pool made by {@link #create}; anything else is left alone. */
    public static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
