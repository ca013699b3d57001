package dev.weft.execute;

import java.util.List;
import java.util.function.Supplier;

/**
 * The SQL text of the statements a source runs, for whoever asks on the current thread (a trace at debug level):
 * placeholders only, never a bound value. Nobody asks by default, and then a statement costs one thread-local read.
 *
 * <pre>{@code
 * List<String> texts = new ArrayList<>();
 * List<Row> rows = StatementTexts.capture(texts, () -> executor.select(select));
 * // texts: ["select \"id\", \"name\" from \"public\".\"customers\" where \"id\" = ?"]
 * }</pre>
 */
public final class StatementTexts {
    private static final ThreadLocal<List<String>> CAPTURING = new ThreadLocal<>();

    private StatementTexts() {
    }

    /** Runs {@code body}, adding to {@code into} the text of every SQL statement it runs on this thread. */
    public static <T> T capture(List<String> into, Supplier<T> body) {
        List<String> outer = CAPTURING.get();
        CAPTURING.set(into);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CAPTURING.remove();
            } else {
                CAPTURING.set(outer);
            }
        }
    }

    static void ran(String sql) {
        List<String> into = CAPTURING.get();
        if (into != null) {
            into.add(sql);
        }
    }
}
