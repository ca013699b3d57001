package dev.weft.config;

import java.util.List;
import java.util.Map;

/**
 * One write permission of a role on a table, as access.yml writes it under {@code insert},
 * {@code update} or {@code delete} (checked for form, not yet against the catalog). Values of
 * {@code filter}, {@code check} and {@code set} may be {@code "@claims.<name>"}.
 *
 * <pre>{@code
 * insert:
 *   columns: [name, balance]                          # null: every column
 *   set: { tenant_id: "@claims.tenant_id" }           # presets, applied after the caller's values
 *   check: { tenant_id: { _eq: "@claims.tenant_id" } }
 * }</pre>
 *
 * @param line       the line of the {@code insert}/{@code update}/{@code delete} key
 * @param columns    the columns the role may set (null: all); unused for delete
 * @param filter     the rows the role may update or delete (null: all); unused for insert
 * @param check      what every written row must satisfy (null: nothing); unused for delete
 * @param presets    column values set by Weft (empty: none); unused for delete
 * @param keyLines   the line of each key ({@code columns}, {@code filter}, {@code check}, {@code set})
 */
public record WriteSpec(int line, List<String> columns, Map<String, Object> filter, Map<String, Object> check,
                        Map<String, Object> presets, Map<String, Integer> keyLines) {
    public WriteSpec {
        columns = columns == null ? null : List.copyOf(columns);
        filter = filter == null ? null : java.util.Collections.unmodifiableMap(filter);
        check = check == null ? null : java.util.Collections.unmodifiableMap(check);
        presets = presets == null ? Map.of() : java.util.Collections.unmodifiableMap(presets);
        keyLines = Map.copyOf(keyLines);
    }

    public int lineOf(String key) {
        return keyLines.getOrDefault(key, line);
    }

    /** The three kinds of write, with the keys each allows. */
    public enum Kind {
        INSERT(List.of("columns", "set", "check")),
        UPDATE(List.of("columns", "filter", "check", "set")),
        DELETE(List.of("filter"));

        private final List<String> keys;

        Kind(List<String> keys) {
            this.keys = keys;
        }

        public List<String> keys() {
            return keys;
        }

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
