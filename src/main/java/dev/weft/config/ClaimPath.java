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
 * The value found is a role (a string) or several (a list of strings, in order). A path also names
 * where the caller's claims sit in a token ({@code weft.security.jwt.claims-namespace-path}).
 */
public record ClaimPath(String text, List<String> segments) {
    /** The default role claim: a top-level {@code role}. */
    public static final String DEFAULT = "role";
    /** Hasura's session variables, whose names match ignoring case. */
    private static final String HASURA_PREFIX = "x-hasura-";

    public ClaimPath {
        segments = List.copyOf(segments);
    }

    /** The path of one top-level key, whatever characters it holds ({@code https://hasura.io/jwt/claims}). */
    public static ClaimPath key(String key) {
        return new ClaimPath("[\"" + key + "\"]", List.of(key));
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
        Object current = find(claims);
        if (current instanceof String s) {
            return List.of(s);
        }
        if (current instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /** The value at this path in {@code claims} (each key by {@link #lookup}'s rule), or null when there is none. */
    public Object find(Map<String, ?> claims) {
        Object current = claims;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = lookup(map, segment);
        }
        return current;
    }

    /**
     * The claim {@code name} of {@code claims}: the exact key, or, for Hasura's session variables (a name
     * that starts with {@code x-hasura-} in any case), the one key that equals it ignoring case, since
     * Hasura matches them so ({@code X-Hasura-Tenant-Id} finds {@code x-hasura-tenant-id}). Two keys
     * that differ only in case make the claim ambiguous: null, never a guess.
     */
    public static Object lookup(Map<?, ?> claims, String name) {
        Object exact = claims.get(name);
        if (exact != null || !name.regionMatches(true, 0, HASURA_PREFIX, 0, HASURA_PREFIX.length())) {
            return exact;
        }
        Object found = null;
        int matches = 0;
        for (var entry : claims.entrySet()) {
            if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name) && entry.getValue() != null) {
                found = entry.getValue();
                matches++;
            }
        }
        return matches == 1 ? found : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
