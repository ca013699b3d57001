package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the statements a request runs, at the database servers themselves (not in Weft):
 * <ul>
 *   <li>PostgreSQL ({@link PostgresLog}): {@code ALTER DATABASE <db> SET log_statement = 'all'} and the
 *       lines the server logged for that database (log_line_prefix {@code '%m [%p] %q%u@%d '}).</li>
 *   <li>MariaDB ({@link MariadbUser}): the services connect as a user of their own, and the server's
 *       per-user counter {@code information_schema.USER_STATISTICS.SELECT_COMMANDS} ({@code userstat = ON})
 *       is read before and after. The global {@code Com_select} is no use on a shared server.</li>
 * </ul>
 *
 * <pre>{@code
 * PostgresLog log = PostgresLog.enable(pgDb);              // before the pool opens its connections
 * try (MariadbUser user = MariadbUser.create(mariaDb)) {   // services use user.properties(mariaDb, batchSize)
 *     long from = log.position(); long before = user.selects();
 *     weft.execute(query, Map.of());
 *     List<String> pgSelects = log.selectsSince(from); long mariaSelects = user.selectsSince(before);
 * }
 * }</pre>
 */
public final class ServerStatements {
    private static final Pattern FROM = Pattern.compile("(?i)FROM\\s+(?:[\"`][^\"`]+[\"`]\\.)?[\"`]([^\"`]+)[\"`]");

    private ServerStatements() {
    }

    /** SELECT statements per table (the first {@code FROM "table"} of each). */
    public static Map<String, Integer> perTable(List<String> selects) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String sql : selects) {
            Matcher m = FROM.matcher(sql);
            counts.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
        }
        return counts;
    }

    public static String abbreviate(String sql) {
        return sql.length() <= 160 ? sql : sql.substring(0, 160) + "... (" + sql.length() + " chars)";
    }

    /** Waits until a counter holds still (servers publish some counters a moment after the statement). */
    private static long settled(SqlLong read) throws Exception {
        long value = read.get();
        int still = 0;
        for (int i = 0; i < 40 && still < 3; i++) {
            Thread.sleep(50);
            long again = read.get();
            still = again == value ? still + 1 : 0;
            value = again;
        }
        return value;
    }

    @FunctionalInterface
    private interface SqlLong {
        long get() throws Exception;
    }

    /** The statements PostgreSQL logs for one database. */
    public static final class PostgresLog {
        private final Path file;
        private final Pattern line;

        private PostgresLog(Path file, String database) {
            this.file = file;
            this.line = Pattern.compile("^.*\\] \\S*@" + Pattern.quote(database)
                    + " LOG:  (?:statement|execute [^:]*): (.*)$");
        }

        /**
         * Turns on {@code log_statement = 'all'} for the database (it applies to connections opened
         * afterwards) and reads the server log: the embedded server's, else {@code -Dtest.postgres.log} or the
         * Debian default ({@link TestServers}).
         */
        public static PostgresLog enable(TestDatabase db) {
            assertThat(db.server()).isEqualTo(TestDatabase.Server.POSTGRES);
            Path file = TestServers.postgres().log();
            if (!Files.isReadable(file)) {
                throw new AssertionError("cannot read the PostgreSQL server log " + file
                        + " (set -Dtest.postgres.log=<path> to the cluster's log file)");
            }
            db.execute("ALTER DATABASE " + db.name() + " SET log_statement = 'all'");
            return new PostgresLog(file, db.name());
        }

        public long position() throws IOException {
            return Files.size(file);
        }

        /** Every statement logged for the database since {@code from}, waiting until the log holds still. */
        public List<String> statementsSince(long from) throws Exception {
            settled(() -> Files.size(file));
            byte[] bytes;
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                if (length < from) {
                    throw new AssertionError("the PostgreSQL log was rotated during the test; run it again");
                }
                bytes = new byte[(int) (length - from)];
                raf.seek(from);
                raf.readFully(bytes);
            }
            List<String> statements = new ArrayList<>();
            for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = line.matcher(text);
                if (m.matches()) {
                    statements.add(m.group(1).trim());
                }
            }
            return statements;
        }

        /** The SELECT statements logged for the database since {@code from}. */
        /**
         * The SELECTs logged since {@code from}, but for the table row estimates ({@code FROM pg_class}) Weft reads in the
         * background at most once a minute per table: no statement of a request.
         */
        public List<String> selectsSince(long from) throws Exception {
            return statementsSince(from).stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("SELECT"))
                    .filter(s -> !s.contains("FROM pg_class WHERE oid = to_regclass(")).toList();
        }
    }

    /** A MariaDB user of its own, whose SELECTs the server counts; dropped by {@link #close()}. */
    public static final class MariadbUser implements AutoCloseable {
        private static final String PASSWORD = "counted";
        private final TestDatabase admin;
        private final String name;

        private MariadbUser(TestDatabase admin, String name) {
            this.admin = admin;
            this.name = name;
        }

        /** Creates the user with every right on the given databases (all on the MariaDB server). */
        public static MariadbUser create(TestDatabase... databases) {
            String name = "weft_sc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            TestDatabase first = databases[0];
            first.execute("SET GLOBAL userstat = ON", // per-user counters; left on (cheap, and a concurrent run may need them)
                    "CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            for (TestDatabase db : databases) {
                assertThat(db.server()).isEqualTo(TestDatabase.Server.MARIADB);
                first.execute("GRANT ALL ON " + db.name() + ".* TO '" + name + "'@'%'");
            }
            return new MariadbUser(first, name);
        }

        public String name() {
            return name;
        }

        /** Properties of a service over {@code db} that connects as this user. */
        public ServiceProperties properties(TestDatabase db, Integer batchSize) {
            ServiceProperties p = db.propertiesFor("mariadb");
            return new ServiceProperties(p.kind(), p.url(), name, PASSWORD, null, null, null, null, null, null, null,
                    batchSize, null, null);
        }

        /** The user's SELECT count now. */
        public long selects() throws SQLException {
            try (Connection c = TestServers.mariadb().connect("");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT SELECT_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER = '"
                         + name + "'")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }

        /** The SELECTs counted since {@code before} (a value of {@link #selects()}), once the counter holds still. */
        public long selectsSince(long before) throws Exception {
            return settled(this::selects) - before;
        }

        @Override
        public void close() {
            admin.execute("DROP USER IF EXISTS '" + name + "'@'%'");
        }
    }
}
