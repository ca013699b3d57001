package dev.weft.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Lets the statements that one request runs one after the other on its own thread share one pool connection per
 * source, as a hand-written endpoint does, instead of borrowing and returning a connection per statement. A query
 * with a same-source relationship ({@code customers { orders }}, both in PostgreSQL) then takes one connection
 * for its two statements, not two.
 *
 * <p>Only the thread that {@link #open opened} the scope keeps connections; statements that run on other threads
 * (concurrent siblings) borrow and return their own, as before. The scope must hold nothing while the thread
 * waits for such siblings (a pool of one connection would wait on itself): {@link #releaseHeld} returns what it
 * holds first. A statement that fails drops its connection instead of keeping it ({@link #done}).
 *
 * <pre>{@code
 * try (RequestConnections scope = RequestConnections.open()) {
 *     run.rootFields(fields); // JdbcSourceExecutor: RequestConnections.borrow(pool) ... RequestConnections.done(pool, c, true)
 * }                           // the connections it kept go back to their pools
 * }</pre>
 */
public final class RequestConnections implements AutoCloseable {
    private static final ThreadLocal<RequestConnections> CURRENT = new ThreadLocal<>();

    private final Map<DataSource, Connection> held = new IdentityHashMap<>(4);
    private final RequestConnections outer;
    private final Thread owner = Thread.currentThread();

    private RequestConnections(RequestConnections outer) {
        this.outer = outer;
    }

    /** Starts keeping connections on this thread until {@link #close}. */
    public static RequestConnections open() {
        RequestConnections scope = new RequestConnections(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The connection this thread's scope keeps for {@code pool} (taken out of it until {@link #done}), or a new one. */
    static Connection borrow(DataSource pool) throws SQLException {
        RequestConnections scope = CURRENT.get();
        Connection kept = scope == null ? null : scope.held.remove(pool);
        return kept != null ? kept : pool.getConnection();
    }

    /**
     * Ends a statement's use of {@code connection}: kept for the scope's next statement on {@code pool} when the
     * statement succeeded and the scope keeps none for it yet, else returned to the pool.
     */
    static void done(DataSource pool, Connection connection, boolean succeeded) throws SQLException {
        RequestConnections scope = CURRENT.get();
        if (succeeded && scope != null && !scope.held.containsKey(pool)) {
            scope.held.put(pool, connection);
            return;
        }
        connection.close();
    }

    /** Returns every connection this thread's scope keeps to its pool (before waiting for work on other threads). */
    static void releaseHeld() {
        RequestConnections scope = CURRENT.get();
        if (scope != null) {
            scope.closeHeld();
        }
    }

    @Override
    public void close() {
        closeHeld();
        if (Thread.currentThread() == owner) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private void closeHeld() {
        for (Connection connection : held.values()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // returning a connection to its pool: the pool evicts a broken one itself
            }
        }
        held.clear();
    }
}
