package dev.weft.query;

import dev.weft.dialect.WeftException;

/**
 * Refuses a {@code _regex}/{@code _iregex}/{@code _nregex}/{@code _niregex} or {@code _similar}/{@code _nsimilar}
 * pattern before any source sees it when it is surely malformed for every engine that evaluates it (PostgreSQL's
 * regular expressions, PCRE2 on MariaDB, ICU on MySQL, Java's on H2 and MongoDB's in-process server): longer than
 * {@link LikePatterns#MAX_LENGTH}, a parenthesis without its partner, a bracket expression never closed, or (for a
 * regular expression) a final unescaped backslash. Anything subtler (a repetition count, an unknown escape, where the
 * dialects differ) is left to the engine, whose refusal is a {@code BAD_USER_INPUT} field error.
 *
 * <pre>{@code
 * RegexPatterns.check("name", "^(ab", false)   // BAD_USER_INPUT: the pattern for 'name' has an unclosed '(' at 2
 * RegexPatterns.check("name", "[(]x", false)   // fine: the '(' is inside a bracket expression
 * }</pre>
 */
public final class RegexPatterns {

    private RegexPatterns() {
    }

    /** A {@code BAD_USER_INPUT} naming {@code fieldName} when {@code pattern} is surely malformed. */
    public static void check(String fieldName, String pattern, boolean similar) {
        if (pattern.length() > LikePatterns.MAX_LENGTH) {
            throw WeftException.badInput("the pattern for '" + fieldName + "' has " + pattern.length()
                    + " characters; at most " + LikePatterns.MAX_LENGTH + " are allowed");
        }
        int open = -1;
        int depth = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 == pattern.length() && !similar) {
                    throw malformed(fieldName, "ends with an unescaped backslash");
                }
                i += 2;
                continue;
            }
            if (c == '[') {
                int end = bracketEnd(pattern, i);
                if (end < 0) {
                    throw malformed(fieldName, "has a '[' at " + (i + 1) + " that is never closed");
                }
                i = end + 1;
                continue;
            }
            if (c == '(') {
                open = depth == 0 ? i : open;
                depth++;
            } else if (c == ')' && --depth < 0) {
                throw malformed(fieldName, "has a ')' at " + (i + 1) + " without its '('");
            }
            i++;
        }
        if (depth > 0) {
            throw malformed(fieldName, "has an unclosed '(' at " + (open + 1));
        }
    }

    /** The index of the {@code ]} closing the bracket expression opened at {@code start}, or -1. */
    private static int bracketEnd(String pattern, int start) {
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a ']' first is a member, not the end
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ']') {
                return i;
            }
            if (c == '[' && i + 1 < pattern.length() && ":.=".indexOf(pattern.charAt(i + 1)) >= 0) {
                int close = pattern.indexOf(pattern.charAt(i + 1) + "]", i + 2); // [:alpha:], [.a.], [=a=]
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
                continue;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    private static WeftException malformed(String fieldName, String problem) {
        return WeftException.badInput("the pattern for '" + fieldName + "' " + problem + ": it is not a valid pattern");
    }
}
