package dev.weft.execute;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs a classpath SQL script on an H2 database; the embedded demo seeds itself with it. */
public final class JdbcScripts {

    private JdbcScripts() {
    }

    /** Runs {@code classpath:<resource>} with H2's {@code RUNSCRIPT} on {@code url}. */
    public static void runH2Script(String url, String user, String password, String resource) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:" + resource.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + resource + " on " + url, e);
        }
    }
}
