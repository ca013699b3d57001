package dev.weft.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.weft.config.ServiceSettings;
import dev.weft.dialect.H2Dialect;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.PostgresDialect;
import dev.weft.dialect.SqlDialect;

/**
 * The one place that chooses per kind of source: its dialect, its JDBC driver and its pool settings.
 * Everything else asks the dialect's capabilities.
 */
final class SourceFactory {

    private SourceFactory() {
    }

    static SqlDialect dialect(ServiceSettings settings) {
        return switch (settings.kind()) {
            case POSTGRES -> new PostgresDialect();
            case MARIADB, MYSQL -> new MySqlDialect();
            case H2 -> new H2Dialect();
        };
    }

    /** A HikariCP pool that does not fail when the source is down; it reconnects when the source is back. */
    static HikariDataSource pool(ServiceSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("weft-" + settings.name());
        config.setJdbcUrl(settings.url());
        config.setDriverClassName(switch (settings.kind()) {
            case POSTGRES -> "org.postgresql.Driver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
            case MYSQL -> "com.mysql.cj.jdbc.Driver";
            case H2 -> "org.h2.Driver";
        });
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password().isPresent()) {
            config.setPassword(settings.password().value());
        }
        if (settings.kind() == dev.weft.config.SourceKind.POSTGRES && !settings.url().contains("stringtype")) {
            config.addDataSourceProperty("stringtype", "unspecified"); // lets text bind to enum, uuid and json columns
        }
        config.setMaximumPoolSize(settings.poolMaxSize());
        config.setMinimumIdle(Math.min(2, settings.poolMaxSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
