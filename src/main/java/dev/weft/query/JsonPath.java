package dev.weft.query;

import dev.weft.dialect.WeftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code path} argument of a PostgreSQL {@code json}/{@code jsonb} field, as Hasura writes it
 * ({@code "a.b[0]"}, {@code "$.a.b[0]"}, {@code "a[\"key.with.dots\"]"}), applied to the value read with PostgreSQL's
 * {@code #>} rules: an object step takes the key, an array step an integer index (negative from the end), anything
 * else, or a missing key or index, gives null.
 *
 * <pre>{@code
 * JsonPath.at(Map.of("a", Map.of("b", List.of(7))), "a.b[0]")   // 7
 * }</pre>
 */
public final class JsonPath {
    private static final Pattern STEP = Pattern.compile("\\.?([^.\\[\\]\"]+)|\\[(-?\\d+)]|\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");

    private JsonPath() {
    }

    /** The steps of {@code path}; a malformed path is a {@code BAD_USER_INPUT}. */
    public static List<String> parse(String path) {
        String rest = path.startsWith("$") ? path.substring(1) : path;
        List<String> steps = new ArrayList<>();
        Matcher m = STEP.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at || (at == 0 && rest.startsWith(".") && !path.startsWith("$"))) {
                throw WeftException.badInput("malformed JSON path '" + path + "' at character " + (at + path.length() - rest.length() + 1)
                        + "; write it as a.b[0] or $.a[\"b.c\"]");
            }
            steps.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3).replaceAll("\\\\(.)", "$1"));
            at = m.end();
        }
        return steps;
    }

    /** {@code value} at {@code path} (null: the whole value). */
    public static Object at(Object value, Object path) {
        return path == null ? value : apply(value, parse((String) path));
    }

    /** {@code value} at the parsed {@code steps}. */
    public static Object apply(Object value, List<?> steps) {
        Object current = value;
        for (Object element : steps) {
            String step = (String) element;
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("-?\\d{1,9}")) {
                int index = Integer.parseInt(step);
                index = index < 0 ? list.size() + index : index;
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
