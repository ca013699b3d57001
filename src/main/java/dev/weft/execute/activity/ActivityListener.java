package dev.weft.execute.activity;

/**
 * Hears what one request sends to its sources while it runs. Called from the request's threads, concurrently
 * when root fields or relationship batches run in parallel: implementations are thread-safe.
 *
 * <pre>{@code
 * ActivityListener tables = statement -> System.out.println(statement.table() + " " + statement.rows());
 * ExecutionResult result = Activity.during(tables, () -> runtime.execute(query, Map.of()));
 * }</pre>
 */
public interface ActivityListener {

    /** One statement (SQL) or command (MongoDB) that ran, or failed. */
    void statement(StatementRun statement);

    /** A choice the cross-source planner made for a condition or an order through another source. */
    default void choice(PlanChoice choice) {
    }

    /**
     * Whether statements should carry their text and parameter shapes ({@link StatementRun#text()}); building
     * them costs time, so only explain asks for them.
     */
    default boolean wantsText() {
        return false;
    }
}
