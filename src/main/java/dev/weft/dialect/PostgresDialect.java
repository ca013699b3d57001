package dev.weft.dialect;

import java.sql.SQLException;
import java.util.List;

/** PostgreSQL: double quotes, {@code LIMIT/OFFSET}, {@code NULLS FIRST/LAST}, {@code ILIKE}, 65,535 binds. */
public final class PostgresDialect extends SqlDialect {

    @Override
    public void appendPage(StringBuilder sql, Long limit, Long offset, List<Object> params) {
        if (limit != null) {
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        if (offset != null) {
            sql.append(" OFFSET ?");
            params.add(offset);
        }
    }

    @Override
    public boolean supportsIlike() {
        return true;
    }

    @Override
    public boolean supportsDistinctOn() {
        return true;
    }

    /** The blank-padded character types, whose JSON keeps the padding, as the driver does. */
    private static final java.util.Set<String> PADDED_TYPES = java.util.Set.of("bpchar", "character", "char");

    /** Per column type, the type names whose JSON PostgreSQL prints as Weft writes the values read as rows. */
    private static final java.util.Map<dev.weft.catalog.ColumnType, java.util.Set<String>> JSON_TYPES = java.util.Map.of(
            dev.weft.catalog.ColumnType.INT, java.util.Set.of("int2", "int4", "smallint", "integer", "serial", "smallserial"),
            dev.weft.catalog.ColumnType.BIGINT, java.util.Set.of("int8", "bigint", "bigserial"),
            dev.weft.catalog.ColumnType.DECIMAL, java.util.Set.of("numeric", "decimal"),
            dev.weft.catalog.ColumnType.BOOLEAN, java.util.Set.of("bool", "boolean"),
            dev.weft.catalog.ColumnType.DATE, java.util.Set.of("date"),
            dev.weft.catalog.ColumnType.TIMESTAMP, java.util.Set.of("timestamp", "timestamp without time zone"));

    @Override
    public boolean buildsJsonArrays() {
        return true;
    }

    @Override
    public boolean groupsExactly(String sqlType) {
        return !"citext".equalsIgnoreCase(sqlType);
    }

    /** The planner's estimate ({@code reltuples}: -1 before the first ANALYZE, 0 for a view or an empty table). */
    @Override
    public String rowEstimateSql() {
        return "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)";
    }

    @Override
    public String jsonValue(String column, dev.weft.catalog.ColumnType type, String sqlType) {
        if (type == dev.weft.catalog.ColumnType.STRING || type == dev.weft.catalog.ColumnType.UUID) {
            // CHAR(n) as it is: its cast to text drops the padding that getString keeps; arrays, enums, domains, XML
            // as their text, which is what getString reads
            return sqlType != null && PADDED_TYPES.contains(sqlType.toLowerCase(java.util.Locale.ROOT)) ? column : column + "::text";
        }
        java.util.Set<String> names = JSON_TYPES.get(type);
        return names != null && sqlType != null && names.contains(sqlType.toLowerCase(java.util.Locale.ROOT)) ? column : null;
    }

    /** The character types, which have {@code LIKE} of their own: {@code citext}'s ignores case, {@code bpchar}'s sees the padding. */
    private static final java.util.Set<String> CHARACTER_TYPES = java.util.Set.of("text", "varchar", "bpchar", "citext",
            "name", "char", "character", "character varying");

    /**
     * A character column is matched as it is ({@code citext} case-insensitively, {@code CHAR(n)} with its padding,
     * as PostgreSQL's own {@code LIKE} does); any other type (an enum, a domain, XML) has no {@code LIKE} and is
     * matched on its text ({@code ::text}), as is a column whose type is unknown.
     */
    @Override
    public String likeOperand(String column, String sqlType) {
        return sqlType != null && CHARACTER_TYPES.contains(sqlType.toLowerCase(java.util.Locale.ROOT)) ? column : column + "::text";
    }

    /** Regular expressions ({@code ~}, {@code ~*}, {@code !~}, {@code !~*}) and {@code SIMILAR TO}; a LIKE pattern may not end in a backslash. */
    @Override
    public dev.weft.catalog.TextMatching textMatching() {
        return new dev.weft.catalog.TextMatching(true, true, true);
    }

    @Override
    public String regexMatch(String operand, boolean caseInsensitive, boolean negated) {
        return operand + " " + (negated ? "!" : "") + "~" + (caseInsensitive ? "*" : "") + " ?";
    }

    /** The protocol's limit (a 16-bit count of parameters in Bind), which the PostgreSQL driver enforces. */
    @Override
    public int maxBindParameters() {
        return 65_535;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public ErrorCode classify(SQLException e) {
        if ("57014".equals(e.getSQLState())) {
            return ErrorCode.TIMEOUT; // canceling statement due to statement timeout
        }
        return super.classify(e);
    }
}
