package dev.weft.hasura;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hasura boolean expressions and presets to Weft's row-filter syntax: a session variable ({@code "X-Hasura-User-Id"})
 * becomes a claim ({@code "@claims.x-hasura-user-id"}); the rest of the expression is Hasura's {@code where} syntax,
 * which Weft shares. Operators Weft has no equivalent for make the expression unconvertible (null).
 */
final class HasuraFilters {
    /** Column comparisons and {@code _exists}: no counterpart in Weft's row filters. */
    private static final Set<String> UNSUPPORTED = Set.of("_exists", "_ceq", "_cne", "_cgt", "_clt", "_cgte", "_clte");

    private HasuraFilters() {
    }

    /** The expression with session variables as claims, or null (with the reason in {@code why}) when it cannot be converted. */
    static Object convert(Object expression, List<String> why) {
        if (expression instanceof String s) {
            return s.toLowerCase(Locale.ROOT).startsWith("x-hasura-") ? "@claims." + s.toLowerCase(Locale.ROOT) : s;
        }
        if (expression instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (UNSUPPORTED.contains(key)) {
                    why.add("operator " + key);
                    return null;
                }
                Object value = convert(e.getValue(), why);
                if (value == null && e.getValue() != null) {
                    return null;
                }
                out.put(key, value);
            }
            return out;
        }
        if (expression instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                Object value = convert(item, why);
                if (value == null && item != null) {
                    return null;
                }
                out.add(value);
            }
            return out;
        }
        return expression;
    }

    static boolean isEmpty(Object filter) {
        return filter == null || filter instanceof Map<?, ?> m && m.isEmpty();
    }
}
