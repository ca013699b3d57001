package dev.weft.ops;

import dev.weft.execute.activity.ActivityListener;
import dev.weft.execute.activity.StatementRun;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the audit log records of a request's statements: the tables it read and wrote ({@code service.schema.table}),
 * the rows its reads returned and the rows its writes changed. Listens through {@link dev.weft.execute.activity.Activity}.
 *
 * <pre>{@code
 * AuditActivity activity = new AuditActivity();
 * ExecutionResult result = Activity.during(activity, () -> runtime.executeAsync(input, caller, true)).join();
 * activity.tablesRead();   // [crm.customers, shop.public.orders]
 * }</pre>
 */
public final class AuditActivity implements ActivityListener {
    private final Set<String> read = new TreeSet<>();
    private final Set<String> written = new TreeSet<>();
    private long rowsRead;
    private long rowsWritten;

    @Override
    public synchronized void statement(StatementRun statement) {
        String table = String.valueOf(statement.table());
        if (statement.write()) {
            written.add(table);
            rowsWritten += statement.rows();
        } else {
            read.add(table);
            rowsRead += statement.rows();
        }
    }

    public synchronized List<String> tablesRead() {
        return List.copyOf(read);
    }

    public synchronized List<String> tablesWritten() {
        return List.copyOf(written);
    }

    /** Rows (documents) the sources returned to the request's reads, probes of cross-source plans included. */
    public synchronized long rowsReturned() {
        return rowsRead;
    }

    /** Rows the request's writes inserted, updated or deleted. */
    public synchronized long rowsWritten() {
        return rowsWritten;
    }
}
