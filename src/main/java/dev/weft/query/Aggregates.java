package dev.weft.query;

import java.util.List;
import java.util.Locale;

/**
 * The aggregates a query asked for: {@code count}, counts over columns ({@code count(columns: [...], distinct: true)})
 * and per function the columns. Result keys are {@code count}, each {@link Count#resultKey()} and
 * {@code <fn>.<column>} (e.g. {@code sum.salary}, {@code stddev_pop.salary}).
 *
 * <p>{@code stddev} and {@code variance} are the sample statistics ({@code stddev_samp}, {@code var_samp}), as in
 * PostgreSQL and Hasura; all six are null over fewer values than they need (none, or one for a sample statistic).
 */
public record Aggregates(boolean count, List<Count> counts, List<Aggregate> functions) {
    public Aggregates {
        counts = List.copyOf(counts);
        functions = List.copyOf(functions);
    }

    public Aggregates(boolean count, List<Aggregate> functions) {
        this(count, List.of(), functions);
    }

    public enum Function {
        SUM, AVG, MIN, MAX, STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE, VAR_POP, VAR_SAMP;

        /** The statistics of spread: computed in floating point over the non-null values. */
        public boolean isSpread() {
            return ordinal() >= STDDEV.ordinal();
        }

        /** Whether this divides by n - 1 (sample) rather than n (population). */
        public boolean isSample() {
            return this == STDDEV || this == STDDEV_SAMP || this == VARIANCE || this == VAR_SAMP;
        }

        public boolean isStddev() {
            return this == STDDEV || this == STDDEV_POP || this == STDDEV_SAMP;
        }

        private static final java.util.Map<String, Function> BY_FIELD_NAME = java.util.Arrays.stream(values())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Function::fieldName, f -> f));

        public String fieldName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The function of a field of {@code aggregate { ... }} ({@code "stddev_pop"}), or null for another field. */
        public static Function ofFieldName(String fieldName) {
            return BY_FIELD_NAME.get(fieldName);
        }
    }

    public record Aggregate(Function function, String column) {
        public String resultKey() {
            return function.fieldName() + "." + column;
        }
    }

    /**
     * A count over columns: rows where every listed column is non-null, or (distinct) the distinct values of the
     * one listed column. {@code resultKey} is what the response map holds it under ({@code count:distinct:name}).
     */
    public record Count(List<String> columns, boolean distinct, String resultKey) {
        public Count {
            columns = List.copyOf(columns);
        }
    }

    public boolean isEmpty() {
        return !count && counts.isEmpty() && functions.isEmpty();
    }
}
