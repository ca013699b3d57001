package dev.weft.catalog;

/** The name of a configured service ({@code hr}); its own type so it is never mixed up with a table name. */
public record ServiceName(String value) {
    @Override
    public String toString() {
        return value;
    }
}
