package dev.weft.xa;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An {@link XAResource} whose lost connection is reported as {@code XAER_RMFAIL}, the code that tells the
 * transaction manager to leave the branch to recovery. MariaDB's driver reports a socket error during
 * {@code XA COMMIT} with no XA code (0), which Narayana takes for a heuristic outcome and then leaves the
 * prepared branch alone; with {@code XAER_RMFAIL} it keeps the branch in its log and recovery commits it.
 *
 * <pre>{@code
 * transaction.enlistResource(new ConnectionLossAware(xaConnection.getXAResource()));
 * }</pre>
 */
final class ConnectionLossAware implements XAResource {
    private final XAResource delegate;

    ConnectionLossAware(XAResource delegate) {
        this.delegate = delegate;
    }

    private interface Call<T> {
        T run() throws XAException;
    }

    private <T> T call(Call<T> call) throws XAException {
        try {
            return call.run();
        } catch (XAException e) {
            if (e.errorCode == 0 && connectionLost(e)) {
                XAException lost = new XAException(XAException.XAER_RMFAIL);
                lost.initCause(e);
                throw lost;
            }
            throw e;
        }
    }

    /** Whether the cause is a broken connection (SQLSTATE class 08, or the driver's connection exceptions). */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e.getMessage() != null && e.getMessage().contains("Socket error");
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(() -> {
            delegate.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        call(() -> {
            delegate.end(xid, flags);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call(() -> {
            delegate.forget(xid);
            return null;
        });
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return call(delegate::getTransactionTimeout);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return call(() -> delegate.isSameRM(other instanceof ConnectionLossAware aware ? aware.delegate : other));
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return call(() -> delegate.prepare(xid));
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return call(() -> delegate.recover(flag));
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call(() -> {
            delegate.rollback(xid);
            return null;
        });
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return call(() -> delegate.setTransactionTimeout(seconds));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        call(() -> {
            delegate.start(xid, flags);
            return null;
        });
    }
}
