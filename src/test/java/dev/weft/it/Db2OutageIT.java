package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.ConfigProblem;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceProperties.PoolProperties;
import dev.weft.config.WeftConfigException;
import dev.weft.testing.Db2Database;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Errors" for a {@code db2} service (IBM JCC, Derby 10.8.3.0 Network Server): a query past the query timeout
 * is {@code TIMEOUT} and fails only its own field; a source that goes down is {@code SOURCE_UNAVAILABLE} and is
 * used again when it is back; start-up names the reason a DB2 source cannot be read. No SQL or driver text reaches
 * a client.
 *
 * <p>Public, with the public {@link #sleep}: Derby runs it as the SQL function {@code SLEEP} in this JVM.
 */
public class Db2OutageIT {
    private static final String BOTH = "{ st_slow(order_by: {id: asc}) { id waited } crm_accounts(order_by: {id: asc}) { name } }";

    /** The body of the SQL function {@code SLEEP(ms)}: waits, then returns {@code ms}. */
    public static int sleep(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    private static ServiceProperties with(ServiceProperties p, String url, Duration queryTimeout) {
        return new ServiceProperties(p.kind(), url == null ? p.url() : url, p.username(), p.password(), p.schema(),
                p.include(), p.exclude(), p.prefix(), p.typePrefix(), new PoolProperties(2, Duration.ofSeconds(1)),
                queryTimeout, p.batchSize(), null, null);
    }

    @Test
    void aQueryPastTheTimeoutIsTimeoutAndTheSourceIsUsedAgain() {
        try (Db2Database derby = Db2Database.create(); TestDatabase pg = TestDatabase.postgres()) {
            derby.execute("CREATE FUNCTION sleep(ms INT) RETURNS INT PARAMETER STYLE JAVA NO SQL LANGUAGE JAVA"
                            + " EXTERNAL NAME 'dev.weft.it.Db2OutageIT.sleep'",
                    "CREATE TABLE delays (id INT NOT NULL PRIMARY KEY, ms INT NOT NULL)",
                    "INSERT INTO delays VALUES (1, 0), (2, 3000)",
                    "CREATE VIEW slow AS SELECT id, sleep(ms) AS waited FROM delays");
            pg.execute("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)", "INSERT INTO accounts VALUES (1, 'acme')");
            Map<String, ServiceProperties> services = new LinkedHashMap<>();
            services.put("st", with(derby.properties(), null, Duration.ofSeconds(1)));
            services.put("crm", pg.propertiesFor("postgres"));
            try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(services))) {
                long start = System.nanoTime();
                ExecutionResult slow = weft.execute(BOTH, Map.of());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(codes(slow)).containsExactly("TIMEOUT");
                assertThat(slow.getErrors().get(0).getMessage()).isEqualTo("source 'st' did not answer within 1s");
                Map<String, Object> data = slow.getData();
                assertThat(data.get("st_slow")).isNull();
                assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(data, "crm_accounts")).hasSize(1);
                assertThat(millis).as("cut at the timeout, not after the 3 s the query needs").isLessThan(2_900);

                Map<String, Object> fast = GraphqlAssertions.data(weft.execute("{ st_slow(where: {id: {_eq: 1}}) { id waited } }", Map.of()));
                assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(fast, "st_slow")).containsExactly(Map.of("id", 1, "waited", 0));
            }
        }
    }

    @Test
    void aSourceThatGoesDownIsUnavailableAndUsedAgainWhenBack() throws InterruptedException {
        try (Db2Database derby = Db2Database.create(); TcpProxy proxy = TcpProxy.to("127.0.0.1", derby.port())) {
            derby.execute("CREATE TABLE things (id INT NOT NULL PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO things VALUES (1, 'bolt'), (2, 'nut')");
            String query = "{ st_things(order_by: {id: asc}) { name } }";
            Map<String, ServiceProperties> services = Map.of("st", with(derby.properties(), derby.urlThrough(proxy.port()),
                    Duration.ofSeconds(5)));
            try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(services))) {
                assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(GraphqlAssertions.data(weft.execute(query, Map.of())),
                        "st_things")).hasSize(2);
                proxy.stop();
                for (int attempt = 1; attempt <= 2; attempt++) {
                    ExecutionResult down = weft.execute(query, Map.of());
                    assertThat(codes(down)).as("attempt " + attempt).containsExactly("SOURCE_UNAVAILABLE");
                    assertThat(down.getErrors().get(0).getMessage()).isEqualTo("source 'st' is unavailable");
                    assertThat(((Map<?, ?>) down.getData()).get("st_things")).isNull();
                }
                proxy.start();
                ExecutionResult back = null;
                for (int attempt = 0; attempt < 20; attempt++) {
                    back = weft.execute(query, Map.of());
                    if (back.getErrors().isEmpty()) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(back.getErrors()).isEmpty();
                assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(back.getData(), "st_things")).hasSize(2);
            }
        }
    }

    @Test
    void startUpNamesWhyADb2SourceCannotBeRead() throws Exception {
        try (Db2Database derby = Db2Database.create()) {
            String unknownDatabase = "jdbc:db2://127.0.0.1:" + derby.port() + "/nosuchdb:securityMechanism=3;";
            assertThat(startUpProblem(with(derby.properties(), unknownDatabase, null))).contains("unknown database");

            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = socket.getLocalPort();
            }
            String nobodyListens = "jdbc:db2://127.0.0.1:" + closedPort + "/" + derby.name() + ":securityMechanism=3;";
            assertThat(startUpProblem(with(derby.properties(), nobodyListens, null))).contains("host not answering");

            requireAuthentication(derby);
            ServiceProperties p = derby.properties();
            ServiceProperties wrongPassword = new ServiceProperties(p.kind(), p.url(), p.username(), "not-the-password", null,
                    null, null, null, null, new PoolProperties(2, Duration.ofSeconds(1)), null, null, null, null);
            assertThat(startUpProblem(wrongPassword)).contains("wrong user name or password").doesNotContain("not-the-password");
        }
    }

    private static String startUpProblem(ServiceProperties properties) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> WeftRuntime.start(TestDatabase.services(Map.of("st", properties))).close());
        assertThat(thrown).isInstanceOf(WeftConfigException.class);
        List<ConfigProblem> problems = ((WeftConfigException) thrown).problems();
        assertThat(problems).hasSize(1);
        return problems.get(0).message();
    }

    /** Derby's built-in authentication for this database only (user app, password app), from its next boot. */
    private static void requireAuthentication(Db2Database derby) {
        derby.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.authentication.provider', 'BUILTIN')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.app', 'app')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.connection.requireAuthentication', 'true')");
        try {
            DriverManager.getConnection("jdbc:derby:" + derby.name() + ";shutdown=true");
        } catch (SQLException expected) {
            // 08006: shut down; the next connection boots it with authentication
        }
        assertThatThrownBy(() -> DriverManager.getConnection(derby.url(), "app", "wrong").close()).isInstanceOf(SQLException.class);
    }
}
