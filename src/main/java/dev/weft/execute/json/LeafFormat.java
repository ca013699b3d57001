package dev.weft.execute.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * How one selected leaf column becomes JSON, chosen once per column per request ({@link LeafFormats}). Both methods
 * give the same result for the same value: {@link #coerce} the value graphql-java's scalar coercing would put into a
 * result map, {@link #write} the JSON Jackson would write for that map value, without building it where possible.
 *
 * <pre>{@code
 * LeafFormat f = LeafFormats.of(ExtendedScalars.GraphQLLong, context, locale);
 * f.coerce(42L);                 // 42L
 * f.write(generator, ctxt, 42L); // 42
 * }</pre>
 */
public interface LeafFormat {
    /** The value for a result map (non-null {@code value}); may throw as the scalar's coercing does. */
    Object coerce(Object value);

    /** Writes the non-null {@code value} as {@link #coerce} would make it appear in the JSON. */
    void write(JsonGenerator generator, SerializationContext context, Object value);

    /**
     * Writes the non-null {@code value} as {@link #write} would, into raw JSON bytes. By default through Jackson
     * ({@link #write} on a generator writing into {@code out}); formats that can write the bytes themselves do.
     */
    default void write(JsonBytes out, Object value) {
        out.jackson(this, value);
    }

    /**
     * Fails as {@link #coerce} would for {@code value}: the executor checks values while it still can report a
     * field error, then writes them later. Cheap for values of a type the format cannot fail on.
     */
    default void check(Object value) {
        coerce(value);
    }

    /** Whether {@link #check} never fails for a value of class {@code type}: then the caller need not run it. */
    default boolean accepts(Class<?> type) {
        return false;
    }
}
