package dev.weft.web;

import dev.weft.config.ServiceSettings;
import dev.weft.dialect.H2Dialect;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.PostgresDialect;
import dev.weft.dialect.SqlDialect;
import dev.weft.execute.JdbcPools;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The one place that chooses per kind of source: its dialect, its JDBC driver and driver settings.
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

    static DataSource pool(ServiceSettings settings) {
        return switch (settings.kind()) {
            // stringtype=unspecified lets text bind to enum, uuid and json columns
            case POSTGRES -> JdbcPools.create(settings, "org.postgresql.Driver",
                    settings.url().contains("stringtype") ? Map.of() : Map.of("stringtype", "unspecified"));
            case MARIADB -> JdbcPools.create(settings, "org.mariadb.jdbc.Driver", Map.of());
            case MYSQL -> JdbcPools.create(settings, "com.mysql.cj.jdbc.Driver", Map.of());
            case H2 -> JdbcPools.create(settings, "org.h2.Driver", Map.of());
        };
    }
}
