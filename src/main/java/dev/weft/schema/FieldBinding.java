package dev.weft.schema;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;

/** What one generated field does; the {@link FetcherFactory} turns each into a data fetcher. */
public sealed interface FieldBinding {
    /** {@code hr_employees(where, order_by, limit, offset)}. */
    record RootList(TableRef table) implements FieldBinding {
    }

    /** {@code hr_employees_by_pk(emp_no: ...)}. */
    record RootByPk(TableRef table) implements FieldBinding {
    }

    /** {@code hr_employees_aggregate(...)}. */
    record RootAggregate(TableRef table) implements FieldBinding {
    }

    /** A column of a row. */
    record ColumnField(Column column, TableRef table) implements FieldBinding {
        /** A field of a nested document (masks apply to top-level columns only). */
        public ColumnField(Column column) {
            this(column, null);
        }
    }

    /** An object or list relationship of a row. */
    record RelationshipField(Relationship relationship) implements FieldBinding {
    }

    /** {@code <relationship>_aggregate} of a row. */
    record RelationshipAggregate(Relationship relationship) implements FieldBinding {
    }

    /**
     * {@code _entities(representations:)} of Apollo Federation. Its fetcher returns one element per
     * representation, in order: null, or the row with its local context set to its GraphQL type name (the
     * {@code _Entity} union resolves types by it).
     */
    record Entities() implements FieldBinding {
    }

    /** {@code _service}: the subgraph SDL of the request's schema ({@link dev.weft.schema.federation.SubgraphSdl}). */
    record Service() implements FieldBinding {
    }
}
