package dev.weft.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.ColumnType;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BoundedBigIntegerScalarTest {
    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @SuppressWarnings("unchecked")
    private static final Coercing<BigInteger, BigInteger> COERCING =
            (Coercing<BigInteger, BigInteger>) Scalars.of(ColumnType.BIGINTEGER).getCoercing();

    @Test
    void hugeExponentsAreRefusedBeforeTheyAreMultipliedOut() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> COERCING.parseValue("1e9999999", CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class).hasMessage("a BigInteger has at most 1000 digits");
        assertThatThrownBy(() -> COERCING.parseValue(new BigDecimal("1e9999999"), CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class);
        assertThatThrownBy(() -> COERCING.parseLiteral(new StringValue("1e9999999"), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseLiteralException.class);
        assertThatThrownBy(() -> COERCING.parseLiteral(new FloatValue(new BigDecimal("1e9999999")), CoercedVariables.emptyVariables(),
                CONTEXT, Locale.ROOT)).isInstanceOf(CoercingParseLiteralException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void ordinaryValuesAreTheExtendedScalarsOnes() {
        assertThat(Scalars.of(ColumnType.BIGINTEGER).getName()).isEqualTo("BigInteger");
        assertThat(COERCING.parseValue("18446744073709551615", CONTEXT, Locale.ROOT)).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(COERCING.parseValue("1e3", CONTEXT, Locale.ROOT)).isEqualTo(BigInteger.valueOf(1000));
        assertThat(COERCING.parseValue("1" + "0".repeat(999), CONTEXT, Locale.ROOT)).isEqualTo(BigInteger.TEN.pow(999));
        assertThatThrownBy(() -> COERCING.parseValue("abc", CONTEXT, Locale.ROOT)).isInstanceOf(CoercingParseValueException.class);
    }
}
