package dev.weft.execute;

import dev.weft.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dialect's {@link SqlDialect#probe} once, on a connection of the service's pool, at start-up (after
 * introspection, so the connection is the one the pool opened first). If the source does not answer now,
 * the unprobed dialect is kept: it assumes only what every server of its kind runs, so results stay right
 * (some work moves into memory); the log says so.
 *
 * <pre>{@code
 * SqlDialect dialect = DialectProbe.probe(new Db2Dialect(), pool, "hrstatus");
 * }</pre>
 */
public final class DialectProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DialectProbe.class);

    private DialectProbe() {
    }

    public static SqlDialect probe(SqlDialect dialect, DataSource pool, String service) {
        try (Connection connection = pool.getConnection()) {
            SqlDialect probed = dialect.probe(connection);
            if (probed != dialect) {
                LOG.info("source '{}' ({}): {}", service, dialect.name(), probed.describeCapabilities());
            }
            return probed;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot probe source '{}' for its capabilities; using the SQL every {} server runs", service,
                    dialect.name(), e);
            return dialect;
        }
    }
}
