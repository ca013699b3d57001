package dev.weft.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a JWT carries its roles ({@code weft.security.jwt.role-claim}): dotted names, with keys that
 * contain dots (or any other character) in brackets and quotes, and an optional leading {@code $}.
 *
 * <pre>{@code
 * ClaimPath.parse("role")                                                   // {"role": "analyst"}
 * ClaimPath.parse("realm_access.roles")                                     // {"realm_access": {"roles": ["a", "b"]}}
 * ClaimPath.parse("[\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"]")
 * ClaimPath.parse("$.app['roles']")
 * }</pre>
 *
 * The value found is a role (a string) or several (a list of strings, in order).
 */
public record ClaimPath(String text, List<String> segments) {
    /** The default role claim: a top-level {@code role}. */
    public static final String DEFAULT = "role";

    public ClaimPath {
        segments = List.copyOf(segments);
    }

    /** Parses a path; throws {@link IllegalArgumentException} saying what is wrong and where. */
    public static ClaimPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("names no claim");
        }
        List<String> segments = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (text.charAt(0) == '$') {
            if (n == 1 || (text.charAt(1) != '.' && text.charAt(1) != '[')) {
                throw new IllegalArgumentException("'$' must be followed by .name or [\"key\"]");
            }
            i = text.charAt(1) == '.' ? 2 : 1;
        }
        while (true) {
            i = i < n && text.charAt(i) == '[' ? bracket(text, i, segments) : name(text, i, segments);
            if (i == n) {
                return new ClaimPath(text, segments);
            }
            char c = text.charAt(i);
            if (c == '.') {
                i++;
                if (i == n || text.charAt(i) == '[' || text.charAt(i) == '.') {
                    throw new IllegalArgumentException("a '.' must be followed by a name (position " + i + ")");
                }
            } else if (c != '[') {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + (i + 1)
                        + "; quote keys with other characters, as in [\"" + c + "...\"]");
            }
        }
    }

    private static int name(String text, int start, List<String> segments) {
        int i = start;
        while (i < text.length() && ".[]\"'$".indexOf(text.charAt(i)) < 0 && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new IllegalArgumentException(start >= text.length() ? "ends without a name"
                    : "unexpected '" + text.charAt(start) + "' at position " + (start + 1)
                    + "; quote keys with other characters, as in [\"key\"]");
        }
        segments.add(text.substring(start, i));
        return i;
    }

    private static int bracket(String text, int start, List<String> segments) {
        char quote = start + 1 < text.length() ? text.charAt(start + 1) : 0;
        if (quote != '"' && quote != '\'') {
            throw new IllegalArgumentException("a '[' at position " + (start + 1) + " must hold a quoted key, as in [\"x.y\"]");
        }
        int end = text.indexOf(quote, start + 2);
        if (end < 0) {
            throw new IllegalArgumentException("the quote opened at position " + (start + 2) + " is not closed");
        }
        if (end + 1 >= text.length() || text.charAt(end + 1) != ']') {
            throw new IllegalArgumentException("expected ']' at position " + (end + 2));
        }
        if (end == start + 2) {
            throw new IllegalArgumentException("an empty key at position " + (start + 1));
        }
        segments.add(text.substring(start + 2, end));
        return end + 2;
    }

    /**
     * The roles at this path in {@code claims}: one for a string, each string of a list in order,
     * none when the path leads nowhere or to anything else.
     */
    public List<String> values(Map<String, ?> claims) {
        Object current = claims;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return List.of();
            }
            current = map.get(segment);
        }
        if (current instanceof String s) {
            return List.of(s);
        }
        if (current instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    @Override
    public String toString() {
        return text;
    }
}
