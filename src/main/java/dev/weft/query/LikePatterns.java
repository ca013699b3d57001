package dev.weft.query;

import dev.weft.dialect.WeftException;

/**
 * Checks and normalises the pattern of {@code _like}, {@code _nlike}, {@code _ilike} and {@code _nilike} before
 * any source sees it: at most {@link #MAX_LENGTH} characters (a longer one is a {@code BAD_USER_INPUT}), and every
 * run of unescaped {@code %} collapsed to one, which matches exactly the same strings ({@code %%} is "any run,
 * then any run") but costs a backtracking matcher one nested loop per extra {@code %}.
 *
 * <pre>{@code
 * LikePatterns.normalize("%%%ab\\%%%")   // "%ab\\%%": the escaped % stays, the runs around it collapse
 * }</pre>
 */
public final class LikePatterns {
    /** The longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;

    private LikePatterns() {
    }

    /** The pattern with runs of {@code %} collapsed; a {@code BAD_USER_INPUT} when it is longer than {@link #MAX_LENGTH}. */
    public static String normalize(String fieldName, String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            throw WeftException.badInput("the pattern for '" + fieldName + "' has " + pattern.length()
                    + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        StringBuilder out = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i));
            } else if (c != '%' || out.isEmpty() || out.charAt(out.length() - 1) != '%' || escaped(out)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the last character of {@code out} is escaped (preceded by an odd run of backslashes). */
    private static boolean escaped(StringBuilder out) {
        int backslashes = 0;
        for (int i = out.length() - 2; i >= 0 && out.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
