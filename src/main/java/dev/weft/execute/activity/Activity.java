package dev.weft.execute.activity;

import dev.weft.catalog.TableRef;
import dev.weft.execute.sql.SqlStatement;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The listener of the request running on this thread, if any. A request's work runs on the thread that started it
 * and on virtual threads it starts through {@link #propagating(Executor)}, which hands them the same listener; the
 * executors and the planner report to it here. Two listeners of one request (the audit log and explain) both hear
 * everything.
 *
 * <pre>{@code
 * Executor async = Activity.propagating(Executors.newVirtualThreadPerTaskExecutor());   // once, at start-up
 * ExplainRecorder recorder = new ExplainRecorder();
 * CompletableFuture<ExecutionResult> result = Activity.during(recorder, () -> graphQL.executeAsync(input));
 * }</pre>
 */
public final class Activity {
    private static final ThreadLocal<ActivityListener> CURRENT = new ThreadLocal<>();

    private Activity() {
    }

    /** Runs {@code work} with {@code listener} hearing what it (and the tasks it hands to a propagating executor) does. */
    public static <T> T during(ActivityListener listener, Supplier<T> work) {
        ActivityListener outer = CURRENT.get();
        CURRENT.set(outer == null || outer == listener ? listener : new Both(outer, listener));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** An executor whose tasks run with the listener of the thread that handed them over. */
    public static Executor propagating(Executor executor) {
        return task -> {
            ActivityListener listener = CURRENT.get();
            executor.execute(listener == null ? task : () -> during(listener, () -> {
                task.run();
                return null;
            }));
        };
    }

    /** Whether someone listens on this thread and wants the statements' text. */
    public static boolean wantsText() {
        ActivityListener listener = CURRENT.get();
        return listener != null && listener.wantsText();
    }

    /** Whether someone listens on this thread. */
    public static boolean listening() {
        return CURRENT.get() != null;
    }

    public static void statement(StatementRun statement) {
        ActivityListener listener = CURRENT.get();
        if (listener != null) {
            listener.statement(statement);
        }
    }

    public static void choice(PlanChoice choice) {
        ActivityListener listener = CURRENT.get();
        if (listener != null) {
            listener.choice(choice);
        }
    }

    /** Reports a SQL statement that ran; its text and parameter types only when a listener wants them. */
    public static void sql(String service, TableRef table, String kind, boolean write, SqlStatement statement, int keys,
                           int chunk, int chunks, long rows, long nanos, String outcome) {
        ActivityListener listener = CURRENT.get();
        if (listener == null) {
            return;
        }
        boolean text = listener.wantsText();
        listener.statement(new StatementRun(service, table, kind, write, "sql", text ? statement.sql() : null,
                text ? ParameterShapes.of(statement.params()) : null, keys, chunk, chunks, rows, nanos, outcome));
    }

    /** Both listeners of one request hear everything; text is built when either wants it. */
    private record Both(ActivityListener first, ActivityListener second) implements ActivityListener {
        @Override
        public void statement(StatementRun statement) {
            first.statement(statement);
            second.statement(statement);
        }

        @Override
        public void choice(PlanChoice choice) {
            first.choice(choice);
            second.choice(choice);
        }

        @Override
        public boolean wantsText() {
            return first.wantsText() || second.wantsText();
        }
    }
}
