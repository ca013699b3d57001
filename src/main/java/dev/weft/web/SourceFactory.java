package dev.weft.web;

import dev.weft.config.ServiceSettings;
import dev.weft.dialect.H2Dialect;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.PostgresDialect;
import dev.weft.dialect.SqlDialect;
import dev.weft.execute.JdbcPools;
import java.util.HashMap;
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
        Map<String, String> properties = new HashMap<>();
        switch (settings.kind()) {
            case POSTGRES -> {
                // stringtype=unspecified lets text bind to enum, uuid and json columns
                putUnlessInUrl(settings, properties, "stringtype", "unspecified");
                putUnlessInUrl(settings, properties, "options", "-c statement_timeout=" + settings.queryTimeout().toMillis());
            }
            case MARIADB -> putUnlessInUrl(settings, properties, "sessionVariables",
                    "max_statement_time=" + settings.queryTimeout().toMillis() / 1000.0);
            default -> { }
        }
        return JdbcPools.create(settings, switch (settings.kind()) {
            case POSTGRES -> "org.postgresql.Driver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
            case MYSQL -> "com.mysql.cj.jdbc.Driver";
            case H2 -> "org.h2.Driver";
        }, properties);
    }

    /**
     * Whether the pool of {@link #pool} sets the query timeout on the server, so that executors need not
     * arm a JDBC timer per statement (a shared, synchronized timer in the drivers).
     */
    static boolean serverEnforcesTimeout(ServiceSettings settings) {
        return switch (settings.kind()) {
            case POSTGRES -> !settings.url().contains("options=");
            case MARIADB -> !settings.url().contains("sessionVariables=");
            default -> false;
        };
    }

    private static void putUnlessInUrl(ServiceSettings settings, Map<String, String> properties, String key, String value) {
        if (!settings.url().contains(key + "=")) {
            properties.put(key, value);
        }
    }
}
