package dev.weft.execute;

import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Reads a column of a result set as the Java type of its {@link ColumnType}, losing no precision. */
public final class ColumnReader {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ColumnReader() {
    }

    public static Object read(ResultSet rs, int i, ColumnType type) throws SQLException {
        return switch (type) {
            case INT -> nullable(rs, rs.getInt(i));
            case BIGINT -> nullable(rs, rs.getLong(i));
            case BIGINTEGER -> {
                BigDecimal d = rs.getBigDecimal(i);
                yield d == null ? null : d.toBigIntegerExact();
            }
            case DECIMAL -> rs.getBigDecimal(i);
            case FLOAT -> floating(rs.getObject(i));
            case STRING -> rs.getString(i);
            case BOOLEAN -> nullable(rs, rs.getBoolean(i));
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case TIMETZ -> rs.getObject(i, OffsetTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMPTZ -> rs.getObject(i, OffsetDateTime.class);
            case JSON -> json(rs.getString(i));
            case UUID -> uuid(rs.getObject(i));
            case BYTES -> rs.getBytes(i);
            case OBJECT_ID -> rs.getString(i); // MongoDB only; a SQL column is never of this type
        };
    }

    /**
     * The class of every non-null value {@link #read} answers for {@code type}, or null where it varies (JSON: a map,
     * list, string, number or boolean).
     */
    public static Class<?> javaType(ColumnType type) {
        return switch (type) {
            case INT -> Integer.class;
            case BIGINT -> Long.class;
            case BIGINTEGER -> java.math.BigInteger.class;
            case DECIMAL -> BigDecimal.class;
            case FLOAT -> Double.class;
            case STRING, OBJECT_ID -> String.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMETZ -> OffsetTime.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMPTZ -> OffsetDateTime.class;
            case JSON -> null;
            case UUID -> java.util.UUID.class;
            case BYTES -> byte[].class;
        };
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** A REAL read as float keeps its shortest decimal form (1.1f is 1.1, not 1.100000023841858). */
    private static Double floating(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Float f) {
            return Double.valueOf(Float.toString(f));
        }
        return ((Number) value).doubleValue();
    }

    private static Object json(String text) {
        return text == null ? null : JSON.readValue(text, Object.class);
    }

    private static UUID uuid(Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        return UUID.fromString(value.toString());
    }
}
