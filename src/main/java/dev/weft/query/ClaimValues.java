package dev.weft.query;

import dev.weft.catalog.ColumnType;
import dev.weft.schema.Scalars;
import graphql.GraphQLContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Claims as tokens carry them, made values of a column's type. Tokens (Hasura's above all) carry
 * numbers and booleans as strings, and lists as JSON arrays or PostgreSQL array literals; a value
 * written plainly is read as the column's type, anything else is refused with a message that says
 * what was expected.
 *
 * <pre>{@code
 * ClaimValues.single("3", ColumnType.INT)              // 3
 * ClaimValues.single("true", ColumnType.BOOLEAN)       // true
 * ClaimValues.single("2024-05-01", ColumnType.DATE)    // LocalDate 2024-05-01
 * ClaimValues.single(42, ColumnType.STRING)            // "42"
 * ClaimValues.list("{1,2}")                            // ["1", "2"], then each read as above
 * ClaimValues.list(List.of("1", "2"))                  // ["1", "2"]
 * }</pre>
 */
public final class ClaimValues {
    /** An integer written plainly: an optional minus and digits (no sign +, blanks, point or exponent). */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** A decimal written plainly: an optional minus, digits, an optional fraction and exponent. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private ClaimValues() {
    }

    /** Why a value cannot be read; the message completes "... is not": "an int", "a date (ISO-8601, ...)". */
    public static final class NotCoercible extends RuntimeException {
        NotCoercible(String expected) {
            super(expected, null, false, false);
        }
    }

    /**
     * A single value of the column's type (as its GraphQL scalar reads variables): numbers and
     * booleans from their plain text, text from numbers and booleans, dates and times from ISO-8601.
     *
     * @throws NotCoercible with what was expected ("an int"), for a value that is not one, null, or a
     *     list or object (except for a JSON column)
     */
    public static Object single(Object value, ColumnType type) {
        if (value == null || type != ColumnType.JSON && (value instanceof Collection<?> || value instanceof Map<?, ?>)) {
            throw new NotCoercible(expected(type));
        }
        try {
            return Scalars.of(type).getCoercing().parseValue(plain(value, type), GraphQLContext.getDefault(), Locale.ROOT);
        } catch (RuntimeException e) {
            throw new NotCoercible(expected(type));
        }
    }

    /**
     * The elements of a list claim: a JSON array's, or a PostgreSQL array literal's ({@code "{1,2}"},
     * {@code "{\"a b\",c}"}, as Hasura sends lists in strings); any other single value is a list of one.
     *
     * @throws IllegalArgumentException for an array literal that is malformed, nested, or holds NULL
     */
    public static List<Object> list(Object value) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof String s && s.startsWith("{") && s.endsWith("}")) {
            return new ArrayList<>(arrayLiteral(s));
        }
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    /** The value a GraphQL variable of the column's scalar would hold for {@code value}. */
    private static Object plain(Object value, ColumnType type) {
        if (value instanceof String s) {
            return switch (type) {
                case INT -> new BigInteger(integer(s)).intValueExact();
                case BIGINT -> new BigInteger(integer(s)).longValueExact();
                case BIGINTEGER -> new BigInteger(integer(s));
                case DECIMAL -> new BigDecimal(decimal(s));
                case FLOAT -> Double.valueOf(decimal(s));
                case BOOLEAN -> bool(s);
                default -> s;
            };
        }
        if (type == ColumnType.STRING && (value instanceof Number || value instanceof Boolean)) {
            return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
        return value;
    }

    private static String integer(String s) {
        if (!INTEGER.matcher(s).matches()) {
            throw new IllegalArgumentException("not an integer");
        }
        return s;
    }

    private static String decimal(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("not a decimal");
        }
        return s;
    }

    private static Boolean bool(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** What a value of the type looks like, for messages: "an int", "a date (ISO-8601, 2024-05-01)". */
    public static String expected(ColumnType type) {
        return switch (type) {
            case INT -> "an int";
            case BIGINT -> "a bigint (a 64-bit integer)";
            case BIGINTEGER -> "an unsigned 64-bit integer";
            case DECIMAL -> "a decimal";
            case FLOAT -> "a float";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean (true or false)";
            case DATE -> "a date (ISO-8601, 2024-05-01)";
            case TIME -> "a time (ISO-8601, 13:45:00)";
            case TIMETZ -> "a time with offset (ISO-8601, 13:45:00Z)";
            case TIMESTAMP -> "a timestamp (ISO-8601, 2024-05-01T13:45:00)";
            case TIMESTAMPTZ -> "a timestamp with offset (ISO-8601, 2024-05-01T13:45:00Z)";
            case JSON -> "JSON";
            case UUID -> "a UUID";
            case BYTES -> "Base64 data";
            case OBJECT_ID -> "an ObjectId (24 hexadecimal digits)";
        };
    }

    /**
     * A PostgreSQL array literal of one dimension: {@code {a,b}}, elements optionally in double quotes
     * (with backslash escapes), blanks around elements ignored; {@code {}} is empty. An unquoted
     * {@code NULL} and nested arrays are refused: neither can be compared with a column.
     */
    static List<String> arrayLiteral(String text) {
        List<String> elements = new ArrayList<>();
        int i = 1;
        int end = text.length() - 1;
        i = skipBlanks(text, i, end);
        if (i == end) {
            return elements;
        }
        while (true) {
            i = skipBlanks(text, i, end);
            StringBuilder element = new StringBuilder();
            if (i < end && text.charAt(i) == '"') {
                i++;
                while (i < end && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    element.append(text.charAt(i++));
                }
                if (i >= end) {
                    throw new IllegalArgumentException("a quote is not closed in the array " + text);
                }
                i = skipBlanks(text, i + 1, end);
            } else {
                while (i < end && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '{' || c == '}' || c == '"') {
                        throw new IllegalArgumentException("the array " + text + " is nested or malformed");
                    }
                    element.append(c);
                }
                String plain = element.toString().strip();
                if (plain.isEmpty()) {
                    throw new IllegalArgumentException("the array " + text + " has an empty element");
                }
                if (plain.equalsIgnoreCase("NULL")) {
                    throw new IllegalArgumentException("the array " + text + " holds NULL, which matches no row");
                }
                element = new StringBuilder(plain);
            }
            elements.add(element.toString());
            if (i == end) {
                return elements;
            }
            if (text.charAt(i) != ',') {
                throw new IllegalArgumentException("the array " + text + " is malformed at position " + (i + 1));
            }
            i++;
        }
    }

    private static int skipBlanks(String text, int i, int end) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
