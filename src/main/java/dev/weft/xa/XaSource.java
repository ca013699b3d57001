package dev.weft.xa;

import com.mysql.cj.jdbc.MysqlXADataSource;
import dev.weft.config.ServiceSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * One source as a participant of a two-phase commit: its driver's {@link XADataSource} (connections
 * opened per transaction, beside the source's pool) and whether the server can take part. PostgreSQL
 * can when {@code max_prepared_transactions} is above 0 (checked on the server, again until it is);
 * MariaDB and MySQL can; H2, DB2 and MongoDB sources cannot here.
 *
 * <pre>{@code
 * XaSource shop = XaSource.of(settings, pool);
 * shop.refusal();   // Optional["service 'shop' (PostgreSQL) has max_prepared_transactions = 0: ..."] or empty
 * }</pre>
 */
final class XaSource {
    private final ServiceSettings settings;
    private final DataSource pool;
    private final XADataSource xa;
    private volatile boolean ready;
    private boolean recovered; // registered with the coordinator's recovery

    private XaSource(ServiceSettings settings, DataSource pool, XADataSource xa) {
        this.settings = settings;
        this.pool = pool;
        this.xa = xa;
    }

    static XaSource of(ServiceSettings settings, DataSource pool) {
        return new XaSource(settings, pool, dataSource(settings));
    }

    String name() {
        return settings.name();
    }

    java.time.Duration queryTimeout() {
        return settings.queryTimeout();
    }

    /** Why this source cannot take part in a two-phase commit now, or empty when it can. */
    Optional<String> refusal() {
        if (ready) {
            return Optional.empty();
        }
        if (xa == null) {
            return Optional.of("service '" + name() + "' is a " + settings.kind().name() + " source, which takes no part in"
                    + " a two-phase commit here (PostgreSQL, MariaDB and MySQL do)");
        }
        if (settings.kind() == dev.weft.config.SourceKind.POSTGRES) {
            int prepared;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
                rs.next();
                prepared = Integer.parseInt(rs.getString(1).trim());
            } catch (SQLException | NumberFormatException e) {
                return Optional.of("service '" + name() + "' (PostgreSQL) did not say whether it can prepare transactions");
            }
            if (prepared <= 0) {
                return Optional.of("service '" + name() + "' (PostgreSQL) has max_prepared_transactions = " + prepared
                        + ", so it cannot prepare a transaction (set it above 0 in postgresql.conf and restart the server)");
            }
        }
        ready = true;
        return Optional.empty();
    }

    /**
     * Registers this source with the coordinator's recovery, once. Called only when it can take part: a
     * PostgreSQL without prepared transactions has no branch to recover.
     */
    synchronized void joinRecovery(XaCoordinator coordinator) {
        if (!recovered) {
            coordinator.register(new RecoveryHelper(this, pool));
            recovered = true;
        }
    }

    /** A new physical connection for one transaction branch; the caller closes it. */
    XAConnection open() throws SQLException {
        String password = settings.password() == null ? null : settings.password().value();
        return settings.username() == null ? xa.getXAConnection() : xa.getXAConnection(settings.username(), password);
    }

    private static XADataSource dataSource(ServiceSettings settings) {
        try {
            return switch (settings.kind()) {
                case POSTGRES -> {
                    PGXADataSource pg = new PGXADataSource();
                    pg.setUrl(settings.url());
                    if (!settings.url().contains("stringtype=")) {
                        pg.setStringType("unspecified"); // as the pool: text binds to enum, uuid and json columns
                    }
                    yield pg;
                }
                case MARIADB -> new MariaDbDataSource(settings.url());
                case MYSQL -> {
                    MysqlXADataSource mysql = new MysqlXADataSource();
                    mysql.setUrl(settings.url());
                    yield mysql;
                }
                default -> null;
            };
        } catch (SQLException e) {
            throw new IllegalStateException("the driver of service '" + settings.name() + "' refused its URL for XA", e);
        }
    }
}
