package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.dialect.WeftException;
import dev.weft.query.Predicate.CompareOp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps numbers a column cannot hold away from the source, where they would be wrapped, rejected with a
 * vague error or cost minutes of CPU ({@code 1e-99999999}), and gives the answer the comparison has:
 * <ul>
 *   <li>a value above the column's largest: {@code _eq}, {@code _gt}, {@code _gte} match no row, {@code _neq},
 *       {@code _lt}, {@code _lte} every non-null row (below the smallest: the mirror image);</li>
 *   <li>a decimal with more places than the column keeps: {@code _eq} matches nothing, {@code _neq} every non-null
 *       row, and {@code _gt}/{@code _lte} compare with it rounded down, {@code _gte}/{@code _lt} rounded up to the
 *       column's scale, which matches the same rows;</li>
 *   <li>{@code _in}/{@code _nin} leave out the values no row can hold.</li>
 * </ul>
 * A decimal of more than {@link #MAX_DIGITS} digits, or, where the column's range is unknown (an unconstrained
 * {@code numeric}, a MongoDB field), a decimal beyond {@code 1e±}{@link #MAX_DIGITS}, is a {@code BAD_USER_INPUT}.
 * Ranges come from the column's type: {@code DECIMAL(p, s)} with its precision and scale, {@code SMALLINT},
 * {@code TINYINT}, {@code MEDIUMINT} and the unsigned integers of MySQL/MariaDB.
 *
 * <pre>{@code
 * InputBounds.compare("amount", decimal_12_2, CompareOp.GT, new BigDecimal("1e131072"))  // Predicate.FALSE
 * InputBounds.compare("amount", decimal_12_2, CompareOp.LT, new BigDecimal("0.005"))     // amount < 0.01
 * }</pre>
 */
public final class InputBounds {
    /** The most digits a decimal input may have, and the largest power of ten it may reach where the column's range is unknown. */
    public static final int MAX_DIGITS = 1_000;

    private InputBounds() {
    }

    /** The values a column can hold: {@code min..max} with at most {@code scale} decimal places. */
    record Range(BigDecimal min, BigDecimal max, int scale) {
        static Range integers(long min, BigDecimal max) {
            return new Range(BigDecimal.valueOf(min), max, 0);
        }

        static Range integers(long min, long max) {
            return integers(min, BigDecimal.valueOf(max));
        }
    }

    /** {@code column op value}, with a value the column cannot hold folded into what the comparison means. */
    public static Predicate compare(String path, Column column, CompareOp op, Object value) {
        BigDecimal v = decimal(value);
        if (v == null) {
            return new Predicate.Compare(path, op, value);
        }
        Range range = rangeOf(column);
        checkSize(column, v, range);
        if (range == null) {
            return new Predicate.Compare(path, op, value);
        }
        if (v.compareTo(range.max()) > 0) {
            return op == CompareOp.NEQ || op == CompareOp.LT || op == CompareOp.LTE ? notNull(path) : Predicate.FALSE;
        }
        if (v.compareTo(range.min()) < 0) {
            return op == CompareOp.NEQ || op == CompareOp.GT || op == CompareOp.GTE ? notNull(path) : Predicate.FALSE;
        }
        if (v.scale() <= range.scale() || v.stripTrailingZeros().scale() <= range.scale()) {
            return new Predicate.Compare(path, op, value);
        }
        return switch (op) {
            case EQ -> Predicate.FALSE;
            case NEQ -> notNull(path);
            case GT, LTE -> new Predicate.Compare(path, op, round(v, range.scale(), RoundingMode.FLOOR));
            case GTE, LT -> new Predicate.Compare(path, op, round(v, range.scale(), RoundingMode.CEILING));
        };
    }

    /** {@code column IN values} (or {@code NOT IN}), without the values no row can hold. */
    public static Predicate in(String path, Column column, List<?> values, boolean negated) {
        List<List<Object>> kept = new ArrayList<>(values.size());
        for (Object value : values) {
            if (compare(path, column, CompareOp.EQ, value) instanceof Predicate.Compare) {
                kept.add(java.util.Collections.singletonList(value));
            }
        }
        if (kept.isEmpty()) {
            return negated ? (values.isEmpty() ? Predicate.TRUE : notNull(path)) : Predicate.FALSE;
        }
        return new Predicate.InList(List.of(path), kept, negated);
    }

    private static Predicate notNull(String path) {
        return new Predicate.IsNull(path, false);
    }

    /** {@code v} rounded to {@code scale} places; a value closer to 0 than one unit there without dividing by its power of ten. */
    private static BigDecimal round(BigDecimal v, int scale, RoundingMode mode) {
        if ((long) v.precision() - v.scale() <= -scale) { // |v| < 10^-scale
            BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
            boolean up = mode == RoundingMode.CEILING;
            return v.signum() > 0 ? (up ? unit : BigDecimal.ZERO.setScale(scale)) : (up ? BigDecimal.ZERO.setScale(scale) : unit.negate());
        }
        return v.setScale(scale, mode);
    }

    private static void checkSize(Column column, BigDecimal v, Range range) {
        if (v.precision() > MAX_DIGITS) {
            throw WeftException.badInput("the value for '" + column.fieldName() + "' has " + v.precision()
                    + " digits; at most " + MAX_DIGITS + " are allowed");
        }
        long exponent = (long) v.precision() - v.scale() - 1; // v = d.ddd × 10^exponent
        if (range == null && v.signum() != 0 && Math.abs(exponent) > MAX_DIGITS) {
            throw WeftException.badInput("the value for '" + column.fieldName() + "' (" + shortForm(v)
                    + ") is out of range: a decimal input lies between 1e-" + MAX_DIGITS + " and 1e" + MAX_DIGITS);
        }
    }

    private static String shortForm(BigDecimal v) {
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 20) + "..." + s.substring(s.length() - 15);
    }

    private static BigDecimal decimal(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case null, default -> null;
        };
    }

    /** What the column can hold; null where that is unknown or wider than any input Weft takes. */
    static Range rangeOf(Column column) {
        String sqlType = column.sqlType() == null ? "" : column.sqlType().toLowerCase(Locale.ROOT);
        boolean unsigned = sqlType.contains("unsigned");
        if (column.type() == ColumnType.DECIMAL) {
            int p = column.precision();
            int s = column.scale();
            if (p <= 0 || p > MAX_DIGITS || s < 0 || s > p || sqlType.contains("decfloat")) {
                return null;
            }
            BigDecimal max = BigDecimal.TEN.pow(p).subtract(BigDecimal.ONE).movePointLeft(s);
            return new Range(unsigned ? BigDecimal.ZERO : max.negate(), max, s);
        }
        if (column.type() == ColumnType.BIGINTEGER) {
            return Range.integers(0, new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        }
        if (column.type() != ColumnType.INT && column.type() != ColumnType.BIGINT) {
            return null;
        }
        String base = sqlType.replace("unsigned", "").trim();
        return switch (base) {
            case "tinyint", "int1" -> unsigned ? Range.integers(0, 255) : Range.integers(-128, 127);
            case "smallint", "int2", "smallserial" -> unsigned ? Range.integers(0, 65_535) : Range.integers(-32_768, 32_767);
            case "mediumint", "int3" -> unsigned ? Range.integers(0, 16_777_215) : Range.integers(-8_388_608, 8_388_607);
            case "int", "integer", "int4" -> unsigned ? Range.integers(0, 4_294_967_295L) : null;
            default -> null;
        };
    }
}
