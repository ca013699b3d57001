package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestServers.Endpoint;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The servers a fresh clone's build falls back on when no PostgreSQL or MariaDB answers at the test URLs start here
 * and serve what the statement-counting tests read: PostgreSQL's statement log in the file the tests know, and
 * MariaDB's per-user counters. Runs on every build, whichever servers the other tests use.
 */
class EmbeddedTestServersIT {
    @Test
    void embeddedPostgresLogsTheStatementsOfADatabase() throws Exception {
        Endpoint pg = TestServers.embeddedPostgres();
        assertThat(pg.embedded()).isTrue();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE weft_embedded_check");
            s.execute("ALTER DATABASE weft_embedded_check SET log_statement = 'all'");
        }
        try (Connection c = pg.connect("weft_embedded_check"); Statement s = c.createStatement()) {
            s.execute("SELECT 4242 AS embedded_marker");
        }
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE weft_embedded_check");
        }
        Thread.sleep(500); // the logging collector writes a moment later
        assertThat(Files.readString(pg.log()))
                .containsPattern("postgres@weft_embedded_check LOG:  (statement|execute [^:]*): SELECT 4242 AS embedded_marker");
    }

    @Test
    void embeddedMariadbCountsSelectsPerUser() throws Exception {
        Endpoint maria = TestServers.embeddedMariadb();
        assertThat(maria.embedded()).isTrue();
        try (Connection c = maria.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'weft_embedded'@'%' IDENTIFIED BY 'pw'");
        }
        try (Connection c = java.sql.DriverManager.getConnection(maria.url(""), "weft_embedded", "pw");
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            s.execute("SELECT 2");
        }
        try (Connection c = maria.connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SELECT_COMMANDS FROM information_schema.USER_STATISTICS"
                     + " WHERE USER = 'weft_embedded'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(2);
        }
    }
}
