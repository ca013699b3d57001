package dev.weft.plan;

import dev.weft.catalog.Column;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.execute.JoinKeys;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.schema.SchemaBindings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The executors and the catalog the plans read, with the small key helpers they share. */
final class Sources {
    private final SchemaBindings bindings;
    private final Map<ServiceName, SourceExecutor> executors;
    private final MemoryBudget budget;

    Sources(SchemaBindings bindings, Map<ServiceName, SourceExecutor> executors, MemoryBudget budget) {
        this.bindings = bindings;
        this.executors = executors;
        this.budget = budget;
    }

    SourceExecutor of(TableRef table) {
        return executors.get(table.service());
    }

    MemoryBudget budget() {
        return budget;
    }

    /** Whether {@code target} is read within the same statement as rows of {@code scope} (same SQL source). */
    boolean joinsWithin(TableRef scope, TableRef target) {
        return scope.service().equals(target.service()) && of(target).supportsJoins();
    }

    Table table(TableRef table) {
        return bindings.table(table).table();
    }

    List<Column> columns(TableRef table, List<String> names) {
        Table t = table(table);
        return names.stream().map(t::requireColumn).toList();
    }

    /** Keys read from {@code from} columns, converted to values the {@code to} columns can hold; duplicates removed. */
    List<List<Object>> convert(List<List<Object>> keys, TableRef fromTable, List<String> from, TableRef toTable,
                               List<String> to) {
        JoinKeys joins = JoinKeys.of(columns(fromTable, from), columns(toTable, to));
        Map<List<Object>, List<Object>> converted = new LinkedHashMap<>();
        for (List<Object> key : keys) {
            List<Object> canonical = joins.canonical(key);
            if (canonical != null) {
                joins.bindable(canonical).ifPresent(b -> converted.putIfAbsent(canonical, b));
            }
        }
        return new ArrayList<>(converted.values());
    }

    static List<Object> values(Row row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        columns.forEach(c -> values.add(row.get(c)));
        return values;
    }
}
