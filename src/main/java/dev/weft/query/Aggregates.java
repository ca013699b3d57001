package dev.weft.query;

import java.util.List;

/**
 * The aggregates a query asked for: {@code count} and per function the columns.
 * Result keys are {@code count} and {@code <fn>.<column>} (e.g. {@code sum.salary}).
 */
public record Aggregates(boolean count, List<Aggregate> functions) {
    public Aggregates {
        functions = List.copyOf(functions);
    }

    public enum Function { SUM, AVG, MIN, MAX }

    public record Aggregate(Function function, String column) {
        public String resultKey() {
            return function.name().toLowerCase(java.util.Locale.ROOT) + "." + column;
        }
    }

    public boolean isEmpty() {
        return !count && functions.isEmpty();
    }
}
