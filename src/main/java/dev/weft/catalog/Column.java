package dev.weft.catalog;

import java.util.List;

/**
 * A column as catalogued ({@code name}, exact case) with its GraphQL field name and type.
 * {@code sqlType} is the engine's own type name, kept for messages and dialect decisions.
 *
 * <p>MongoDB fields may have a shape SQL columns never have: {@code fields} (non-empty) makes the column a
 * nested document (a nested GraphQL object type; its {@code type} is then {@link ColumnType#JSON}), and
 * {@code list} makes it an array of such documents or of {@code type} values. The query model addresses a
 * nested field by its dotted path ({@code payload.browser}).
 *
 * <p>{@code precision} and {@code scale} are what a {@code DECIMAL(p, s)} column holds, as the source reports them
 * ({@code DECIMAL(12,2)}: 12 and 2); 0 and 0 where unknown or not a decimal (an unconstrained PostgreSQL
 * {@code numeric}, a MongoDB field).
 *
 * <p>{@code comment} is the column's comment in the source ({@code COMMENT ON COLUMN}, MariaDB's {@code COMMENT '...'},
 * DB2's {@code REMARKS}), shown as the GraphQL field's description; null when it has none.
 */
public record Column(String name, String fieldName, ColumnType type, boolean nullable, String sqlType,
                     List<Column> fields, boolean list, int precision, int scale, String comment) {
    public Column {
        fields = List.copyOf(fields);
    }

    /** A column without a comment. */
    public Column(String name, String fieldName, ColumnType type, boolean nullable, String sqlType,
                  List<Column> fields, boolean list, int precision, int scale) {
        this(name, fieldName, type, nullable, sqlType, fields, list, precision, scale, null);
    }

    /** A column of one value (every SQL column) whose precision is unknown or irrelevant. */
    public Column(String name, String fieldName, ColumnType type, boolean nullable, String sqlType) {
        this(name, fieldName, type, nullable, sqlType, List.of(), false);
    }

    /** A column, possibly a document or a list, whose precision is unknown or irrelevant. */
    public Column(String name, String fieldName, ColumnType type, boolean nullable, String sqlType,
                  List<Column> fields, boolean list) {
        this(name, fieldName, type, nullable, sqlType, fields, list, 0, 0);
    }

    /** A column of one value with the precision and scale its source reports. */
    public static Column sized(String name, String fieldName, ColumnType type, boolean nullable, String sqlType,
                               int precision, int scale) {
        return new Column(name, fieldName, type, nullable, sqlType, List.of(), false, precision, scale);
    }

    /** This column with {@code comment} (null: none). */
    public Column withComment(String comment) {
        return new Column(name, fieldName, type, nullable, sqlType, fields, list, precision, scale, comment);
    }

    /** Whether the column holds a nested document (or, with {@link #list}, documents). */
    public boolean isDocument() {
        return !fields.isEmpty();
    }

    /** Whether values are single scalars: neither a document nor a list (every SQL column). */
    public boolean isScalar() {
        return fields.isEmpty() && !list;
    }
}
