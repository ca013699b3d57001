package dev.weft.catalog;

/**
 * A column as catalogued ({@code name}, exact case) with its GraphQL field name and type.
 * {@code sqlType} is the engine's own type name, kept for messages and dialect decisions.
 */
public record Column(String name, String fieldName, ColumnType type, boolean nullable, String sqlType) {
}
