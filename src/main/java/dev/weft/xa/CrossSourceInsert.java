package dev.weft.xa;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.query.Predicate;
import dev.weft.write.JdbcSourceWriter;
import dev.weft.write.WriteResult;
import dev.weft.write.WriteStep;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.XAConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an insert whose nested rows reach another source as one XA transaction: a branch (a connection
 * of its own, enlisted with Narayana) per source, the rows inserted one by one in the order the
 * relationships need (a referenced row first, then the row with its key values, then the rows that
 * reference it), each checked against its table's insert permission, then a two-phase commit. Any failure
 * before commit rolls back every branch; a source lost after both prepared is committed by recovery.
 *
 * <pre>{@code
 * insert_crm_customers_one(object: {name: "Ada", orders: {data: [{total: 10}]}})   // crm on MariaDB, orders on PostgreSQL
 * // MariaDB: XA START; INSERT customers ...      PostgreSQL: BEGIN; INSERT orders (customer_id = the new id) ...
 * // both PREPARE, then both COMMIT (or both ROLLBACK)
 * }</pre>
 */
final class CrossSourceInsert {
    private static final Logger log = LoggerFactory.getLogger(CrossSourceInsert.class);
    private final Map<ServiceName, JdbcSourceWriter> writers;
    private final Map<ServiceName, XaSource> sources;

    CrossSourceInsert(Map<ServiceName, JdbcSourceWriter> writers, Map<ServiceName, XaSource> sources) {
        this.writers = Map.copyOf(writers);
        this.sources = Map.copyOf(sources);
    }

    /** Whether some nested row of the insert lives in another source than the insert's table. */
    static boolean reachesOtherSource(WriteStep.Insert insert) {
        return services(insert).size() > 1;
    }

    WriteResult run(WriteStep.Insert step) {
        String names = String.join(" and ", new TreeSet<>(services(step).stream().map(s -> "'" + s.value() + "'").toList()));
        for (ServiceName service : services(step)) {
            XaSource source = sources.get(service);
            String refusal = source == null ? "service '" + service.value() + "' takes no part in a two-phase commit here"
                    : source.refusal().orElse(null);
            if (refusal != null) {
                throw WeftException.badInput("this insert writes to services " + names
                        + " in one transaction, which takes a two-phase commit: " + refusal + "; nothing was written");
            }
        }
        if (upserts(step)) {
            throw WeftException.badInput("on_conflict cannot be combined with a nested insert into another source"
                    + " (neither on the field nor on its nested rows); nothing was written");
        }
        if (step.maxRows() != null && step.rows().size() > step.maxRows()) {
            throw WeftException.badInput("the mutation would write " + step.rows().size() + " rows of " + step.table().ref()
                    + ", more than the role's max-rows-affected (" + step.maxRows() + "); nothing was written");
        }
        XaCoordinator coordinator = XaCoordinator.started();
        services(step).forEach(service -> sources.get(service).joinRecovery(coordinator));
        TransactionManager tm = coordinator.transactionManager();
        Branches branches = null;
        try {
            tm.setTransactionTimeout(timeoutSeconds(step));
            tm.begin();
            branches = new Branches(tm.getTransaction());
            WriteResult result = insert(step, branches);
            tm.commit();
            return result;
        } catch (RuntimeException e) {
            rollback(tm);
            throw e;
        } catch (RollbackException e) {
            throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "a source of services " + names
                    + " could not prepare the insert, so it was rolled back on every source; nothing was written", e);
        } catch (HeuristicMixedException | HeuristicRollbackException e) {
            log.error("A two-phase commit across services {} ended with a heuristic outcome; check the sources", names, e);
            throw new WeftException(ErrorCode.INTERNAL, "a source of services " + names
                    + " decided the insert's outcome on its own; it may be partly written", e);
        } catch (SystemException | jakarta.transaction.NotSupportedException e) {
            rollback(tm);
            throw new WeftException(ErrorCode.INTERNAL, "the transaction manager failed on the insert into services " + names
                    + "; recovery rolls back or finishes what it had begun", e);
        } finally {
            if (branches != null) {
                branches.close();
            }
        }
    }

    private WriteResult insert(WriteStep.Insert step, Branches branches) {
        int[] count = {0};
        List<List<Object>> keys = new ArrayList<>();
        for (WriteStep.InsertRow row : step.rows()) {
            Row self = insertRow(step, row, branches, count);
            keys.add(step.table().primaryKey().stream().map(self::get).toList());
        }
        ServiceName service = step.table().ref().service();
        List<Row> returning = writers.get(service).readIn(branches.connection(service), step.table(), keys, step.visible());
        return new WriteResult(count[0], returning);
    }

    /** Inserts one row with its nested rows; returns the row as written (every column). */
    private Row insertRow(WriteStep.Insert step, WriteStep.InsertRow row, Branches branches, int[] count) {
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        for (WriteStep.Nested parent : row.parents()) {
            Row referenced = insertRow(parent.insert(), parent.insert().rows().get(0), branches, count);
            for (int i = 0; i < parent.rowColumns().size(); i++) {
                values.put(parent.rowColumns().get(i), referenced.get(parent.nestedColumns().get(i)));
            }
        }
        Table table = step.table();
        ServiceName service = table.ref().service();
        WriteStep.Insert one = new WriteStep.Insert(table, List.of(new WriteStep.InsertRow(values)), null, step.check(),
                Predicate.TRUE, null);
        Row self = writers.get(service).writeIn(branches.connection(service), List.of(one)).get(0).returning().get(0);
        count[0]++;
        for (WriteStep.Nested children : row.children()) {
            for (WriteStep.InsertRow child : children.insert().rows()) {
                Map<String, Object> linked = new LinkedHashMap<>(child.values());
                for (int i = 0; i < children.rowColumns().size(); i++) {
                    linked.put(children.nestedColumns().get(i), self.get(children.rowColumns().get(i)));
                }
                insertRow(children.insert(), new WriteStep.InsertRow(linked, child.parents(), child.children()), branches, count);
            }
        }
        return self;
    }

    /** Whether the insert or one of its nested inserts has {@code on_conflict}. */
    private static boolean upserts(WriteStep.Insert insert) {
        if (insert.upsert() != null) {
            return true;
        }
        for (WriteStep.InsertRow row : insert.rows()) {
            for (WriteStep.Nested nested : row.parents()) {
                if (upserts(nested.insert())) {
                    return true;
                }
            }
            for (WriteStep.Nested nested : row.children()) {
                if (upserts(nested.insert())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The services an insert writes to, its own first. */
    private static Set<ServiceName> services(WriteStep.Insert insert) {
        Set<ServiceName> services = new java.util.LinkedHashSet<>();
        services.add(insert.table().ref().service());
        for (WriteStep.InsertRow row : insert.rows()) {
            for (WriteStep.Nested nested : row.parents()) {
                services.addAll(services(nested.insert()));
            }
            for (WriteStep.Nested nested : row.children()) {
                services.addAll(services(nested.insert()));
            }
        }
        return services;
    }

    private int timeoutSeconds(WriteStep.Insert step) {
        long seconds = 0;
        for (ServiceName service : services(step)) {
            seconds += sources.get(service).queryTimeout().toSeconds();
        }
        return (int) Math.max(30, seconds * 3);
    }

    private static void rollback(TransactionManager tm) {
        try {
            if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tm.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            log.warn("Rolling back a two-phase commit failed; recovery finishes it", e);
        }
    }

    /** One enlisted connection per source, opened when the insert first writes there. */
    private final class Branches implements AutoCloseable {
        private final Transaction transaction;
        private final Map<ServiceName, XAConnection> open = new LinkedHashMap<>();
        private final Map<ServiceName, Connection> connections = new LinkedHashMap<>();

        Branches(Transaction transaction) {
            this.transaction = transaction;
        }

        Connection connection(ServiceName service) {
            Connection connection = connections.get(service);
            if (connection != null) {
                return connection;
            }
            try {
                XAConnection xa = sources.get(service).open();
                open.put(service, xa);
                if (!transaction.enlistResource(new ConnectionLossAware(xa.getXAResource()))) {
                    throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source '" + service.value()
                            + "' could not join the transaction; nothing was written");
                }
                connection = xa.getConnection();
            } catch (SQLException e) {
                throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source '" + service.value() + "' is unavailable", e);
            } catch (RollbackException | SystemException e) {
                throw new WeftException(ErrorCode.SOURCE_UNAVAILABLE, "source '" + service.value()
                        + "' could not join the transaction; nothing was written", e);
            }
            connections.put(service, connection);
            return connection;
        }

        @Override
        public void close() {
            for (XAConnection xa : open.values()) {
                try {
                    xa.close();
                } catch (SQLException ignored) {
                    // the branch is finished (or recovery finishes it); the server drops the connection
                }
            }
        }
    }
}
