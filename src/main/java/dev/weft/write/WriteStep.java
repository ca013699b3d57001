package dev.weft.write;

import dev.weft.catalog.Table;
import dev.weft.query.Predicate;
import java.util.List;
import java.util.Map;

/**
 * One write of a mutation field, in catalog terms: columns by catalog name, values typed, conditions
 * as {@link Predicate}s already resolved to this source (no semi-join to another one). A field's steps
 * run in one transaction ({@link SourceWriter#write}). {@code visible} is the caller's read filter:
 * {@code returning} holds only written rows that pass it.
 *
 * <pre>{@code
 * new WriteStep.Update(accounts, new Compare("id", EQ, 7), Map.of("balance", 10), Map.of(), Predicate.TRUE, Predicate.TRUE, null)
 * // UPDATE accounts SET balance = ? WHERE id IN (locked keys of rows with id = 7)
 * }</pre>
 */
public sealed interface WriteStep {
    Table table();

    Predicate visible();

    /** At most this many rows may be written, else the field fails (null: no bound). */
    Integer maxRows();

    /** Rows to insert (each with its own columns); {@code upsert} when {@code on_conflict} is given; each row must pass {@code check}. */
    record Insert(Table table, List<InsertRow> rows, Upsert upsert, Predicate check, Predicate visible,
                  Integer maxRows) implements WriteStep {
        public Insert {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One row to insert: its values by column, the rows it references through a foreign key of the same
     * source (inserted first; their key values fill this row's foreign-key columns), and the rows that
     * reference it (inserted after it, their foreign-key columns filled from this row).
     */
    record InsertRow(Map<String, Object> values, List<Nested> parents, List<Nested> children) {
        public InsertRow {
            parents = List.copyOf(parents);
            children = List.copyOf(children);
        }

        public InsertRow(Map<String, Object> values) {
            this(values, List.of(), List.of());
        }
    }

    /**
     * Rows inserted with a row through a foreign key: {@code rowColumns} of the row pair with
     * {@code nestedColumns} of the nested rows ({@code orders.customer_id = customers.id}).
     */
    record Nested(List<String> rowColumns, List<String> nestedColumns, Insert insert) {
        public Nested {
            rowColumns = List.copyOf(rowColumns);
            nestedColumns = List.copyOf(nestedColumns);
        }
    }

    /**
     * {@code on_conflict}: an inserted row whose values of {@code constraintColumns} belong to an existing row
     * updates that row's {@code updateColumns} (with {@code presets} on top) instead, when the row matches
     * {@code where}; with no update columns the existing row is left alone. Updated rows must pass {@code check}.
     */
    record Upsert(String constraint, List<String> constraintColumns, List<String> updateColumns, Map<String, Object> presets,
                  Predicate where, Predicate check) {
        public Upsert {
            constraintColumns = List.copyOf(constraintColumns);
            updateColumns = List.copyOf(updateColumns);
        }
    }

    /** Sets {@code set} and adds {@code inc} on the rows matching {@code where}; each updated row must pass {@code check}. */
    record Update(Table table, Predicate where, Map<String, Object> set, Map<String, Object> inc, Predicate check,
                  Predicate visible, Integer maxRows) implements WriteStep {
    }

    /** Deletes the rows matching {@code where}. */
    record Delete(Table table, Predicate where, Predicate visible, Integer maxRows) implements WriteStep {
    }
}
