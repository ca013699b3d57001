package dev.weft.web;

import dev.weft.config.ServiceSettings;
import dev.weft.dialect.Db2Dialect;
import dev.weft.dialect.H2Dialect;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.PostgresDialect;
import dev.weft.dialect.SqlDialect;
import dev.weft.execute.DialectProbe;
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
            case DB2 -> new Db2Dialect();
            case H2 -> new H2Dialect();
            case MONGODB -> throw new IllegalArgumentException("MongoDB is not a SQL dialect: " + settings.name());
        };
    }

    /**
     * Whether the service is a MongoDB database, served through the driver by {@link MongoSources}
     * (introspection by sampling, {@code MongoSourceExecutor}) rather than through a JDBC pool.
     */
    static boolean isMongo(ServiceSettings settings) {
        return switch (settings.kind()) {
            case MONGODB -> true;
            case POSTGRES, MARIADB, MYSQL, DB2, H2 -> false;
        };
    }

    /** The dialect of {@link #dialect}, probed once on the service's pool for what varies by server (see {@link DialectProbe}). */
    static SqlDialect probedDialect(ServiceSettings settings, DataSource pool) {
        return DialectProbe.probe(dialect(settings), pool, settings.name());
    }

    /** The types PostgreSQL's driver would receive in binary that Weft reads as text: its binary arrays, point and box. */
    static final String TEXT_READ_BINARY_TYPES = "BYTEA_ARRAY,INT2_ARRAY,INT4_ARRAY,INT8_ARRAY,OID_ARRAY,FLOAT4_ARRAY,"
            + "FLOAT8_ARRAY,VARCHAR_ARRAY,TEXT_ARRAY,POINT,BOX";

    static DataSource pool(ServiceSettings settings) {
        Map<String, String> properties = new HashMap<>();
        switch (settings.kind()) {
            case POSTGRES -> {
                // stringtype=unspecified lets text bind to enum, uuid and json columns
                putUnlessInUrl(settings, properties, "stringtype", "unspecified");
                putUnlessInUrl(settings, properties, "options", "-c statement_timeout=" + settings.queryTimeout().toMillis());
                // arrays, point and box are read as text (getString); in binary, which the driver asks for once a
                // statement is prepared on the server, it would spell them otherwise ({"1","2"} for {1,2})
                putUnlessInUrl(settings, properties, "binaryTransferDisable", TEXT_READ_BINARY_TYPES);
            }
            case MARIADB -> putUnlessInUrl(settings, properties, "sessionVariables",
                    "max_statement_time=" + settings.queryTimeout().toMillis() / 1000.0);
            // JCC enforces the JDBC query timeout by closing the socket (2) rather than by asking the server to
            // cancel the statement (1, its default), which only DB2 itself supports: the timeout then holds on
            // every DRDA server; a timed-out connection is replaced by the pool. The URL may choose 1.
            case DB2 -> putUnlessInUrl(settings, properties, "queryTimeoutInterruptProcessingMode", "2");
            default -> { }
        }
        return JdbcPools.create(settings, switch (settings.kind()) {
            case POSTGRES -> "org.postgresql.Driver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
            case MYSQL -> "com.mysql.cj.jdbc.Driver";
            case DB2 -> "com.ibm.db2.jcc.DB2Driver";
            case H2 -> "org.h2.Driver";
            case MONGODB -> throw new IllegalArgumentException("MongoDB has no JDBC pool: " + settings.name());
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
