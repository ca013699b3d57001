package dev.weft.catalog;

import dev.weft.catalog.Relationship.Cardinality;
import dev.weft.config.ConfigProblem;
import dev.weft.config.RelationshipSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves relationships.yml entries against the named sources: every service, table and column
 * must exist (exact name first, else the one name that matches ignoring case, so DB2's
 * {@code EMPLOYEE_STATUS} is reachable as {@code employee_status}); paired key columns must be able
 * to hold equal values; the field name must not be a column of the parent. Problems carry the
 * entry's file and line.
 */
final class VirtualRelationships {
    private final Map<String, Source> sources;

    VirtualRelationships(List<Source> sources) {
        this.sources = new java.util.LinkedHashMap<>();
        sources.forEach(s -> this.sources.put(s.settings().name(), s));
    }

    List<Relationship> resolve(List<RelationshipSpec> specs, List<ConfigProblem> problems) {
        List<Relationship> result = new ArrayList<>();
        for (RelationshipSpec spec : specs) {
            int before = problems.size();
            Optional<Table> from = table(spec, "service", spec.service(), "table", spec.table(), problems);
            Optional<Table> to = table(spec, "ref_service", spec.refService(), "ref_table", spec.refTable(), problems);
            Optional<Table> junction = spec.type() == RelationshipSpec.Type.MANY_TO_MANY
                    ? table(spec, "junction_service", spec.junctionServiceOrDefault(), "junction_table", spec.junctionTable(), problems)
                    : Optional.empty();
            if (problems.size() > before) {
                continue;
            }
            List<Column> fromColumns = columns(spec, "field", from.get(), spec.field(), problems);
            List<Column> toColumns = columns(spec, "ref_field", to.get(), spec.refField(), problems);
            List<Column> junctionFrom = junction.isPresent() ? columns(spec, "junction_field", junction.get(), spec.junctionField(), problems) : List.of();
            List<Column> junctionTo = junction.isPresent() ? columns(spec, "junction_ref_field", junction.get(), spec.junctionRefField(), problems) : List.of();
            if (problems.size() > before) {
                continue;
            }
            if (junction.isPresent()) {
                checkTypes(spec, "junction_field", fromColumns, junctionFrom, problems);
                checkTypes(spec, "junction_ref_field", junctionTo, toColumns, problems);
            } else {
                checkTypes(spec, "ref_field", fromColumns, toColumns, problems);
            }
            checkNotAColumn(spec, from.get(), problems);
            checkRequired(spec, fromColumns, problems);
            if (problems.size() > before) {
                continue;
            }
            Optional<Relationship.Junction> j = junction.map(t -> new Relationship.Junction(t.ref(), names(junctionFrom), names(junctionTo)));
            result.add(new Relationship(spec.name(), spec.type().isObject() ? Cardinality.OBJECT : Cardinality.ARRAY,
                    from.get().ref(), names(fromColumns), to.get().ref(), names(toColumns), j, spec.description(),
                    spec.required()));
        }
        return result;
    }

    private Optional<Table> table(RelationshipSpec spec, String serviceKey, String service, String tableKey, String name,
                                  List<ConfigProblem> problems) {
        Source source = sources.get(service);
        if (source == null) {
            problems.add(spec.problem(serviceKey, "unknown service '" + service + "'; configured: "
                    + String.join(", ", sources.keySet())));
            return Optional.empty();
        }
        Optional<Table> table = source.findTable(name);
        if (table.isEmpty()) {
            boolean ambiguous = source.tables().stream().anyMatch(t -> t.ref().name().equalsIgnoreCase(name));
            problems.add(spec.problem(tableKey, "no table or view '" + name + "' in service '" + service + "'"
                    + (ambiguous ? " (several differ only in case: name it exactly)" : "")));
        }
        return table;
    }

    private static List<Column> columns(RelationshipSpec spec, String key, Table table, List<String> names,
                                        List<ConfigProblem> problems) {
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            Optional<Column> column = table.findColumn(name);
            if (column.isEmpty()) {
                problems.add(spec.problem(key, "no column '" + name + "' in " + table.ref()));
            } else {
                columns.add(column.get());
            }
        }
        return columns;
    }

    private static void checkTypes(RelationshipSpec spec, String key, List<Column> left, List<Column> right,
                                   List<ConfigProblem> problems) {
        for (int i = 0; i < left.size(); i++) {
            Column a = left.get(i);
            Column b = right.get(i);
            if (!a.type().canEqual(b.type())) {
                problems.add(spec.problem(key, "'" + a.name() + "' (" + a.sqlType() + ") and '" + b.name() + "' ("
                        + b.sqlType() + ") can never hold equal values"));
            }
        }
    }

    private static void checkNotAColumn(RelationshipSpec spec, Table from, List<ConfigProblem> problems) {
        for (Column c : from.columns()) {
            if (c.fieldName().equals(spec.name())
                    || (!spec.type().isObject() && c.fieldName().equals(spec.name() + GraphqlNames.AGGREGATE_FIELD))) {
                problems.add(spec.problem("name", "'" + spec.name() + "' is already the field of column '" + c.name()
                        + "' of " + from.ref()));
            }
        }
    }

    /** A required object needs a key on every parent row: a row whose key column is null has no related row. */
    private static void checkRequired(RelationshipSpec spec, List<Column> fromColumns, List<ConfigProblem> problems) {
        if (!spec.required() || !spec.type().isObject()) {
            return;
        }
        for (Column c : fromColumns) {
            if (c.nullable()) {
                problems.add(spec.problem("required", "the column '" + c.name() + "' of field may be null, and a row"
                        + " without its key has no related row; only an object relationship on NOT NULL columns can be required"));
            }
        }
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
