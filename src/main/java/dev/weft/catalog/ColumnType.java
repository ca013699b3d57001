package dev.weft.catalog;

/**
 * What a column holds, independent of the engine; decides its GraphQL scalar and the Java type
 * values take in rows and bind parameters (in brackets).
 */
public enum ColumnType {
    /** 8 to 32-bit signed integers [Integer]. */
    INT,
    /** 64-bit signed integers and unsigned 32-bit ones [Long]. */
    BIGINT,
    /** Unsigned 64-bit integers [BigInteger]. */
    BIGINTEGER,
    /** Exact decimals of any precision [BigDecimal]. */
    DECIMAL,
    /** Binary floating point, single or double [Double]. */
    FLOAT,
    /** Character data of any length, enums, XML, MariaDB's JSON (a LONGTEXT) [String]. */
    STRING,
    BOOLEAN,
    /** [LocalDate]. */
    DATE,
    /** Time of day without zone [LocalTime]. */
    TIME,
    /** Time of day with offset [OffsetTime]. */
    TIMETZ,
    /** Timestamp without zone [LocalDateTime]. */
    TIMESTAMP,
    /** Timestamp with zone [OffsetDateTime]. */
    TIMESTAMPTZ,
    /** JSON documents [parsed Map / List / scalar]. */
    JSON,
    /** [java.util.UUID]. */
    UUID,
    /** Binary data [byte[]], written as Base64 in GraphQL. */
    BYTES,
    /** A MongoDB ObjectId [String: its 24 lower-case hex digits], the GraphQL scalar {@code ObjectId}. */
    OBJECT_ID;

    public boolean isNumeric() {
        return this == INT || this == BIGINT || this == BIGINTEGER || this == DECIMAL || this == FLOAT;
    }

    /** Whether {@code _gt}/{@code _lt}, {@code min}/{@code max} and sorting make sense. */
    public boolean isOrdered() {
        return this != JSON && this != BYTES && this != BOOLEAN;
    }

    public boolean isText() {
        return this == STRING;
    }

    /**
     * Whether a value of this type can ever equal one of {@code other}, by the key rules of the README:
     * numbers meet numbers, text meets anything (compared as text or as a number), temporal types meet
     * only their own kind, JSON meets nothing. An ObjectId is text here: its hex string.
     */
    public boolean canEqual(ColumnType other) {
        if (this == JSON || other == JSON) {
            return false;
        }
        if (this == other || isText() || other.isText() || this == OBJECT_ID || other == OBJECT_ID) {
            return true;
        }
        boolean numberish = (isNumeric() || this == BOOLEAN) && (other.isNumeric() || other == BOOLEAN);
        return numberish;
    }

    /** Whether values can be compared for equality in SQL ({@code _eq}, {@code _in}, join keys). */
    public boolean isComparable() {
        return this != JSON;
    }
}
