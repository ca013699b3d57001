package dev.weft.execute.activity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The shape of bound values, never the values: their types in order, a run of one type folded into one entry.
 *
 * <pre>{@code
 * ParameterShapes.of(List.of("active", 1, 2, 3))   // ["text", "integer × 3"]
 * }</pre>
 */
public final class ParameterShapes {
    private ParameterShapes() {
    }

    public static List<String> of(List<?> values) {
        List<String> types = new ArrayList<>(values.size());
        values.forEach(v -> types.add(type(v)));
        return folded(types);
    }

    /** Runs of one type folded: {@code [integer, integer, text]} becomes {@code [integer × 2, text]}. */
    public static List<String> folded(List<String> types) {
        List<String> shapes = new ArrayList<>();
        int i = 0;
        while (i < types.size()) {
            int j = i;
            while (j < types.size() && types.get(j).equals(types.get(i))) {
                j++;
            }
            shapes.add(j - i == 1 ? types.get(i) : types.get(i) + " × " + (j - i));
            i = j;
        }
        return shapes;
    }

    static String type(Object value) {
        return switch (value) {
            case null -> "null";
            case Integer i -> "integer";
            case Short s -> "integer";
            case Byte b -> "integer";
            case Long l -> "bigint";
            case BigInteger b -> "decimal";
            case BigDecimal b -> "decimal";
            case Double d -> "double";
            case Float f -> "double";
            case CharSequence s -> "text";
            case Boolean b -> "boolean";
            case LocalDate d -> "date";
            case LocalTime t -> "time";
            case OffsetTime t -> "time";
            case LocalDateTime t -> "timestamp";
            case java.sql.Timestamp t -> "timestamp";
            case OffsetDateTime t -> "timestamptz";
            case Instant t -> "timestamptz";
            case UUID u -> "uuid";
            case byte[] b -> "bytes";
            default -> value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }
}
