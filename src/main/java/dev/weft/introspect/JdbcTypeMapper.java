package dev.weft.introspect;

import dev.weft.catalog.ColumnType;
import java.sql.Types;
import java.util.Locale;

/**
 * Maps a JDBC column ({@code DATA_TYPE}, {@code TYPE_NAME}, {@code COLUMN_SIZE}) to a {@link ColumnType}
 * without losing precision. Engine type names are checked first because drivers report several
 * distinct types under one JDBC code (PostgreSQL's {@code uuid} and {@code jsonb} are {@code OTHER},
 * {@code timestamptz} is {@code TIMESTAMP}). Anything unknown is text, read with {@code getString}.
 */
public final class JdbcTypeMapper {

    private JdbcTypeMapper() {
    }

    public static ColumnType map(int jdbcType, String typeName, int size) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        ColumnType byName = byName(name);
        if (byName != null) {
            return byName;
        }
        if (name.contains("unsigned")) {
            return unsigned(jdbcType);
        }
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ColumnType.INT;
            case Types.BIGINT -> ColumnType.BIGINT;
            case Types.NUMERIC, Types.DECIMAL -> ColumnType.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.FLOAT;
            case Types.BOOLEAN -> ColumnType.BOOLEAN;
            case Types.BIT -> size <= 1 ? ColumnType.BOOLEAN : ColumnType.BYTES;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIME -> ColumnType.TIME;
            case Types.TIME_WITH_TIMEZONE -> ColumnType.TIMETZ;
            case Types.TIMESTAMP -> ColumnType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMPTZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ColumnType.BYTES;
            default -> ColumnType.STRING;
        };
    }

    private static ColumnType byName(String name) {
        return switch (name) {
            case "json", "jsonb" -> ColumnType.JSON;
            case "uuid" -> ColumnType.UUID;
            case "timestamptz", "timestamp with time zone" -> ColumnType.TIMESTAMPTZ;
            case "timetz", "time with time zone" -> ColumnType.TIMETZ;
            case "bool", "boolean" -> ColumnType.BOOLEAN;
            case "year" -> ColumnType.INT;
            case "bytea" -> ColumnType.BYTES;
            case "money" -> ColumnType.STRING;
            case "decfloat" -> ColumnType.DECIMAL; // DB2's decimal floating point (JCC reports its own type code)
            default -> null;
        };
    }

    private static ColumnType unsigned(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT -> ColumnType.INT;
            case Types.INTEGER -> ColumnType.BIGINT;
            case Types.BIGINT -> ColumnType.BIGINTEGER;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.FLOAT;
            default -> ColumnType.DECIMAL;
        };
    }
}
