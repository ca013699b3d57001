package dev.weft.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import graphql.GraphQLContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The scalars of each naming and of weft.stringify-numeric-types: their names and what they write. */
class ScalarSetTest {

    private static Object write(ScalarSet set, ColumnType type, Object value) {
        return set.of(type).getCoercing().serialize(value, GraphQLContext.getDefault(), Locale.ROOT);
    }

    @Test
    void hasurasNamesAndWefts() {
        ScalarSet hasura = ScalarSet.of(true, false);
        assertThat(hasura.of(ColumnType.BIGINT).getName()).isEqualTo("bigint");
        assertThat(hasura.of(ColumnType.DECIMAL).getName()).isEqualTo("numeric");
        assertThat(hasura.of(ColumnType.TIMESTAMPTZ).getName()).isEqualTo("timestamptz");
        assertThat(hasura.of(ColumnType.UUID).getName()).isEqualTo("uuid");
        assertThat(hasura.of(ColumnType.INT).getName()).isEqualTo("Int");
        assertThat(hasura.of(new Column("doc", "doc", ColumnType.JSON, true, "json")).getName()).isEqualTo("json");
        assertThat(hasura.of(new Column("doc", "doc", ColumnType.JSON, true, "jsonb")).getName()).isEqualTo("jsonb");
        assertThat(hasura.sumOf(ColumnType.INT).getName()).isEqualTo("bigint");
        ScalarSet weft = ScalarSet.of(false, false);
        assertThat(weft.of(ColumnType.BIGINT)).isSameAs(Scalars.of(ColumnType.BIGINT));
        assertThat(weft.of(ColumnType.TIMESTAMPTZ)).isSameAs(Scalars.DATE_TIME);
    }

    @Test
    void timestamptzIsWrittenAsHasuraWritesIt() {
        ScalarSet hasura = ScalarSet.of(true, false);
        assertThat(write(hasura, ColumnType.TIMESTAMPTZ, OffsetDateTime.parse("2017-09-21T09:39:44Z"))).isEqualTo("2017-09-21T09:39:44+00:00");
        assertThat(write(hasura, ColumnType.TIMESTAMPTZ, OffsetDateTime.parse("2017-09-21T09:39:00.123456Z")))
                .isEqualTo("2017-09-21T09:39:00.123456+00:00");
        assertThat(write(hasura, ColumnType.TIMESTAMPTZ, OffsetDateTime.parse("2017-09-21T09:39:44.5+05:30")))
                .isEqualTo("2017-09-21T09:39:44.5+05:30");
        assertThat(write(ScalarSet.of(false, false), ColumnType.TIMESTAMPTZ, OffsetDateTime.parse("2017-09-21T09:39:44Z")))
                .isEqualTo("2017-09-21T09:39:44Z");
    }

    @Test
    void stringifiedNumbersAreStringsInEitherNamingAndOthersStayNumbers() {
        for (boolean hasura : new boolean[] {false, true}) {
            ScalarSet set = ScalarSet.of(hasura, true);
            assertThat(write(set, ColumnType.BIGINT, 9_007_199_254_740_993L)).isEqualTo("9007199254740993");
            assertThat(write(set, ColumnType.DECIMAL, new BigDecimal("1E+3"))).isEqualTo("1000");
            assertThat(write(set, ColumnType.DECIMAL, new BigDecimal("1234.50"))).isEqualTo("1234.50");
            assertThat(write(set, ColumnType.BIGINTEGER, new java.math.BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
            assertThat(write(set, ColumnType.INT, 7)).isEqualTo(7);
            assertThat(write(set, ColumnType.FLOAT, 1.5)).isEqualTo(1.5);
            assertThat(set.sumOf(ColumnType.INT).getCoercing().serialize(12L, GraphQLContext.getDefault(), Locale.ROOT)).isEqualTo("12");
        }
        assertThat(write(ScalarSet.of(false, false), ColumnType.BIGINT, 12L)).isEqualTo(12L);
    }
}
