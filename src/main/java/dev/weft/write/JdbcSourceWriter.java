package dev.weft.write;

import dev.weft.catalog.Table;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import dev.weft.dialect.SqlDialect;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.query.Predicate;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A {@link SourceWriter} over JDBC (PostgreSQL, MariaDB/MySQL, DB2, H2): one connection, auto-commit off,
 * the steps in order, then commit; any failure rolls back. Updates and deletes lock the keys of the
 * matching rows first ({@code SELECT ... FOR UPDATE}) and write by key, so the rows counted, checked and
 * returned are exactly the rows written. Every written row is checked against the permission's
 * {@code check} inside the transaction, before commit; {@code returning} is read there too (a deleted
 * row before its delete).
 *
 * <p>An upsert ({@code on_conflict}, of the field or of nested rows) reads the row with the constraint's
 * values with a lock, then updates or inserts it, the same way on every engine (so that the update
 * permission's filter, presets and check apply as to any update). Two transactions inserting the same new
 * key at once may still collide: the second then fails with the constraint's error instead of updating.
 * A nested object relationship's row that its upsert leaves alone fails the field (there is no row to
 * reference), as in Hasura.
 */
public final class JdbcSourceWriter implements SourceWriter {
    private final ServiceSettings settings;
    private final DataSource dataSource;
    private final SqlDialect dialect;

    public JdbcSourceWriter(ServiceSettings settings, DataSource dataSource, SqlDialect dialect) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    @Override
    public List<WriteResult> write(List<WriteStep> steps) {
        WriteStep current = steps.get(0);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            WriteConnection tx = new WriteConnection(connection, dialect, settings.kind(),
                    (int) Math.max(1, settings.queryTimeout().toSeconds()));
            try {
                List<WriteResult> results = new ArrayList<>();
                for (WriteStep step : steps) {
                    current = step;
                    results.add(run(tx, step));
                }
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw WriteFailures.of(e, current.table().ref(), settings.name(), dialect);
        }
    }

    /**
     * Runs the steps on a connection whose transaction the caller owns (a branch of a two-phase commit):
     * neither commits nor rolls back. Failures are translated as by {@link #write}.
     */
    public List<WriteResult> writeIn(Connection connection, List<WriteStep> steps) {
        WriteStep current = steps.get(0);
        try {
            WriteConnection tx = new WriteConnection(connection, dialect, settings.kind(),
                    (int) Math.max(1, settings.queryTimeout().toSeconds()));
            List<WriteResult> results = new ArrayList<>();
            for (WriteStep step : steps) {
                current = step;
                results.add(run(tx, step));
            }
            return results;
        } catch (SQLException e) {
            throw WriteFailures.of(e, current.table().ref(), settings.name(), dialect);
        }
    }

    /** The rows of {@code table} with these primary keys that match {@code where}, read on {@code connection}, in key order. */
    public List<Row> readIn(Connection connection, Table table, List<List<Object>> keys, Predicate where) {
        try {
            return new WriteConnection(connection, dialect, settings.kind(), (int) Math.max(1, settings.queryTimeout().toSeconds()))
                    .rows(table, keys, where);
        } catch (SQLException e) {
            throw WriteFailures.of(e, table.ref(), settings.name(), dialect);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the server drops the transaction with it, and the pool replaces it
        }
    }

    private WriteResult run(WriteConnection tx, WriteStep step) throws SQLException {
        return switch (step) {
            case WriteStep.Insert insert -> insert(tx, insert);
            case WriteStep.Update update -> update(tx, update);
            case WriteStep.Delete delete -> delete(tx, delete);
        };
    }

    private WriteResult insert(WriteConnection tx, WriteStep.Insert step) throws SQLException {
        Table table = step.table();
        bound(step, step.rows().size());
        Written written = new Written();
        List<List<Object>> top = new ArrayList<>();
        for (WriteStep.InsertRow row : step.rows()) {
            List<Object> key = insertRow(tx, step, row, written);
            if (key != null) {
                top.add(key);
            }
        }
        for (var entry : written.inserted.entrySet()) {
            check(tx, entry.getKey().table(), entry.getValue(), entry.getKey().check(), "insert");
        }
        for (var entry : written.updated.entrySet()) {
            check(tx, entry.getKey().table(), entry.getValue(), entry.getKey().upsert().check(), "update");
        }
        return new WriteResult(written.count, tx.rows(table, top, step.visible()));
    }

    /** The keys written by one insert field, per step (nested inserts have their own table, check and upsert). */
    private static final class Written {
        final Map<WriteStep.Insert, List<List<Object>>> inserted = new java.util.IdentityHashMap<>();
        final Map<WriteStep.Insert, List<List<Object>>> updated = new java.util.IdentityHashMap<>();
        int count;
    }

    /**
     * Inserts (or upserts) one row with its nested rows: the rows it references first, then the row with
     * their key values, then the rows that reference it. Returns its key, or null when an upsert left an
     * existing row alone.
     */
    private List<Object> insertRow(WriteConnection tx, WriteStep.Insert step, WriteStep.InsertRow row, Written written)
            throws SQLException {
        Table table = step.table();
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        for (WriteStep.Nested parent : row.parents()) {
            List<Object> parentKey = insertRow(tx, parent.insert(), parent.insert().rows().get(0), written);
            if (parentKey == null) { // as Hasura: an object relationship's upsert must leave a row to reference
                throw WeftException.badInput("the row of " + parent.insert().table().ref() + " to insert with a row of "
                        + table.ref() + " conflicts with an existing row that its on_conflict does not update; nothing was written");
            }
            Row inserted = tx.rows(parent.insert().table(), List.of(parentKey), Predicate.TRUE).get(0);
            for (int i = 0; i < parent.rowColumns().size(); i++) {
                values.put(parent.rowColumns().get(i), inserted.get(parent.nestedColumns().get(i)));
            }
        }
        List<Object> existing = step.upsert() == null ? null : conflicting(tx, table, step.upsert(), values);
        List<Object> key;
        if (existing == null) {
            key = tx.insert(table, values);
            written.inserted.computeIfAbsent(step, s -> new ArrayList<>()).add(key);
        } else if (upsert(tx, table, step.upsert(), values, existing)) {
            key = existing;
            written.updated.computeIfAbsent(step, s -> new ArrayList<>()).add(key);
        } else {
            return null;
        }
        written.count++;
        if (!row.children().isEmpty()) {
            Row self = tx.rows(table, List.of(key), Predicate.TRUE).get(0);
            for (WriteStep.Nested children : row.children()) {
                for (WriteStep.InsertRow child : children.insert().rows()) {
                    Map<String, Object> linked = new LinkedHashMap<>(child.values());
                    for (int i = 0; i < children.rowColumns().size(); i++) {
                        linked.put(children.nestedColumns().get(i), self.get(children.rowColumns().get(i)));
                    }
                    insertRow(tx, children.insert(), new WriteStep.InsertRow(linked, child.parents(), child.children()), written);
                }
            }
        }
        return key;
    }

    /** The key of the existing row that has the inserted row's values of the upsert's constraint, or null. */
    private static List<Object> conflicting(WriteConnection tx, Table table, WriteStep.Upsert upsert, Map<String, Object> row)
            throws SQLException {
        List<Predicate> same = new ArrayList<>();
        for (String column : upsert.constraintColumns()) {
            if (row.get(column) == null) {
                return null; // a NULL (or a generated value) never conflicts
            }
            same.add(new Predicate.Compare(column, Predicate.CompareOp.EQ, row.get(column)));
        }
        List<List<Object>> keys = tx.lockKeys(table, new Predicate.And(same));
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Updates the conflicting row when the upsert has columns to update and the row is one the role may update. */
    private static boolean upsert(WriteConnection tx, Table table, WriteStep.Upsert upsert, Map<String, Object> row,
                                  List<Object> key) throws SQLException {
        if (upsert.updateColumns().isEmpty() || tx.count(table, List.of(key), upsert.where()) == 0) {
            return false;
        }
        Map<String, Object> set = new LinkedHashMap<>();
        upsert.updateColumns().forEach(c -> set.put(c, row.get(c)));
        set.putAll(upsert.presets());
        tx.update(table, List.of(key), set, Map.of());
        return true;
    }

    private WriteResult update(WriteConnection tx, WriteStep.Update step) throws SQLException {
        Table table = step.table();
        List<List<Object>> keys = tx.lockKeys(table, step.where());
        bound(step, keys.size());
        tx.update(table, keys, step.set(), step.inc());
        check(tx, table, keys, step.check(), "update");
        return new WriteResult(keys.size(), tx.rows(table, keys, step.visible()));
    }

    private WriteResult delete(WriteConnection tx, WriteStep.Delete step) throws SQLException {
        Table table = step.table();
        List<List<Object>> keys = tx.lockKeys(table, step.where());
        bound(step, keys.size());
        List<Row> returning = tx.rows(table, keys, step.visible());
        tx.delete(table, keys);
        return new WriteResult(keys.size(), returning);
    }

    /** Every written row must pass the permission's check, else the whole field rolls back. */
    private static void check(WriteConnection tx, Table table, List<List<Object>> keys, Predicate check, String kind)
            throws SQLException {
        if (keys.isEmpty() || Predicate.TRUE.equals(check)) {
            return;
        }
        WriteGuards.check(table.ref(), keys.size(), tx.count(table, keys, check), kind);
    }

    private static void bound(WriteStep step, int rows) {
        WriteGuards.bound(step, rows);
    }
}
