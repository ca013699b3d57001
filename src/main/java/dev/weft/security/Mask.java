package dev.weft.security;

import dev.weft.catalog.ColumnType;
import dev.weft.config.AccessSpec.MaskStrategy;

/**
 * Applies a masking strategy to a value, keeping its type (a masked non-null field stays non-null):
 * <ul>
 *   <li>{@code email}: {@code jane.doe@example.com} becomes {@code j***@example.com} (text without
 *       an {@code @} becomes {@code ***});</li>
 *   <li>{@code last4}: every character but the last four becomes {@code *}: {@code ************1111};</li>
 *   <li>{@code hash}: the SHA-256 of the text, in hex (the same value always gives the same hash, so
 *       masked values can still be grouped; short values can be guessed back by trying them);</li>
 *   <li>{@code redact}: text becomes {@code [redacted]}, a number 0;</li>
 *   <li>{@code null}: null (nullable columns only).</li>
 * </ul>
 * Which strategy fits which column is checked at start-up ({@link #fits}).
 */
public final class Mask {

    private Mask() {
    }

    /** Why {@code strategy} cannot mask a column of this type and nullability, or null when it can. */
    public static String fits(MaskStrategy strategy, ColumnType type, boolean nullable) {
        return switch (strategy) {
            case NULL -> nullable ? null : "the column is NOT NULL, so it cannot be masked to null";
            case REDACT -> type.isText() || type.isNumeric() ? null : "redact masks text and numbers only";
            case EMAIL, LAST4, HASH -> type.isText() ? null : strategy.configName() + " masks text columns only";
        };
    }

    /** The masked form of a value already read from the source (null stays null). */
    public static Object apply(MaskStrategy strategy, Object value) {
        if (value == null) {
            return null;
        }
        return switch (strategy) {
            case NULL -> null;
            case REDACT -> value instanceof CharSequence ? "[redacted]" : zero(value);
            case EMAIL -> email(value.toString());
            case LAST4 -> last4(value.toString());
            case HASH -> ApiKey.sha256Hex(value.toString());
        };
    }

    private static Object zero(Object number) {
        return switch (number) {
            case Integer i -> 0;
            case Long l -> 0L;
            case Double d -> 0.0;
            case java.math.BigInteger b -> java.math.BigInteger.ZERO;
            default -> java.math.BigDecimal.ZERO;
        };
    }

    private static String email(String text) {
        int at = text.indexOf('@');
        return at <= 0 ? "***" : text.charAt(0) + "***" + text.substring(at);
    }

    private static String last4(String text) {
        int keep = Math.min(4, text.length());
        return "*".repeat(text.length() - keep) + text.substring(text.length() - keep);
    }
}
