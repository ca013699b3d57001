package dev.weft.execute.json;

import dev.weft.schema.Scalars;
import graphql.GraphQLContext;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * The {@link LeafFormat} of a scalar: values of the Java type the scalar already serializes as itself (a
 * {@code String} for {@code String}, an {@code Integer} for {@code Int}, a {@code Long} for {@code Long}...) are
 * written straight to the generator; any other value goes through the scalar's coercing (with the request's
 * context and locale) and the coerced value is written as Jackson writes it in a map.
 *
 * <pre>{@code
 * LeafFormat f = LeafFormats.of(Scalars.DATE_TIME, graphQLContext, locale);
 * f.write(generator, ctxt, OffsetDateTime.parse("2024-05-01T13:45Z")); // "2024-05-01T13:45:00Z"
 * }</pre>
 */
public final class LeafFormats {
    private LeafFormats() {
    }

    /** The format of {@code scalar} for one request. */
    public static LeafFormat of(GraphQLScalarType scalar, GraphQLContext context, Locale locale) {
        Class<?> identity = identityType(scalar);
        Class<?> safe = identity != null ? identity : scalar == Scalars.DATE_TIME ? java.time.OffsetDateTime.class
                : scalar == Scalars.LOCAL_DATE_TIME ? java.time.LocalDateTime.class
                : scalar == ExtendedScalars.Date ? java.time.LocalDate.class : null;
        return new Coerced(scalar, identity, safe, context, locale);
    }

    /** The Java type whose values {@code scalar} serializes as themselves, or null. */
    private static Class<?> identityType(GraphQLScalarType scalar) {
        if (scalar == graphql.Scalars.GraphQLString) {
            return String.class;
        }
        if (scalar == graphql.Scalars.GraphQLInt) {
            return Integer.class;
        }
        if (scalar == graphql.Scalars.GraphQLBoolean) {
            return Boolean.class;
        }
        if (scalar == graphql.Scalars.GraphQLFloat) {
            return Double.class;
        }
        if (scalar == ExtendedScalars.GraphQLLong) {
            return Long.class;
        }
        if (scalar == ExtendedScalars.GraphQLBigDecimal) {
            return BigDecimal.class;
        }
        return null;
    }

    /** Writes a coerced value as Jackson's serializers for its type do. */
    public static void writeCoerced(JsonGenerator generator, SerializationContext context, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case Integer i -> generator.writeNumber(i);
            case Long l -> generator.writeNumber(l);
            case Boolean b -> generator.writeBoolean(b);
            case Double d -> generator.writeNumber(d);
            case BigDecimal d -> generator.writeNumber(d);
            case BigInteger i -> generator.writeNumber(i);
            default -> context.writeValue(generator, value);
        }
    }

    private record Coerced(GraphQLScalarType scalar, Class<?> identity, Class<?> safe, GraphQLContext context, Locale locale)
            implements LeafFormat {
        @Override
        public Object coerce(Object value) {
            return value.getClass() == identity ? value : scalar.getCoercing().serialize(value, context, locale);
        }

        /**
         * Through the generator's own calls: only where the output cannot be matched byte for byte ({@link JsonBytes}),
         * a rare path, so the coerced value is written as Jackson writes it (what {@link #write(JsonBytes, Object)}
         * reproduces in bytes).
         */
        @Override
        public void write(JsonGenerator generator, SerializationContext ctxt, Object value) {
            writeCoerced(generator, ctxt, coerce(value));
        }

        @Override
        public void write(JsonBytes out, Object value) {
            Class<?> type = value.getClass();
            if (type == identity) {
                out.value(value);
                return;
            }
            if (type == safe && out.isoString(value)) { // a date or timestamp its scalar prints in ISO-8601
                return;
            }
            out.value(coerce(value));
        }

        @Override
        public void check(Object value) {
            if (value.getClass() != safe) {
                coerce(value);
            }
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == safe;
        }
    }
}
