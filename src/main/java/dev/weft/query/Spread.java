package dev.weft.query;

import java.util.List;

/**
 * The spread of a column's non-null values as (n, mean, sum of squared deviations), which combines exactly across
 * disjoint chunks of rows (Chan et al.'s pairwise update) and yields each of {@code stddev}, {@code variance} and
 * their population and sample forms.
 *
 * <p>Example: {@code Spread.of(List.of(1, 2, 3))} has n 3, mean 2, m2 2: var_pop 2/3, var_samp 1, stddev_samp 1.
 */
public record Spread(long n, double mean, double m2) {
    public static final Spread NONE = new Spread(0, 0, 0);

    /** The spread of the given values (nulls skipped). */
    public static Spread of(List<?> values) {
        Spread s = NONE;
        for (Object v : values) {
            if (v != null) {
                s = s.plus(new Spread(1, new java.math.BigDecimal(v.toString()).doubleValue(), 0));
            }
        }
        return s;
    }

    /** A chunk's spread from its count of non-null values, average and population variance (nulls when n is 0). */
    public static Spread ofChunk(long n, Number avg, Number varPop) {
        return n == 0 || avg == null ? NONE : new Spread(n, avg.doubleValue(), varPop == null ? 0 : varPop.doubleValue() * n);
    }

    public Spread plus(Spread other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            return other;
        }
        long total = n + other.n;
        double delta = other.mean - mean;
        return new Spread(total, mean + delta * other.n / total, m2 + other.m2 + delta * delta * n * other.n / total);
    }

    /** The value of a spread function: null over no values, and for a sample statistic over one value. */
    public Double value(Aggregates.Function function) {
        long divisor = function.isSample() ? n - 1 : n;
        if (divisor <= 0) {
            return null;
        }
        double variance = Math.max(0, m2 / divisor);
        return function.isStddev() ? Math.sqrt(variance) : variance;
    }
}
