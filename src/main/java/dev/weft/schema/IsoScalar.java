package dev.weft.schema;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;
import java.util.function.Function;

/**
 * A scalar written as an ISO-8601 string, keeping every fractional digit (extended-scalars'
 * {@code DateTime} cuts timestamps to milliseconds; PostgreSQL keeps microseconds).
 *
 * <pre>{@code IsoScalar.of("LocalDateTime", "...", LocalDateTime.class, LocalDateTime::parse, Object::toString)}</pre>
 */
final class IsoScalar<T> implements Coercing<T, String> {
    private final Class<T> type;
    private final Function<String, T> parser;
    private final Function<T, String> printer;

    private IsoScalar(Class<T> type, Function<String, T> parser, Function<T, String> printer) {
        this.type = type;
        this.parser = parser;
        this.printer = printer;
    }

    static <T> GraphQLScalarType of(String name, String description, Class<T> type, Function<String, T> parser,
                                    Function<T, String> printer) {
        return GraphQLScalarType.newScalar().name(name).description(description)
                .coercing(new IsoScalar<>(type, parser, printer)).build();
    }

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        if (type.isInstance(value)) {
            return printer.apply(type.cast(value));
        }
        throw new CoercingSerializeException("expected a " + type.getSimpleName());
    }

    @Override
    public T parseValue(Object input, GraphQLContext context, Locale locale) {
        if (input instanceof String s) {
            return parse(s, CoercingParseValueException::new);
        }
        if (type.isInstance(input)) {
            return type.cast(input);
        }
        throw new CoercingParseValueException("expected an ISO-8601 string");
    }

    @Override
    public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof StringValue s) {
            return parse(s.getValue(), CoercingParseLiteralException::new);
        }
        throw new CoercingParseLiteralException("expected an ISO-8601 string");
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(serialize(input, context, locale));
    }

    private T parse(String text, Function<String, RuntimeException> error) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw error.apply("'" + text + "' is not a valid " + type.getSimpleName() + " (ISO-8601)");
        }
    }
}
