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
        HikariConfig config = new HikariConfig();
        config.setPoolName("weft-" + settings.name());
        config.setJdbcUrl(settings.url());
        config.setDriverClassName(driverClassName);
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password().isPresent()) {
            config.setPassword(settings.password().value());
        }
        driverProperties.forEach(config::addDataSourceProperty);
        config.setMaximumPoolSize(settings.poolMaxSize());
        config.setMinimumIdle(Math.min(2, settings.poolMaxSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Closes a pool made by {@link #create}; anything else is left alone. */
    public static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
