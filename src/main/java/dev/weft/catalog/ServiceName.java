package dev.weft.catalog;

/** The name of a configured service ({@code hr}); its own type so it is never mixed up with a table name. */
public record ServiceName(String value) {
    /** The name's own hash: a record's generated hash goes through a method handle, on every map lookup of a request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
