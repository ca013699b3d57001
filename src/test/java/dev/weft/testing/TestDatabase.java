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
 * A database of its own on one of this machine's real servers (PostgreSQL 127.0.0.1:5432 user
 * postgres, MariaDB 127.0.0.1:3306 user root), created with a unique name and dropped by {@link #close()}.
 * A server that is down fails the test with a message saying how to start it: tests never skip.
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
        POSTGRES("jdbc:postgresql://127.0.0.1:5432/", "postgres", "",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "",
                "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

        final String baseUrl;
        final String user;
        final String password;
        final String startCommand;

        Server(String baseUrl, String user, String password, String startCommand) {
            this.baseUrl = baseUrl;
            this.user = user;
            this.password = password;
            this.startCommand = startCommand;
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
            throw new AssertionError("cannot create a test database on " + server + " (" + e.getMessage()
                    + "); is the server running? Start it with: " + server.startCommand, e);
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
        return switch (kind) {
            case "postgres" -> server.baseUrl + name;
            case "mariadb" -> server.baseUrl + name;
            case "mysql" -> "jdbc:mysql://127.0.0.1:3306/" + name + "?useSSL=false&allowPublicKeyRetrieval=true";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public String defaultKind() {
        return server == Server.POSTGRES ? "postgres" : "mariadb";
    }

    /** Raw properties for the given driver kind ({@code mysql} uses MySQL Connector/J against MariaDB). */
    public ServiceProperties propertiesFor(String kind) {
        return new ServiceProperties(kind, url(kind), server.user, server.password, null, null, null, null, null,
                null, null, null, null);
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
        return DriverManager.getConnection(url(defaultKind()), server.user, server.password);
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
            if (server == Server.POSTGRES) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin(Server server) throws SQLException {
        String url = server == Server.POSTGRES ? server.baseUrl + "postgres" : server.baseUrl;
        return DriverManager.getConnection(url, server.user, server.password);
    }

    @Override
    public String toString() {
        return server.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
