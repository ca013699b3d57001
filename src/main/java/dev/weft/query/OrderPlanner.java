package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.WeftException;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a list field's {@code order_by} and {@code distinct_on} into {@link OrderTerm}s: columns of the
 * table, columns reached through object relationships, and aggregates over array relationships
 * ({@code {orders_aggregate: {count: desc}}}, {@code {orders_aggregate: {max: {total: asc}}}}), each related
 * table seen through the caller's row filter. Pure: no I/O.
 *
 * <pre>{@code
 * terms(binding, List.of(Map.of("dept_no", "asc"), Map.of("salary", "desc")))
 * // [OrderTerm[dept_no ASC], OrderTerm[salary DESC NULLS FIRST]]
 * }</pre>
 */
final class OrderPlanner {
    private final SchemaBindings bindings;
    private final Access access;

    OrderPlanner(SchemaBindings bindings, Access access) {
        this.bindings = bindings;
        this.access = access;
    }

    /**
     * The catalog columns of {@code distinct_on} (GraphQL field names), checked against {@code order_by} by
     * {@link DistinctOn#check}; with no {@code order_by}, {@code terms} gets them ascending, so that each
     * combination's rows are adjacent and the first one is well defined.
     */
    List<String> distinctOn(TableBinding binding, Object distinctOn, Object orderBy, List<OrderTerm> terms) {
        List<String> names = DistinctOn.names(distinctOn);
        if (names.isEmpty()) {
            return List.of();
        }
        DistinctOn.check(names, orderBy);
        List<String> columns = new ArrayList<>();
        for (String name : names) {
            Column column = binding.columns().get(name);
            if (column == null || !column.isScalar()) {
                throw WeftException.badInput("unknown column '" + name + "' in distinct_on");
            }
            columns.add(column.name());
        }
        if (terms.isEmpty()) {
            columns.forEach(c -> terms.add(ownTerm(binding.table().requireColumn(c), List.of(), "asc")));
        }
        return List.copyOf(columns);
    }

    @SuppressWarnings("unchecked")
    List<OrderTerm> terms(TableBinding binding, Object orderBy) {
        List<OrderTerm> terms = new ArrayList<>();
        if (orderBy == null) {
            return terms;
        }
        for (Object element : orderBy instanceof List<?> l ? l : List.of(orderBy)) {
            if (element != null) {
                addTerms(binding, (Map<String, Object>) element, List.of(), terms);
            }
        }
        return terms;
    }

    @SuppressWarnings("unchecked")
    private void addTerms(TableBinding binding, Map<String, Object> spec, List<OrderTerm.Hop> hops, List<OrderTerm> out) {
        for (var entry : spec.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            Column column = binding.columns().get(entry.getKey());
            if (column != null && column.isDocument()) {
                addDocumentTerms(hops, column.name() + ".", column, (Map<String, Object>) entry.getValue(), out);
                continue;
            }
            if (column != null) {
                out.add(ownTerm(column, hops, (String) entry.getValue()));
                continue;
            }
            Relationship r = binding.relationships().get(entry.getKey());
            if (r != null && r.cardinality() == Relationship.Cardinality.OBJECT) {
                List<OrderTerm.Hop> deeper = new ArrayList<>(hops);
                deeper.add(new OrderTerm.Hop(r.to(), r.fromColumns(), r.toColumns(), access.filter(r.to())));
                addTerms(bindings.table(r.to()), (Map<String, Object>) entry.getValue(), deeper, out);
                continue;
            }
            Relationship array = QueryPlanner.relationshipOf(binding, entry.getKey());
            if (array == null || r != null || array.cardinality() == Relationship.Cardinality.OBJECT || array.junction().isPresent()) {
                throw WeftException.badInput("cannot order by '" + entry.getKey() + "'");
            }
            addAggregateTerms(array, (Map<String, Object>) entry.getValue(), hops, out);
        }
    }

    /** {@code {count: desc}} or {@code {max: {total: asc}}} of {@code <relationship>_aggregate}. */
    @SuppressWarnings("unchecked")
    private void addAggregateTerms(Relationship r, Map<String, Object> spec, List<OrderTerm.Hop> hops, List<OrderTerm> out) {
        OrderTerm.Hop related = new OrderTerm.Hop(r.to(), r.fromColumns(), r.toColumns(), access.filter(r.to()));
        TableBinding target = bindings.table(r.to());
        for (var entry : spec.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (entry.getKey().equals("count")) {
                OrderTerm t = term(hops, null, (String) entry.getValue());
                out.add(new OrderTerm(hops, null, t.descending(), null, new OrderTerm.AggregateOf(related, null)));
                continue;
            }
            Aggregates.Function function = function(entry.getKey());
            for (var columnEntry : ((Map<String, Object>) entry.getValue()).entrySet()) {
                Column column = target.columns().get(columnEntry.getKey());
                if (columnEntry.getValue() == null) {
                    continue;
                }
                if (column == null || !column.isScalar()) {
                    throw WeftException.badInput("unknown column '" + columnEntry.getKey() + "' in order_by " + r.fieldName()
                            + "_aggregate");
                }
                OrderTerm t = term(hops, column.name(), (String) columnEntry.getValue());
                out.add(new OrderTerm(hops, column.name(), t.descending(), t.nulls(), new OrderTerm.AggregateOf(related, function)));
            }
        }
    }

    private static Aggregates.Function function(String fieldName) {
        Aggregates.Function f = Aggregates.Function.ofFieldName(fieldName);
        if (f != null) {
            return f;
        }
        throw WeftException.badInput("unknown aggregate '" + fieldName + "' in order_by");
    }

    /** A column of the table in scope; a NOT NULL column of the table itself has no nulls to place (indexes serve it). */
    private static OrderTerm ownTerm(Column column, List<OrderTerm.Hop> hops, String direction) {
        OrderTerm t = term(hops, column.name(), direction);
        return hops.isEmpty() && !column.nullable() ? new OrderTerm(hops, t.column(), t.descending(), null) : t;
    }

    /** Order terms on fields of a nested document (MongoDB), by their dotted paths; nulls placed as asked. */
    @SuppressWarnings("unchecked")
    private static void addDocumentTerms(List<OrderTerm.Hop> hops, String prefix, Column document, Map<String, Object> spec,
                                         List<OrderTerm> out) {
        for (var entry : spec.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            Column field = nestedField(document, entry.getKey(), "order_by");
            if (field.isDocument()) {
                addDocumentTerms(hops, prefix + field.name() + ".", field, (Map<String, Object>) entry.getValue(), out);
            } else {
                out.add(term(hops, prefix + field.name(), (String) entry.getValue()));
            }
        }
    }

    static Column nestedField(Column document, String fieldName, String where) {
        return document.fields().stream().filter(f -> f.fieldName().equals(fieldName)).findFirst()
                .orElseThrow(() -> WeftException.badInput("unknown field '" + fieldName + "' of '" + document.fieldName()
                        + "' in " + where));
    }

    private static OrderTerm term(List<OrderTerm.Hop> hops, String column, String direction) {
        return switch (direction) {
            case "asc", "asc_nulls_last" -> new OrderTerm(hops, column, false, NullsOrder.LAST);
            case "asc_nulls_first" -> new OrderTerm(hops, column, false, NullsOrder.FIRST);
            case "desc", "desc_nulls_first" -> new OrderTerm(hops, column, true, NullsOrder.FIRST);
            case "desc_nulls_last" -> new OrderTerm(hops, column, true, NullsOrder.LAST);
            default -> throw WeftException.badInput("unknown order '" + direction + "'");
        };
    }
}
