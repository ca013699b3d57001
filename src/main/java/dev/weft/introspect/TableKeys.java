package dev.weft.introspect;

import dev.weft.catalog.ForeignKey;
import dev.weft.catalog.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primary and foreign keys of every table of one schema, gathered from catalog rows in any order:
 * columns by their position in the key, foreign keys of a table ordered by target schema, target table
 * and name (the order of JDBC's {@code getImportedKeys}).
 *
 * <pre>{@code
 * TableKeys keys = new TableKeys();
 * keys.primaryKeyColumn("employees", 1, "emp_no");
 * keys.foreignKeyColumn("dept_emp", "fk_emp", employeesRef, 1, "emp_no", "emp_no");
 * List<String> pk = keys.primaryKey("employees");   // [emp_no]
 * }</pre>
 */
final class TableKeys {
    static final Comparator<ForeignKey> JDBC_ORDER = Comparator
            .comparing((ForeignKey fk) -> String.valueOf(fk.target().schema()))
            .thenComparing(fk -> fk.target().name())
            .thenComparing(ForeignKey::name);

    private final Map<String, TreeMap<Integer, String>> primaryKeys = new HashMap<>();
    private final Map<String, Map<String, PendingKey>> foreignKeys = new HashMap<>();

    private record PendingKey(String name, TableRef target, TreeMap<Integer, String[]> pairs) {
    }

    void primaryKeyColumn(String table, int position, String column) {
        primaryKeys.computeIfAbsent(table, t -> new TreeMap<>()).put(position, column);
    }

    /** One column pair of a foreign key; a key is told apart from another of its table by name and target. */
    void foreignKeyColumn(String table, String name, TableRef target, int position, String column, String targetColumn) {
        foreignKeys.computeIfAbsent(table, t -> new HashMap<>())
                .computeIfAbsent(name + "|" + target, k -> new PendingKey(name, target, new TreeMap<>()))
                .pairs().put(position, new String[] {column, targetColumn});
    }

    List<String> primaryKey(String table) {
        TreeMap<Integer, String> columns = primaryKeys.get(table);
        return columns == null ? List.of() : List.copyOf(columns.values());
    }

    List<ForeignKey> foreignKeys(String table) {
        Map<String, PendingKey> keys = foreignKeys.get(table);
        if (keys == null) {
            return List.of();
        }
        List<ForeignKey> result = new ArrayList<>();
        for (PendingKey key : keys.values()) {
            result.add(new ForeignKey(key.name(), key.pairs().values().stream().map(p -> p[0]).toList(), key.target(),
                    key.pairs().values().stream().map(p -> p[1]).toList()));
        }
        result.sort(JDBC_ORDER);
        return result;
    }
}
