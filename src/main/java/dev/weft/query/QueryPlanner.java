package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TextMatching;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.query.Predicate.CompareOp;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a field's GraphQL arguments ({@code where}, {@code order_by} and {@code distinct_on} through
 * {@link OrderPlanner}, {@code limit}, {@code offset}) and selection into the query model. Pure: no I/O, no engine knowledge.
 *
 * <pre>{@code
 * Select s = planner.select(employeesRef, Map.of("where", Map.of("emp_no", Map.of("_gt", 10)), "limit", 5), selection);
 * // Select[employees, columns=[emp_no, ...], where=Compare[emp_no GT 10], page=Page[5, null]]
 * }</pre>
 */
public final class QueryPlanner {
    private final SchemaBindings bindings;
    private final Access access;
    private final OrderPlanner orders;

    public QueryPlanner(SchemaBindings bindings) {
        this(bindings, Access.UNRESTRICTED);
    }

    private QueryPlanner(SchemaBindings bindings, Access access) {
        this.bindings = bindings;
        this.access = access;
        this.orders = new OrderPlanner(bindings, access);
    }

    /**
     * A planner for one request's caller: every select it makes keeps to the rows the caller may see,
     * wherever a table is reached (the root, a relationship, a filter or an order through one, a
     * junction), and its lists to the role's max-limit.
     */
    public QueryPlanner forAccess(Access callerAccess) {
        return callerAccess == access ? this : new QueryPlanner(bindings, callerAccess);
    }

    public Access access() {
        return access;
    }

    /** The row with this primary key (arguments by GraphQL field name), if the caller may see it. */
    public Select byPk(TableRef table, Map<String, Object> arguments, List<String> columns) {
        dev.weft.catalog.Table t = bindings.table(table).table();
        if (!access.mayAddressByKey(t)) { // the role's schema has no such field; this holds for any other way in
            throw new WeftException(dev.weft.dialect.ErrorCode.FORBIDDEN, "role '" + access.role()
                    + "' may not address rows of " + table + " by key: it does not see every key column");
        }
        List<Predicate> keys = new ArrayList<>();
        keys.add(access.filter(table));
        t.primaryKey().forEach(c -> keys.add(new Predicate.Compare(c, Predicate.CompareOp.EQ,
                arguments.get(t.requireColumn(c).fieldName()))));
        return new Select(table, columns, Predicate.and(keys), List.of(), Page.ALL);
    }

    public SchemaBindings bindings() {
        return bindings;
    }

    /** The select of an aggregate field, for a field's selection set (see {@link #aggregateSelectFields}). */
    public Select aggregateSelect(TableRef table, Map<String, Object> arguments, List<String> nodeColumns, boolean wantsNodes) {
        return select(table, arguments, List.of(), nodeColumns, aggregatePage(arguments, wantsNodes));
    }

    /** The select of a list field: its arguments plus the columns the selection (and its relationships) need. */
    public Select select(TableRef table, Map<String, Object> arguments, DataFetchingFieldSelectionSet selection,
                         List<String> requiredColumns) {
        List<String> names = selection == null ? List.of()
                : selection.getImmediateFields().stream().map(SelectedField::getName).toList();
        return selectFields(table, arguments, names, requiredColumns);
    }

    /** The same select, for a selection given by its field names (the direct executor's normalized fields). */
    public Select selectFields(TableRef table, Map<String, Object> arguments, Collection<String> fieldNames,
                               List<String> requiredColumns) {
        return select(table, arguments, fieldNames, requiredColumns, page(arguments));
    }

    /**
     * The select of an aggregate field ({@code <table>_aggregate}, {@code <relationship>_aggregate}),
     * {@code nodeFieldNames} being the fields under its {@code nodes}: its page is the caller's own, so
     * that {@code aggregate { ... }} computes over every row the caller may see (max-limit caps rows
     * returned, never what an aggregate computes); {@link #nodesPage} gives the page of its nodes.
     */
    public Select aggregateSelectFields(TableRef table, Map<String, Object> arguments, Collection<String> nodeFieldNames,
                                        boolean wantsNodes) {
        return select(table, arguments, nodeFieldNames, List.of(), aggregatePage(arguments, wantsNodes));
    }

    private Select select(TableRef table, Map<String, Object> arguments, Collection<String> fieldNames,
                          List<String> requiredColumns, Page page) {
        TableBinding binding = bindings.table(table);
        Set<String> columns = new LinkedHashSet<>(requiredColumns);
        columns.addAll(columnsOf(binding, fieldNames));
        Predicate where = Predicate.and(List.of(access.filter(table), where(binding, arguments.get("where"))));
        List<OrderTerm> orderBy = orders.terms(binding, arguments.get("order_by"));
        List<String> distinctOn = orders.distinctOn(binding, arguments.get("distinct_on"), arguments.get("order_by"), orderBy);
        columns.addAll(distinctOn);
        return new Select(table, ensureOne(binding.table(), columns), where, orderBy, page, distinctOn);
    }

    /** Column names a selection set reads, including the join columns of selected relationships ("phantom" columns). */
    public Set<String> columnsOf(TableBinding binding, DataFetchingFieldSelectionSet selection) {
        return selection == null ? new LinkedHashSet<>()
                : columnsOf(binding, selection.getImmediateFields().stream().map(SelectedField::getName).toList());
    }

    /** Column names that fields of these names read, join columns of relationships included. */
    public Set<String> columnsOf(TableBinding binding, Collection<String> fieldNames) {
        Set<String> columns = new LinkedHashSet<>();
        for (String name : fieldNames) {
            Column column = binding.columns().get(name);
            if (column != null) {
                columns.add(column.name());
                continue;
            }
            Relationship r = relationshipOf(binding, name);
            if (r != null) {
                columns.addAll(r.fromColumns());
            }
        }
        return columns;
    }

    /** The aggregates requested under {@code aggregate { ... }} of an aggregate field. */
    public Aggregates aggregates(TableBinding binding, DataFetchingFieldSelectionSet selection) {
        List<Aggregates.Aggregate> functions = new ArrayList<>();
        for (Aggregates.Function function : Aggregates.Function.values()) {
            String name = function.fieldName();
            Set<String> seen = new LinkedHashSet<>();
            for (SelectedField f : selection.getFields("aggregate/" + name + "/*")) {
                Column column = binding.columns().get(f.getName());
                if (column != null && seen.add(column.name())) {
                    functions.add(new Aggregates.Aggregate(function, column.name()));
                }
            }
        }
        boolean plain = false;
        List<Aggregates.Count> counts = new ArrayList<>();
        for (SelectedField f : selection.getFields("aggregate/count")) {
            Aggregates.Count c = count(binding, f.getArguments());
            if (c == null) {
                plain = true;
            } else if (!counts.contains(c)) {
                counts.add(c);
            }
        }
        return new Aggregates(plain, counts, functions);
    }

    /** A count over columns; null for a plain count (no columns). */
    @SuppressWarnings("unchecked")
    public static Aggregates.Count count(TableBinding binding, Map<String, Object> arguments) {
        List<String> names = (List<String>) arguments.get("columns");
        if (names == null || names.isEmpty()) {
            return null;
        }
        boolean distinct = Boolean.TRUE.equals(arguments.get("distinct"));
        if (distinct && names.size() > 1) {
            throw new WeftException(ErrorCode.BAD_USER_INPUT,
                    "count(distinct: true) takes one column; " + names.size() + " were given");
        }
        List<String> columns = names.stream().map(n -> binding.columns().get(n).name()).toList();
        return new Aggregates.Count(columns, distinct, dev.weft.schema.AggregateTypes.countKey(names, distinct));
    }

    /** The relationship behind a field name, {@code <name>_aggregate} included; null for anything else. */
    public static Relationship relationshipOf(TableBinding binding, String fieldName) {
        Relationship r = binding.relationships().get(fieldName);
        if (r == null && fieldName.endsWith(GraphqlNames.AGGREGATE_FIELD)) {
            r = binding.relationships().get(fieldName.substring(0, fieldName.length() - GraphqlNames.AGGREGATE_FIELD.length()));
        }
        return r;
    }

    /** The page of a list; within the role's max-limit ({@link Paging#list}). */
    public Page page(Map<String, Object> arguments) {
        return Paging.list(arguments, access);
    }

    /** The page an aggregate field computes over ({@link Paging#aggregate}): max-limit does not cut it. */
    public Page aggregatePage(Map<String, Object> arguments, boolean wantsNodes) {
        return Paging.aggregate(arguments, wantsNodes, access);
    }

    /** The page of an aggregate field's {@code nodes} ({@link Paging#nodes}): cut to the role's max-limit. */
    public Page nodesPage(Page aggregatePage) {
        return Paging.nodes(aggregatePage, access);
    }

    @SuppressWarnings("unchecked")
    public Predicate where(TableBinding binding, Object where) {
        if (where == null) {
            return Predicate.TRUE;
        }
        List<Predicate> parts = new ArrayList<>();
        for (var entry : ((Map<String, Object>) where).entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            parts.add(switch (entry.getKey()) {
                case "_and" -> Predicate.and(list(entry.getValue()).stream().map(w -> where(binding, w)).toList());
                case "_or" -> or(list(entry.getValue()).stream().map(w -> where(binding, w)).toList());
                case "_not" -> new Predicate.Not(where(binding, entry.getValue()));
                default -> fieldCondition(binding, entry.getKey(), (Map<String, Object>) entry.getValue());
            });
        }
        return Predicate.and(parts);
    }

    private Predicate fieldCondition(TableBinding binding, String field, Map<String, Object> condition) {
        Column column = binding.columns().get(field);
        if (column != null) {
            return column.isDocument() ? documentCondition(column.name() + ".", column, condition, binding.textMatching())
                    : columnCondition(column.name(), column, condition, binding.textMatching());
        }
        Relationship r = binding.relationships().get(field);
        if (r == null) {
            throw WeftException.badInput("unknown field '" + field + "' in where");
        }
        // the related rows a relationship reaches are only those the caller may see (and the junction's)
        Predicate inner = Predicate.and(List.of(access.filter(r.to()), where(bindings.table(r.to()), condition)));
        Predicate junctionRows = r.junction().map(j -> access.filter(j.table())).orElse(Predicate.TRUE);
        if (!r.sameSource()) {
            return new Predicate.SemiJoin(r, inner, junctionRows);
        }
        if (r.junction().isPresent()) {
            var j = r.junction().get();
            return new Predicate.Exists(j.table(), r.fromColumns(), j.fromColumns(), Predicate.and(List.of(junctionRows,
                    new Predicate.Exists(r.to(), j.toColumns(), r.toColumns(), inner))));
        }
        return new Predicate.Exists(r.to(), r.fromColumns(), r.toColumns(), inner);
    }

    /**
     * The filter of a nested document (MongoDB): its fields are addressed by dotted paths
     * ({@code payload.browser}), with {@code _and}, {@code _or} and {@code _not} inside it too.
     */
    @SuppressWarnings("unchecked")
    private Predicate documentCondition(String prefix, Column document, Object where, TextMatching matching) {
        List<Predicate> parts = new ArrayList<>();
        for (var entry : ((Map<String, Object>) where).entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            parts.add(switch (entry.getKey()) {
                case "_and" -> Predicate.and(list(value).stream().map(w -> documentCondition(prefix, document, w, matching)).toList());
                case "_or" -> or(list(value).stream().map(w -> documentCondition(prefix, document, w, matching)).toList());
                case "_not" -> new Predicate.Not(documentCondition(prefix, document, value, matching));
                default -> {
                    Column field = OrderPlanner.nestedField(document, entry.getKey(), "where");
                    yield field.isDocument() ? documentCondition(prefix + field.name() + ".", field, value, matching)
                            : columnCondition(prefix + field.name(), field, (Map<String, Object>) value, matching);
                }
            });
        }
        return Predicate.and(parts);
    }

    /** Conditions on one column, or on a nested field at the dotted {@code path}. */
    private Predicate columnCondition(String path, Column column, Map<String, Object> condition, TextMatching matching) {
        List<Predicate> parts = new ArrayList<>();
        String c = path;
        for (var op : condition.entrySet()) {
            Object v = op.getValue();
            if (v == null && !op.getKey().equals("_is_null")) {
                throw WeftException.badInput("'" + op.getKey() + "' on '" + column.fieldName()
                        + "' needs a value; use _is_null to test for null");
            }
            parts.add(switch (op.getKey()) {
                case "_eq" -> InputBounds.compare(c, column, CompareOp.EQ, v);
                case "_neq" -> InputBounds.compare(c, column, CompareOp.NEQ, v);
                case "_gt" -> InputBounds.compare(c, column, CompareOp.GT, v);
                case "_gte" -> InputBounds.compare(c, column, CompareOp.GTE, v);
                case "_lt" -> InputBounds.compare(c, column, CompareOp.LT, v);
                case "_lte" -> InputBounds.compare(c, column, CompareOp.LTE, v);
                case "_in" -> InputBounds.in(c, column, list(v), false);
                case "_nin" -> InputBounds.in(c, column, list(v), true);
                case "_is_null" -> v == null ? Predicate.TRUE : new Predicate.IsNull(c, (Boolean) v);
                case "_contains", "_contained_in", "_has_key", "_has_keys_any", "_has_keys_all" ->
                        JsonbConditions.of(c, column, op.getKey(), v);
                default -> TextConditions.of(c, column, op.getKey(), v, matching);
            });
        }
        return Predicate.and(parts);
    }

    private static Predicate or(List<Predicate> parts) {
        if (parts.contains(Predicate.TRUE)) {
            return Predicate.TRUE;
        }
        List<Predicate> kept = parts.stream().filter(p -> !Predicate.FALSE.equals(p)).toList();
        return kept.isEmpty() ? Predicate.FALSE : kept.size() == 1 ? kept.get(0) : new Predicate.Or(kept);
    }

    /** The terms of an {@code order_by} argument ({@link OrderPlanner}). */
    public List<OrderTerm> orderBy(TableBinding binding, Object orderBy) {
        return orders.terms(binding, orderBy);
    }

    private static List<String> ensureOne(Table table, Set<String> columns) {
        if (columns.isEmpty()) {
            columns.add(table.primaryKey().isEmpty() ? table.columns().get(0).name() : table.primaryKey().get(0));
        }
        return List.copyOf(columns);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }
}
