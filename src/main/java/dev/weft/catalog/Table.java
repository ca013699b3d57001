package dev.weft.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A table or view: columns in catalog order, primary key columns (empty for views and keyless
 * tables), foreign keys, and its GraphQL names ({@code typeName} such as {@code HrEmployees},
 * {@code rootField} such as {@code hr_employees}), and its comment in the source ({@code COMMENT ON TABLE},
 * MariaDB's {@code COMMENT='...'}, DB2's {@code REMARKS}; null when none), the GraphQL type's description.
 */
public record Table(
        TableRef ref,
        boolean view,
        List<Column> columns,
        List<String> primaryKey,
        List<ForeignKey> foreignKeys,
        String typeName,
        String rootField,
        String comment) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** A table without a comment. */
    public Table(TableRef ref, boolean view, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
                 String typeName, String rootField) {
        this(ref, view, columns, primaryKey, foreignKeys, typeName, rootField, null);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The column named exactly {@code name}, else the only one whose name differs just in case (so
     * that {@code emp_no} finds DB2's {@code EMP_NO}); empty when none or several match.
     */
    public Optional<Column> findColumn(String name) {
        Optional<Column> exact = column(name);
        if (exact.isPresent()) {
            return exact;
        }
        List<Column> folded = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    public Column requireColumn(String name) {
        return column(name).orElseThrow(() -> new IllegalArgumentException("no column " + name + " in " + ref));
    }

    public Table withNames(String typeName, String rootField) {
        return new Table(ref, view, columns, primaryKey, foreignKeys, typeName, rootField, comment);
    }
}
