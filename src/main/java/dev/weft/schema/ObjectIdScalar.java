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
 * The {@code ObjectId} scalar: a MongoDB ObjectId written as its 24 hexadecimal digits. Input must be
 * exactly that (either case) and is read in lower case, as the driver prints ObjectIds; output accepts
 * the hex string or anything whose {@code toString()} is one (the driver's {@code ObjectId}).
 *
 * <pre>{@code hr_clicks_by_pk(_id: "65a1f0c2e4b0a1b2c3d4e5f6")}</pre>
 */
final class ObjectIdScalar implements Coercing<String, String> {
    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar().name("ObjectId")
            .description("A MongoDB ObjectId, written as its 24 hexadecimal digits (65a1f0c2e4b0a1b2c3d4e5f6)")
            .coercing(new ObjectIdScalar()).build();

    private ObjectIdScalar() {
    }

    /** The lower-case hex digits of an ObjectId, or null when {@code text} is not one. */
    static String normalize(String text) {
        if (text == null || text.length() != 24) {
            return null;
        }
        for (int i = 0; i < 24; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return null;
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        String hex = value == null ? null : normalize(value.toString());
        if (hex == null) {
            throw new CoercingSerializeException("expected an ObjectId");
        }
        return hex;
    }

    @Override
    public String parseValue(Object input, GraphQLContext context, Locale locale) {
        return parse(input, CoercingParseValueException::new);
    }

    @Override
    public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof StringValue s) {
            return parse(s.getValue(), CoercingParseLiteralException::new);
        }
        throw new CoercingParseLiteralException("expected an ObjectId: a string of 24 hexadecimal digits");
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(serialize(input, context, locale));
    }

    private static String parse(Object input, Function<String, RuntimeException> error) {
        String hex = input instanceof String s ? normalize(s) : null;
        if (hex == null) {
            throw error.apply("'" + input + "' is not an ObjectId: expected 24 hexadecimal digits");
        }
        return hex;
    }
}
