package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.schema.Scalars;
import graphql.GraphQLContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The key values of an entity representation, brought to the key columns' types by the rules of cross-source
 * keys ({@link JoinKeys}): a gateway sends JSON, so {@code "7"} meets an INT key 7 and {@code 7} a VARCHAR key
 * {@code '7'}; dates, times and booleans are read as their GraphQL scalars read them ({@code "2024-05-01"}).
 * A value that no row can hold ({@code "abc"} for an INT key) gives no key: that representation is null.
 *
 * <pre>{@code
 * EntityKeys keys = new EntityKeys(List.of(orderIdColumn));   // INT
 * keys.bindable(List.of("7"))                                 // Optional[[7]]
 * keys.canonical(row)                                         // [7L], to line rows up with representations
 * }</pre>
 */
final class EntityKeys {
    private final List<Column> columns;
    private final JoinKeys rows;

    EntityKeys(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.rows = JoinKeys.of(columns, columns);
    }

    List<Column> columns() {
        return columns;
    }

    /** The values to bind for a representation's key values (one per column), or empty when no row can match. */
    Optional<List<Object>> bindable(List<Object> values) {
        List<Object> bound = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = coerce(columns.get(i), values.get(i));
            if (value == null) {
                return Optional.empty();
            }
            bound.add(value);
        }
        return Optional.of(bound);
    }

    /** The comparable form of bound key values or of a row's key columns (equal exactly when they match). */
    List<Object> canonical(List<Object> bound) {
        return rows.canonical(bound);
    }

    List<Object> canonical(Row row) {
        List<Object> values = new ArrayList<>(columns.size());
        columns.forEach(c -> values.add(row.get(c.name())));
        return rows.canonical(values);
    }

    private static Object coerce(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case INT, BIGINT, BIGINTEGER, DECIMAL, FLOAT, STRING, UUID, BYTES, OBJECT_ID -> {
                ColumnType from = value instanceof String ? ColumnType.STRING
                        : value instanceof BigDecimal || value instanceof Double || value instanceof Float ? ColumnType.DECIMAL
                        : value instanceof BigInteger ? ColumnType.BIGINTEGER
                        : value instanceof Number ? ColumnType.BIGINT : null;
                if (from == null) {
                    yield null; // a boolean, an object or a list is no key value
                }
                JoinKeys keys = JoinKeys.of(List.of(new Column("representation", "representation", from, false, "json")), List.of(column));
                List<Object> canonical = keys.canonical(List.of(value));
                yield canonical == null ? null : keys.bindable(canonical).map(b -> b.get(0)).orElse(null);
            }
            default -> {
                try {
                    yield Scalars.of(column.type()).getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
                } catch (RuntimeException e) {
                    yield null; // not a value of the key's type: no row has it
                }
            }
        };
    }
}
