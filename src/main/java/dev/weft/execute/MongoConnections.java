package dev.weft.execute;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.weft.config.ServiceSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.UuidRepresentation;

/**
 * Opens the MongoDB client of a {@code kind: mongodb} service with the official driver. The URL is a
 * {@code mongodb://} (or {@code mongodb+srv://}) connection string whose path names the database; every
 * option it carries stands. The service keys fill in what it leaves out:
 * <ul>
 *   <li>{@code username}/{@code password}: used when the URL has no credentials, against the URL's
 *       {@code authSource}, else its database (the driver's own default);</li>
 *   <li>{@code pool.max-size}: the connection pool's size ({@code maxPoolSize});</li>
 *   <li>{@code pool.connection-timeout}: server selection, connect and pool wait timeouts;</li>
 *   <li>{@code query-timeout}: {@code maxTimeMS} of every command (see {@link MongoSourceExecutor}) and, with
 *       {@link #READ_GRACE} added for the server's own timeout error to arrive, the socket's read timeout
 *       ({@link #readTimeout}), so a server that ignores {@code maxTimeMS} (mongo-java-server does) cannot hold a
 *       request longer;</li>
 *   <li>reads are not retried ({@code retryReads=false}) unless the URL asks for it: a read that timed out is
 *       still running at a server that ignores {@code maxTimeMS}, and retrying it doubles that server's load at the
 *       moment it is already too slow, and the request's time.</li>
 * </ul>
 * UUIDs use the standard binary representation (subtype 4).
 *
 * <pre>{@code
 * MongoClient client = MongoConnections.create(settings);
 * MongoDatabase events = MongoConnections.database(client, settings);
 * }</pre>
 */
public final class MongoConnections {

    /** What the socket waits beyond {@code query-timeout}: time for the server's own timeout error to arrive. */
    public static final Duration READ_GRACE = Duration.ofMillis(500);

    private MongoConnections() {
    }

    /** How long a request waits for the server's answer: the URL's {@code socketTimeoutMS}, else query-timeout plus grace. */
    public static Duration readTimeout(ServiceSettings settings) {
        Integer fromUrl = new ConnectionString(settings.url()).getSocketTimeout();
        return fromUrl != null && fromUrl > 0 ? Duration.ofMillis(fromUrl) : settings.queryTimeout().plus(READ_GRACE);
    }

    public static MongoClient create(ServiceSettings settings) {
        ConnectionString url = new ConnectionString(settings.url());
        long connectMillis = settings.connectionTimeout().toMillis();
        long readMillis = readTimeout(settings).toMillis();
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applicationName("weft")
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyConnectionString(url);
        if (url.getRetryReads() == null) {
            builder.retryReads(false);
        }
        if (url.getServerSelectionTimeout() == null) {
            builder.applyToClusterSettings(c -> c.serverSelectionTimeout(connectMillis, TimeUnit.MILLISECONDS));
        }
        if (url.getConnectTimeout() == null || url.getSocketTimeout() == null) {
            builder.applyToSocketSettings(s -> {
                if (url.getConnectTimeout() == null) {
                    s.connectTimeout((int) connectMillis, TimeUnit.MILLISECONDS);
                }
                if (url.getSocketTimeout() == null) {
                    s.readTimeout((int) readMillis, TimeUnit.MILLISECONDS);
                }
            });
        }
        builder.applyToConnectionPoolSettings(p -> {
            if (url.getMaxConnectionPoolSize() == null) {
                p.maxSize(settings.poolMaxSize());
            }
            if (url.getMaxWaitTime() == null) {
                p.maxWaitTime(connectMillis, TimeUnit.MILLISECONDS);
            }
        });
        if (url.getCredential() == null && settings.username() != null && !settings.username().isBlank()) {
            String source = authSource(settings.url(), url.getDatabase());
            char[] password = settings.password().isPresent() ? settings.password().value().toCharArray() : new char[0];
            builder.credential(MongoCredential.createCredential(settings.username(), source, password));
        }
        return MongoClients.create(builder.build());
    }

    /** The database the service's URL names. */
    public static MongoDatabase database(MongoClient client, ServiceSettings settings) {
        return client.getDatabase(databaseName(settings));
    }

    public static String databaseName(ServiceSettings settings) {
        String name = new ConnectionString(settings.url()).getDatabase();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the URL of service '" + settings.name() + "' names no database");
        }
        return name;
    }

    /** The URL's {@code authSource} option, else its database, else {@code admin}. */
    private static String authSource(String url, String database) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String option : url.substring(query + 1).split("[&;]")) {
                int eq = option.indexOf('=');
                if (eq > 0 && option.substring(0, eq).equalsIgnoreCase("authSource")) {
                    return java.net.URLDecoder.decode(option.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return database == null || database.isBlank() ? "admin" : database;
    }
}
