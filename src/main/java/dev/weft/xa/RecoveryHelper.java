package dev.weft.xa;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Narayana's recovery an {@link XAResource} of one source: each call opens a connection of its own
 * and closes it (a scan lists the prepared branches, then each is committed or rolled back), so nothing
 * stays open between passes and a source that is down only fails that pass. Once the runtime that
 * registered it has closed its pools, it gives nothing, and the coordinator drops it.
 */
final class RecoveryHelper implements XAResourceRecoveryHelper {
    private static final Logger log = LoggerFactory.getLogger(RecoveryHelper.class);
    private final XaSource source;
    private final BooleanSupplier closed;

    RecoveryHelper(XaSource source, Object pool) {
        this.source = source;
        this.closed = () -> pool instanceof HikariDataSource hikari && hikari.isClosed();
    }

    /** Whether the pools of the runtime that registered this helper are closed. */
    boolean closed() {
        return closed.getAsBoolean();
    }

    @Override
    public boolean initialise(String p) {
        return true;
    }

    @Override
    public XAResource[] getXAResources() {
        if (closed()) {
            return new XAResource[0];
        }
        return new XAResource[] {new Resource()};
    }

    /** The source's XAResource, one connection per call. Only recovery's calls are answered. */
    private final class Resource implements XAResource {
        private interface Call<T> {
            T on(XAResource resource) throws XAException;
        }

        private <T> T call(Call<T> call) throws XAException {
            XAConnection connection;
            try {
                connection = source.open();
            } catch (SQLException e) {
                log.warn("Recovery cannot reach service '{}' ({}); it tries again on its next pass", source.name(), e.getSQLState());
                XAException failed = new XAException(XAException.XAER_RMFAIL);
                failed.initCause(e);
                throw failed;
            }
            try {
                return call.on(new ConnectionLossAware(connection.getXAResource()));
            } catch (SQLException e) {
                XAException failed = new XAException(XAException.XAER_RMFAIL);
                failed.initCause(e);
                throw failed;
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the branch's outcome is already on the server
                }
            }
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            // the whole list at the start of a scan (PostgreSQL answers only then; MariaDB would answer twice)
            return (flag & TMSTARTRSCAN) == 0 ? new Xid[0] : call(r -> r.recover(TMSTARTRSCAN | TMENDRSCAN));
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            call(r -> {
                r.commit(xid, onePhase);
                return null;
            });
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            call(r -> {
                r.rollback(xid);
                return null;
            });
        }

        @Override
        public void forget(Xid xid) throws XAException {
            call(r -> {
                r.forget(xid);
                return null;
            });
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            throw new XAException(XAException.XAER_PROTO);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            throw new XAException(XAException.XAER_PROTO);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            throw new XAException(XAException.XAER_PROTO);
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }
    }
}
