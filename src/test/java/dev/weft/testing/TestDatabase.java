package dev.weft.testing;

import dev.weft.config.ConfigValidator;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own on a real PostgreSQL or MariaDB server ({@link TestServers}: the one at the test URL, by
 * default 127.0.0.1:5432 user postgres and 127.0.0.1:3306 user root, else an embedded one), created with a unique
 * name and dropped by {@link #close()}. A server that fails fails the test: tests never skip.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.postgres()) {
 *     db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
 *     ServiceSettings shop = db.service("shop");
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    public enum Server {
        POSTGRES, MARIADB,
        /** An embedded PostgreSQL that can prepare transactions (two-phase commit), {@link TestServers#preparingPostgres()}. */
        PREPARING_POSTGRES;

        /** Where this server is: the one at the test URL, or an embedded one ({@link TestServers}). */
        public TestServers.Endpoint endpoint() {
            return switch (this) {
                case POSTGRES -> TestServers.postgres();
                case MARIADB -> TestServers.mariadb();
                case PREPARING_POSTGRES -> TestServers.preparingPostgres();
            };
        }

        boolean postgres() {
            return this != MARIADB;
        }
    }

    private final Server server;
    private final String name;

    private TestDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase postgres() {
        return create(Server.POSTGRES);
    }

    public static TestDatabase mariadb() {
        return create(Server.MARIADB);
    }

    public static TestDatabase create(Server server) {
        String name = "weft_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a test database on " + server + " at "
                    + server.endpoint().url("") + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public Server server() {
        return server;
    }

    /** The JDBC URL of this database for the given driver kind: postgres, mariadb or mysql (MySQL Connector/J). */
    public String url(String kind) {
        TestServers.Endpoint at = server.endpoint();
        return switch (kind) {
            case "postgres", "mariadb" -> at.url(name);
            case "mysql" -> at.mysqlUrl(name);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public String defaultKind() {
        return server.postgres() ? "postgres" : "mariadb";
    }

    /** Raw properties for the given driver kind ({@code mysql} uses MySQL Connector/J against MariaDB). */
    public ServiceProperties propertiesFor(String kind) {
        return new ServiceProperties(kind, url(kind), server.endpoint().user(), server.endpoint().password(), null, null, null, null, null,
                null, null, null, null, null);
    }

    /** A validated service named {@code service} over this database with the default driver. */
    public ServiceSettings service(String service) {
        return service(service, defaultKind());
    }

    public ServiceSettings service(String service, String kind) {
        return services(Map.of(service, propertiesFor(kind))).get(0);
    }

    public static List<ServiceSettings> services(Map<String, ServiceProperties> services) {
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(defaultKind()), server.endpoint().user(), server.endpoint().password());
    }

    /** Runs statements (DDL, inserts) in order on one connection. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("test setup failed on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = admin(server); Statement s = c.createStatement()) {
            if (server.postgres()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin(Server server) throws SQLException {
        return server.endpoint().connect(server.postgres() ? "postgres" : "");
    }

    @Override
    public String toString() {
        return server.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
