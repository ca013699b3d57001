package dev.weft.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits every request runs under: {@code weft.limits.*} (defaults below), which a role's
 * {@code limits:} in access.yml may lower or raise ({@link #with(LimitOverrides)}).
 *
 * <pre>{@code
 * LimitSettings analyst = LimitSettings.DEFAULTS.with(new LimitOverrides(6, 200, null, null, null));
 * analyst.maxDepth();   // 6; maxRows() stays 100000
 * }</pre>
 *
 * @param maxDepth         the most nested fields on one path of a query, fragments expanded
 * @param maxFields        the most fields a query selects, every fragment spread counted as often as it is used
 * @param maxRows          the most rows one list in a response may hold
 * @param maxResponseBytes the most bytes (estimated from the values read) one response may hold
 * @param requestTimeout   how long one request may run
 */
public record LimitSettings(int maxDepth, int maxFields, int maxRows, long maxResponseBytes, Duration requestTimeout) {
    public static final LimitSettings DEFAULTS = new LimitSettings(25, 1_000, 100_000, 16L * 1024 * 1024, Duration.ofSeconds(30));

    /** These limits with every override that is set. */
    public LimitSettings with(LimitOverrides o) {
        if (o == null) {
            return this;
        }
        return new LimitSettings(o.maxDepth() == null ? maxDepth : o.maxDepth(),
                o.maxFields() == null ? maxFields : o.maxFields(),
                o.maxRows() == null ? maxRows : o.maxRows(),
                o.maxResponseBytes() == null ? maxResponseBytes : o.maxResponseBytes(),
                o.requestTimeout() == null ? requestTimeout : o.requestTimeout());
    }

    /**
     * Limits given in one place (weft.limits or a role of access.yml); null means "not set here".
     *
     * <pre>{@code
     * new LimitOverrides(6, 200, null, LimitSettings.bytes("8MB"), null)
     * }</pre>
     */
    public record LimitOverrides(Integer maxDepth, Integer maxFields, Integer maxRows, Long maxResponseBytes,
                                 Duration requestTimeout) {
        public static final LimitOverrides NONE = new LimitOverrides(null, null, null, null, null);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KB|MB|GB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    /** {@code 16MB}, {@code 512KB}, {@code 1048576} (bytes; KB, MB and GB are powers of 1024), or null when not a size. */
    public static Long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long n = Long.parseLong(m.group(1));
        return n > Long.MAX_VALUE / unit ? null : n * unit;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or null when not a duration. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
