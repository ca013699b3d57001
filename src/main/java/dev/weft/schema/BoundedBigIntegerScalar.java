package dev.weft.schema;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;

/**
 * extended-scalars' {@code BigInteger}, refusing inputs of more than {@link #MAX_DIGITS} digits before it expands
 * them: it reads {@code "1e9999999"} as a decimal and multiplies it out, 12 s of CPU for one value.
 *
 * <pre>{@code
 * BoundedBigIntegerScalar.TYPE.getCoercing().parseValue("1e9999999", ctx, locale)  // CoercingParseValueException
 * }</pre>
 */
final class BoundedBigIntegerScalar implements Coercing<BigInteger, BigInteger> {
    /** The most digits a {@code BigInteger} input may have. */
    static final int MAX_DIGITS = 1_000;

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar(ExtendedScalars.GraphQLBigInteger)
            .coercing(new BoundedBigIntegerScalar()).build();

    @SuppressWarnings("unchecked")
    private static final Coercing<BigInteger, BigInteger> DELEGATE =
            (Coercing<BigInteger, BigInteger>) ExtendedScalars.GraphQLBigInteger.getCoercing();

    private BoundedBigIntegerScalar() {
    }

    @Override
    public BigInteger serialize(Object value, GraphQLContext context, Locale locale) {
        return DELEGATE.serialize(value, context, locale);
    }

    @Override
    public BigInteger parseValue(Object input, GraphQLContext context, Locale locale) {
        check(input instanceof BigDecimal d ? d : input instanceof String s ? decimal(s) : null, CoercingParseValueException::new);
        return DELEGATE.parseValue(input, context, locale);
    }

    @Override
    public BigInteger parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        BigDecimal d = input instanceof StringValue s ? decimal(s.getValue())
                : input instanceof FloatValue f ? f.getValue() : null;
        check(d, CoercingParseLiteralException::new);
        return DELEGATE.parseLiteral(input, variables, context, locale);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return DELEGATE.valueToLiteral(input, context, locale);
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null; // not a number at all: the delegate says so
        }
    }

    private static void check(BigDecimal value, Function<String, RuntimeException> error) {
        if (value != null && value.signum() != 0 && (long) value.precision() - value.scale() > MAX_DIGITS) {
            throw error.apply("a BigInteger has at most " + MAX_DIGITS + " digits");
        }
    }
}
