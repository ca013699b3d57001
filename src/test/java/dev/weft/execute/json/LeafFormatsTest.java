package dev.weft.execute.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.schema.Scalars;
import graphql.GraphQLContext;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Each format writes exactly the JSON Jackson writes for the value graphql-java's coercing gives. */
class LeafFormatsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @Test
    void scalarsWriteWhatTheirCoercedValueWrites() {
        assertSame(graphql.Scalars.GraphQLString, "plain", "quote \" and \\ and \n and é and \u2028");
        assertSame(graphql.Scalars.GraphQLInt, 0, -7, Integer.MAX_VALUE);
        assertSame(graphql.Scalars.GraphQLFloat, 1.1, -0.0, 1e300, 12345.678);
        assertSame(graphql.Scalars.GraphQLBoolean, true, false);
        assertSame(ExtendedScalars.GraphQLLong, 0L, Long.MIN_VALUE, 42L);
        assertSame(ExtendedScalars.GraphQLBigDecimal, new BigDecimal("12.50"), new BigDecimal("1E+3"), new BigDecimal("-0.000001"));
        assertSame(Scalars.of(dev.weft.catalog.ColumnType.BIGINTEGER), new BigInteger("123456789012345678901234567890"));
        assertSame(ExtendedScalars.UUID, UUID.fromString("6f1e2d3c-0000-4000-8000-000000000001"));
        assertSame(ExtendedScalars.Json, Map.of("a", List.of(1, "b")));
        assertSame(Scalars.BASE64, (Object) new byte[] {1, 2, 3});
    }

    @Test
    void decimalsPrintAsTheirOwnText() {
        Random random = new Random(23);
        List<Object> decimals = new ArrayList<>();
        for (String text : List.of("0", "0.00", "-0.050", "12.50", "1E+3", "1E-7", "0.0000001", "0.000001", "-0.0000012",
                "9223372036854775807", "-9223372036854775808", "4611686018427387904.5", "123456789012345678901234567890.12",
                "3.000000000000000000000000001")) {
            decimals.add(new BigDecimal(text));
        }
        for (int i = 0; i < 500; i++) {
            long unscaled = random.nextLong() >> random.nextInt(63);
            decimals.add(BigDecimal.valueOf(unscaled, random.nextInt(30) - 3));
            decimals.add(new BigDecimal(BigInteger.valueOf(unscaled), random.nextInt(12)));
        }
        assertSame(ExtendedScalars.GraphQLBigDecimal, decimals.toArray());
    }

    @Test
    void datesAndTimestampsPrintAsTheirIsoFormatters() {
        Random random = new Random(17);
        List<Object> local = new ArrayList<>();
        List<Object> offset = new ArrayList<>();
        List<Object> dates = new ArrayList<>();
        int[] nanos = {0, 1, 10, 100_000, 120_000_000, 123_456_789, 999_999_999, 500_000_000};
        for (int i = 0; i < 400; i++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos[i % nanos.length]);
            local.add(t);
            dates.add(t.toLocalDate());
            offset.add(t.atOffset(ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800)));
        }
        local.add(LocalDateTime.of(12_345, 1, 1, 0, 0)); // past the fast path's years: the formatter's own text
        local.add(LocalDateTime.of(-44, 3, 15, 12, 0));
        offset.add(OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)));
        offset.add(OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.UTC));
        dates.add(LocalDate.of(99_999, 12, 31));
        assertSame(Scalars.LOCAL_DATE_TIME, local.toArray());
        assertSame(Scalars.DATE_TIME, offset.toArray());
        assertSame(ExtendedScalars.Date, dates.toArray());
    }

    @Test
    void hasuraRenderingsAndStringifiedNumbersGoThroughTheirOwnScalars() {
        dev.weft.schema.ScalarSet hasura = dev.weft.schema.ScalarSet.of(true, true);
        assertSame(hasura.of(dev.weft.catalog.ColumnType.TIMESTAMPTZ), OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 120_000_000, ZoneOffset.ofHours(2)));
        assertSame(hasura.of(dev.weft.catalog.ColumnType.DECIMAL), new BigDecimal("12.50"), new BigDecimal("-0.000001"));
        assertSame(hasura.of(dev.weft.catalog.ColumnType.BIGINT), 42L, Long.MIN_VALUE);
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            LeafFormats.of(hasura.of(dev.weft.catalog.ColumnType.TIMESTAMPTZ), CONTEXT, Locale.ROOT)
                    .write(generator, JSON._serializationContext(), OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.UTC));
        }
        assertThat(out.toString()).isEqualTo("\"2024-05-01T13:45:00+00:00\"");
    }

    @Test
    void aValueItsScalarCannotSerializeFailsTheCheck() {
        LeafFormat format = LeafFormats.of(graphql.Scalars.GraphQLInt, CONTEXT, Locale.ROOT);
        format.check(7);
        assertThatThrownBy(() -> format.check(Long.MAX_VALUE)).isInstanceOf(graphql.schema.CoercingSerializeException.class);
        LeafFormat timestamp = LeafFormats.of(Scalars.DATE_TIME, CONTEXT, Locale.ROOT);
        assertThatThrownBy(() -> timestamp.check("yesterday")).isInstanceOf(graphql.schema.CoercingSerializeException.class);
    }

    private static void assertSame(GraphQLScalarType scalar, Object... values) {
        LeafFormat format = LeafFormats.of(scalar, CONTEXT, Locale.ROOT);
        for (Object value : values) {
            Object coerced = scalar.getCoercing().serialize(value, CONTEXT, Locale.ROOT);
            assertThat(format.coerce(value)).as("%s", value).isEqualTo(coerced);
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                generator.writeStartArray();
                format.write(generator, JSON._serializationContext(), value);
                generator.writeEndArray();
            }
            assertThat(out.toString()).as("%s %s", scalar.getName(), value).isEqualTo(JSON.writeValueAsString(List.of(coerced)));
        }
        assertSameAsBytes(format, values);
    }

    /**
     * The values one after the other, three times, through {@link JsonBytes} (formatted in place in its buffer): the
     * bytes Jackson writes for the list of their coerced values, wherever a value meets the end of the buffer.
     */
    private static void assertSameAsBytes(LeafFormat format, Object... values) {
        List<Object> coerced = new ArrayList<>();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(bytes)) {
            generator.writeStartArray();
            JsonBytes out = JsonBytes.open(generator, JSON._serializationContext());
            for (int round = 0; round < 3; round++) {
                for (Object value : values) {
                    if (!coerced.isEmpty()) {
                        out.raw(',');
                    }
                    format.write(out, value);
                    coerced.add(format.coerce(value));
                }
            }
            out.close();
            generator.writeEndArray();
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(coerced));
    }
}
