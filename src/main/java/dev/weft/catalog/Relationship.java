package dev.weft.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A field that links rows of {@code from} to rows of {@code to}: {@code fromColumns[i]} equals
 * {@code toColumns[i]} (through {@code junction} for many-to-many). Derived from foreign keys, or
 * declared in relationships.yml.
 *
 * <p>Example: {@code dept_emp.emp_no -> employees.emp_no} gives the object relationship
 * {@code employees} on {@code dept_emp} and the array relationship {@code dept_emp} on {@code employees}.
 *
 * <p>{@code required} (relationships.yml's {@code required: true}) makes the field non-null: an object
 * relationship {@code T!}, a list {@code [T!]!}. Where a required object has no (visible) row, the null bubbles
 * to the nearest nullable parent with one error at the field's path (GraphQL's null propagation).
 */
public record Relationship(
        String fieldName,
        Cardinality cardinality,
        TableRef from,
        List<String> fromColumns,
        TableRef to,
        List<String> toColumns,
        Optional<Junction> junction,
        String description,
        boolean required) {

    /** A relationship that may be null (every one derived from a foreign key). */
    public Relationship(String fieldName, Cardinality cardinality, TableRef from, List<String> fromColumns, TableRef to,
                        List<String> toColumns, Optional<Junction> junction, String description) {
        this(fieldName, cardinality, from, fromColumns, to, toColumns, junction, description, false);
    }

    public Relationship {
        fromColumns = List.copyOf(fromColumns);
        toColumns = List.copyOf(toColumns);
    }

    public enum Cardinality {
        /** At most one related row: an object field. */
        OBJECT,
        /** Any number of related rows: a list field with where/order_by/limit/offset. */
        ARRAY
    }

    /** A junction table: {@code fromColumns} pair with the parent, {@code toColumns} with the related table. */
    public record Junction(TableRef table, List<String> fromColumns, List<String> toColumns) {
        public Junction {
            fromColumns = List.copyOf(fromColumns);
            toColumns = List.copyOf(toColumns);
        }
    }

    /**
     * The name and both tables, which equal relationships share: the generated hash would go through every field, by
     * method handles, on each lookup of a relationship's join keys (once per parent row).
     */
    @Override
    public int hashCode() {
        return (31 * java.util.Objects.hashCode(fieldName) + java.util.Objects.hashCode(from)) * 31
                + java.util.Objects.hashCode(to);
    }

    /** Whether both sides (and the junction) live in one service, so SQL can join them directly (EXISTS, ORDER BY). */
    public boolean sameSource() {
        return from.service().equals(to.service())
                && junction.map(j -> j.table().service().equals(from.service())).orElse(true);
    }
}
