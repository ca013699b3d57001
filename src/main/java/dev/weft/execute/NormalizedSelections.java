package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.query.Aggregates;
import dev.weft.query.QueryPlanner;
import dev.weft.schema.TableBinding;
import graphql.normalized.ExecutableNormalizedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link DirectExecutionStrategy} reads off a normalized field: child names, the nodes and
 * aggregate functions an aggregate field asks for.
 *
 * <pre>{@code
 * NormalizedSelections.names(f.getChildren());   // [emp_no, last_name, status]
 * }</pre>
 */
final class NormalizedSelections {
    private NormalizedSelections() {
    }

    static boolean has(ExecutableNormalizedField f, String child) {
        return f.getChildren().stream().anyMatch(c -> c.getName().equals(child));
    }

    static List<String> names(List<ExecutableNormalizedField> fields) {
        List<String> names = new ArrayList<>(fields.size());
        fields.forEach(f -> names.add(f.getName()));
        return names;
    }

    /** Field names under every {@code nodes} of an aggregate field (aliases included). */
    static List<String> nodeNames(ExecutableNormalizedField aggregate) {
        Set<String> names = new LinkedHashSet<>();
        aggregate.getChildren().stream().filter(c -> c.getName().equals("nodes"))
                .forEach(n -> n.getChildren().forEach(c -> names.add(c.getName())));
        return new ArrayList<>(names);
    }

    static Aggregates aggregatesOf(TableBinding binding, ExecutableNormalizedField aggregateField) {
        boolean count = false;
        Set<Aggregates.Count> counts = new LinkedHashSet<>();
        Set<Aggregates.Aggregate> functions = new LinkedHashSet<>();
        for (ExecutableNormalizedField aggregate : aggregateField.getChildren()) {
            if (!aggregate.getName().equals("aggregate")) {
                continue;
            }
            for (ExecutableNormalizedField f : aggregate.getChildren()) {
                if (f.getName().equals("count")) {
                    Aggregates.Count c = QueryPlanner.count(binding, f.getResolvedArguments());
                    if (c == null) {
                        count = true;
                    } else {
                        counts.add(c);
                    }
                    continue;
                }
                Aggregates.Function function = Aggregates.Function.ofFieldName(f.getName());
                if (function == null) {
                    continue;
                }
                for (ExecutableNormalizedField c : f.getChildren()) {
                    Column column = binding.columns().get(c.getName());
                    if (column != null) {
                        functions.add(new Aggregates.Aggregate(function, column.name()));
                    }
                }
            }
        }
        return new Aggregates(count, new ArrayList<>(counts), new ArrayList<>(functions));
    }

    static Map<String, Object> emptyAggregate(Aggregates aggregates) {
        Map<String, Object> v = new HashMap<>();
        v.put("count", 0L);
        aggregates.counts().forEach(c -> v.put(c.resultKey(), 0L));
        aggregates.functions().forEach(a -> v.put(a.resultKey(), null));
        return v;
    }
}
