package dev.weft.execute.sourcejson;

/**
 * How a field of a source-built level is written, and so which of the source's JSON tokens are taken as they are:
 * each kind accepts exactly the tokens whose bytes equal what Weft writes for the same value read as a row.
 */
public enum FieldKind {
    /** {@code Int}: digits with an optional minus; read back as an {@link Integer}. */
    INT,
    /** {@code Long}: digits with an optional minus; read back as a {@link Long}. */
    LONG,
    /**
     * {@code BigDecimal}: digits with an optional point, printed as {@link java.math.BigDecimal#toString()} prints
     * them; a value it would print with an exponent (six zeros after the point) is not taken.
     */
    DECIMAL,
    /** {@code Boolean}: {@code true} or {@code false}. */
    BOOLEAN,
    /** Text of any kind (strings, enums, UUIDs): a JSON string, re-escaped as Jackson escapes it. */
    STRING,
    /** {@code Date}: {@code "yyyy-MM-dd"}, years 0001 to 9999. */
    DATE,
    /** {@code LocalDateTime}: {@code "yyyy-MM-ddTHH:mm:ss[.fraction]"}, the fraction without trailing zeros. */
    TIMESTAMP
}
