package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * How the key values of a relationship compare, whatever the two columns' types: per column pair a
 * domain is chosen once (numbers if either side is numeric, else text if either is text, else the
 * value itself), and every value is brought into it. So INTEGER 7 matches VARCHAR '7' and '7.0',
 * and CHAR padding is ignored ({@code 'd001  '} matches {@code 'd001'}). A MongoDB ObjectId is its hex
 * string in lower case (as drivers print it): it matches that text, and a number only when its 24 digits
 * are all decimal ({@code 000000000000000000000007} matches 7).
 *
 * <pre>{@code
 * JoinKeys keys = JoinKeys.of(List.of(intColumn), List.of(varcharColumn));
 * keys.canonical(List.of(7))               // [7]
 * keys.bindable(List.of(new BigDecimal(7))) // Optional[["7"]], ready to bind against the VARCHAR column
 * }</pre>
 */
public final class JoinKeys {
    enum Domain { INTEGER, NUMBER, OBJECT_ID, TEXT, VALUE }

    private final List<Domain> domains;
    private final List<ColumnType> sourceTypes;
    private final List<ColumnType> targetTypes;

    private JoinKeys(List<Domain> domains, List<ColumnType> sourceTypes, List<ColumnType> targetTypes) {
        this.domains = List.copyOf(domains);
        this.sourceTypes = List.copyOf(sourceTypes);
        this.targetTypes = List.copyOf(targetTypes);
    }

    public static JoinKeys of(List<Column> from, List<Column> to) {
        List<Domain> domains = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            ColumnType a = from.get(i).type();
            ColumnType b = to.get(i).type();
            domains.add(isInteger(a) && isInteger(b) ? Domain.INTEGER
                    : a.isNumeric() || b.isNumeric() ? Domain.NUMBER
                    : a == ColumnType.OBJECT_ID || b == ColumnType.OBJECT_ID ? Domain.OBJECT_ID
                    : a.isText() || b.isText() ? Domain.TEXT : Domain.VALUE);
        }
        return new JoinKeys(domains, from.stream().map(Column::type).toList(), to.stream().map(Column::type).toList());
    }

    /** The comparable form of a key, or null when a part is null or cannot equal anything on the other side. */
    public List<Object> canonical(List<Object> values) {
        return canonical(values, sourceTypes);
    }

    /** The comparable form of a key read from the related side (same rules as {@link #canonical}). */
    public List<Object> canonicalTarget(List<Object> values) {
        return canonical(values, targetTypes);
    }

    /** The one value of {@link #canonicalTarget(List)}'s key for a one-column key (what its list would hold), or null. */
    public Object canonicalTargetValue(Object value) {
        return canonical(domains.get(0), value, targetTypes.get(0));
    }

    private List<Object> canonical(List<Object> values, List<ColumnType> types) {
        List<Object> key = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = canonical(domains.get(i), values.get(i), types.get(i));
            if (v == null) {
                return null;
            }
            key.add(v);
        }
        return key;
    }

    /** A canonical key converted to the target columns' types, or empty when no target value can equal it. */
    public Optional<List<Object>> bindable(List<Object> canonical) {
        List<Object> values = new ArrayList<>(canonical.size());
        for (int i = 0; i < canonical.size(); i++) {
            Object v = toType(canonical.get(i), targetTypes.get(i));
            if (v == null) {
                return Optional.empty();
            }
            values.add(v);
        }
        return Optional.of(values);
    }

    private static Object canonical(Domain domain, Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (domain) {
            case INTEGER -> value instanceof Long l ? l : (Object) ((Number) value).longValue(); // 8 to 64-bit: compare as long
            case NUMBER -> type == ColumnType.OBJECT_ID ? number(value) : value instanceof CharSequence text
                    ? plainNumber(text.toString().stripTrailing()) : number(value);
            case OBJECT_ID -> text(value);
            case TEXT -> value instanceof BigDecimal d ? d.toPlainString() : text(value);
            case VALUE -> value instanceof byte[] b ? HexFormat.of().formatHex(b)
                    : value instanceof UUID u ? u.toString() : value;
        };
    }

    private static boolean isInteger(ColumnType type) {
        return type == ColumnType.INT || type == ColumnType.BIGINT;
    }

    private static BigDecimal number(Object value) {
        try {
            BigDecimal d = switch (value) {
                case BigDecimal b -> b;
                case java.math.BigInteger b -> new BigDecimal(b);
                case Double x -> BigDecimal.valueOf(x);
                case Float x -> new BigDecimal(Float.toString(x));
                case Number n -> BigDecimal.valueOf(n.longValue());
                case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
                default -> new BigDecimal(value.toString().trim());
            };
            return d == null ? null : d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null; // 'abc' can never equal a number
        }
    }

    /**
     * The number a text holds when it is written plainly, the way the number prints ({@code "7"},
     * {@code "-1.5"}), else null: {@code "007"}, {@code "7.0"} or {@code "+7"} equal no number, whichever side
     * the join starts from (a number is looked up in text as its plain form, so only plain text can meet it).
     */
    private static BigDecimal plainNumber(String text) {
        BigDecimal canonical = number(text);
        return canonical != null && canonical.toPlainString().equals(text) ? canonical : null;
    }

    private static String text(Object value) {
        return value.toString().stripTrailing();
    }

    /** 24 hex digits in lower case: the form of an ObjectId that equals text (drivers print it so). */
    private static boolean isObjectIdHex(String text) {
        return text.length() == 24 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /**
     * The ObjectId (as its hex string) equal to a canonical key: text that is its 24 hex digits in lower case,
     * or a whole number whose decimal digits, zero-padded to 24, are that hex string (7 meets 000000000000000000000007).
     */
    private static String objectId(Object canonical) {
        if (canonical instanceof BigDecimal d) {
            String digits = d.signum() < 0 ? "-" : d.toBigIntegerExact().toString(); // 7.5 throws: no ObjectId equals it
            return digits.length() > 24 || d.signum() < 0 ? null : "0".repeat(24 - digits.length()) + digits;
        }
        String text = canonical.toString();
        return isObjectIdHex(text) ? text : null;
    }

    private static Object toType(Object canonical, ColumnType type) {
        try {
            if (canonical instanceof Long l) {
                return type == ColumnType.INT ? Math.toIntExact(l) : type == ColumnType.BIGINT ? l : toType(BigDecimal.valueOf(l), type);
            }
            return switch (type) {
                case INT -> number(canonical).intValueExact();
                case BIGINT -> number(canonical).longValueExact();
                case BIGINTEGER -> number(canonical).toBigIntegerExact();
                case DECIMAL -> number(canonical);
                case FLOAT -> number(canonical).doubleValue();
                case STRING -> canonical instanceof BigDecimal d ? d.toPlainString() : canonical.toString();
                case UUID -> canonical instanceof UUID u ? u : UUID.fromString(canonical.toString().toLowerCase(Locale.ROOT));
                case BYTES -> canonical instanceof byte[] b ? b : HexFormat.of().parseHex(canonical.toString());
                case OBJECT_ID -> objectId(canonical);
                default -> canonical;
            };
        } catch (ArithmeticException | IllegalArgumentException | NullPointerException e) {
            return null; // e.g. 7.5 against an INTEGER column, or 2^40 against INT: no row can match
        }
    }
}
