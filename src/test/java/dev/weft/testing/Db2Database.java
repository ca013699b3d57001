package dev.weft.testing;

import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.derby.drda.NetworkServerControl;

/**
 * A database of its own on the DB2 test server: an Apache Derby 10.8.3.0 Network Server (it speaks DRDA, DB2's
 * protocol) started in this JVM on 127.0.0.1 and a free port when the first database is created, and kept until
 * the JVM exits; {@link #close()} shuts its database down and deletes it. Every connection goes through IBM's JCC
 * driver, as Weft's do:
 * the database is created with {@code jdbc:db2://127.0.0.1:PORT/"NAME;create=true":securityMechanism=3;} and
 * used with {@code jdbc:db2://127.0.0.1:PORT/NAME:securityMechanism=3;}, user {@code app}, password {@code app}
 * (so tables land in schema {@code APP}).
 *
 * <p>The server logs every statement it executes ({@code derby.language.logStatementText}); {@link #statements}
 * reads them back, so tests count statements at the server, not in Weft.
 *
 * <pre>{@code
 * try (Db2Database db = Db2Database.create()) {
 *     db.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY)");
 *     ServiceSettings status = db.service("hrstatus");
 * }
 * }</pre>
 */
public final class Db2Database implements AutoCloseable {
    public static final String USER = "app";
    public static final String PASSWORD = "app";

    private static Server server;

    private final Server owner;
    private final String name;

    private Db2Database(Server owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** Creates a database with a unique name, starting the server if it is not running yet. */
    public static Db2Database create() {
        Server running = server();
        String name = "weft" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection ignored = jcc(running.url("\"" + name + ";create=true\""))) {
            return new Db2Database(running, name);
        } catch (SQLException | RuntimeException e) {
            throw new AssertionError("cannot create a database on the Derby test server: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return owner.port;
    }

    /** The JCC URL of this database. */
    public String url() {
        return owner.url(name);
    }

    /** The JCC URL of this database through another port (a {@link TcpProxy} in front of the server). */
    public String urlThrough(int port) {
        return "jdbc:db2://127.0.0.1:" + port + "/" + name + ":securityMechanism=3;";
    }

    public ServiceProperties properties() {
        return new ServiceProperties("db2", url(), USER, PASSWORD, null, null, null, null, null, null, null, null, null, null);
    }

    /** A validated {@code db2} service named {@code service} over this database. */
    public ServiceSettings service(String service) {
        return TestDatabase.services(Map.of(service, properties())).get(0);
    }

    public Connection connect() throws SQLException {
        return jcc(url());
    }

    /**
     * A JCC connection without a login timeout. HikariCP sets {@link DriverManager#setLoginTimeout} for the whole JVM
     * (Weft's pools in these tests: 1 s), and JCC reads it as its socket timeout while connecting: creating a
     * database took longer than that on a loaded machine, and {@link #create()} failed with "Read timed out".
     */
    private static Connection jcc(String url) throws SQLException {
        DriverManager.setLoginTimeout(0);
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** Runs statements (DDL, inserts) in order on one connection, through JCC. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("test setup failed on Derby: " + e.getMessage(), e);
        }
    }

    /**
     * The statements this database executed since the server started, in order, as the server logged them
     * (text only, without parameters), that match {@code filter}.
     */
    public List<String> statements(Predicate<String> filter) {
        String marker = "(DATABASE = " + name + "),";
        String executing = "Executing prepared statement: ";
        try (Stream<String> lines = Files.lines(owner.log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(marker) && l.contains(executing))
                    .map(l -> l.substring(l.indexOf(executing) + executing.length()))
                    .map(l -> l.contains(" :End prepared statement") ? l.substring(0, l.indexOf(" :End prepared statement")) : l)
                    .filter(filter)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements Weft sent to this database (its SQL always aliases the first table {@code t0}). */
    public List<String> weftStatements() {
        return statements(sql -> sql.startsWith("SELECT ") && sql.contains(" t0"));
    }

    /**
     * Shuts the database down and deletes its files. The credentials are those of a test that turned Derby's
     * authentication on for its database ({@code Db2OutageIT}); without them its shutdown is refused.
     */
    @Override
    public void close() {
        try {
            DriverManager.getConnection("jdbc:derby:" + name + ";shutdown=true", USER, PASSWORD).close();
            throw new AssertionError("Derby did not report the shutdown of " + name);
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) { // 08006: the database was shut down
                throw new AssertionError("cannot shut down the Derby database " + name + ": " + e.getMessage(), e);
            }
        }
        deleteRecursively(owner.home.resolve(name));
    }

    @Override
    public String toString() {
        return "derby:" + name;
    }

    /**
     * The server of this JVM, started once. It is never stopped and started again: {@code NetworkServerControl.shutdown()}
     * returns when the listener is closed, but the server's own thread shuts the Derby engine down after that. A server
     * started meanwhile (the next test) boots the engine again and has it shut down under it, which a loaded machine
     * made likely: its first database could not be created, or the engine failed in the middle of a test.
     */
    private static synchronized Server server() {
        if (server == null) {
            server = Server.start();
            Server started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "derby-test-server-stop"));
        }
        return server;
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Derby Network Server of this JVM, on 127.0.0.1 only, with its files in a temporary directory. */
    private static final class Server {
        final NetworkServerControl control;
        final int port;
        final Path home;
        final Path log;

        private Server(NetworkServerControl control, int port, Path home, Path log) {
            this.control = control;
            this.port = port;
            this.home = home;
            this.log = log;
        }

        static Server start() {
            try {
                Path home = Files.createTempDirectory(scratchDirectory(), "weft-derby");
                Path log = home.resolve("derby.log");
                System.setProperty("derby.system.home", home.toString());
                System.setProperty("derby.stream.error.file", log.toString());
                System.setProperty("derby.language.logStatementText", "true");
                int port = TestServers.freePort();
                // started through the API: no security manager is installed (the command line's -noSecurityManager)
                NetworkServerControl control = new NetworkServerControl(InetAddress.getByName("127.0.0.1"), port);
                control.start(null);
                waitUntilUp(control);
                return new Server(control, port, home, log);
            } catch (Exception e) {
                throw new AssertionError("cannot start the Derby Network Server (the DB2 test server): " + e.getMessage(), e);
            }
        }

        String url(String database) {
            return "jdbc:db2://127.0.0.1:" + port + "/" + database + ":securityMechanism=3;";
        }

        /** At the JVM's exit: closes the listener (the server thread shuts the engine down) and deletes the files. */
        void stop() {
            try {
                control.shutdown();
            } catch (Exception e) {
                System.err.println("[Db2Database] the Derby Network Server did not stop: " + e.getMessage());
            }
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close(); // returns once the engine is down
            } catch (SQLException expected) {
                // XJ015: the engine was shut down (by this call or by the server's thread)
            }
            try {
                deleteRecursively(home);
            } catch (UncheckedIOException e) {
                System.err.println("[Db2Database] could not delete " + home + ": " + e.getMessage());
            }
        }

        /** Maven's {@code target} when the tests run under Maven (mvn clean removes what is left), else the temp directory. */
        private static Path scratchDirectory() throws IOException {
            String basedir = System.getProperty("basedir");
            if (basedir == null) {
                return Path.of(System.getProperty("java.io.tmpdir"));
            }
            return Files.createDirectories(Path.of(basedir, "target"));
        }

        private static void waitUntilUp(NetworkServerControl control) throws Exception {
            Exception last = null;
            for (int i = 0; i < 200; i++) {
                try {
                    control.ping();
                    return;
                } catch (Exception e) {
                    last = e;
                    Thread.sleep(50);
                }
            }
            throw last;
        }
    }
}
