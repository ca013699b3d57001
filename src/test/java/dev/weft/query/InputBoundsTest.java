package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.query.Predicate.CompareOp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputBoundsTest {
    private static final Column AMOUNT = Column.sized("amount", "amount", ColumnType.DECIMAL, true, "numeric", 12, 2);
    private static final Column FREE = Column.sized("free", "free", ColumnType.DECIMAL, true, "numeric", 131089, 0);
    private static final Column SMALL = new Column("small", "small", ColumnType.INT, true, "int2");
    private static final Column UBIG = new Column("ubig", "ubig", ColumnType.BIGINTEGER, true, "BIGINT UNSIGNED");
    private static final Predicate NOT_NULL = new Predicate.IsNull("amount", false);

    private static Predicate amount(CompareOp op, String value) {
        return InputBounds.compare("amount", AMOUNT, op, new BigDecimal(value));
    }

    @Test
    void aDecimalAboveTheColumnsLargestMatchesNothingOrEveryNonNullRow() {
        assertThat(amount(CompareOp.EQ, "1e131072")).isEqualTo(Predicate.FALSE);
        assertThat(amount(CompareOp.GT, "1e131072")).isEqualTo(Predicate.FALSE);
        assertThat(amount(CompareOp.GTE, "10000000000")).isEqualTo(Predicate.FALSE);
        assertThat(amount(CompareOp.LT, "1e131072")).isEqualTo(NOT_NULL);
        assertThat(amount(CompareOp.LTE, "1e9999999")).isEqualTo(NOT_NULL);
        assertThat(amount(CompareOp.NEQ, "1e9999999")).isEqualTo(NOT_NULL);
        assertThat(amount(CompareOp.GT, "-1e9999999")).isEqualTo(NOT_NULL);
        assertThat(amount(CompareOp.LT, "-1e9999999")).isEqualTo(Predicate.FALSE);
        assertThat(amount(CompareOp.EQ, "9999999999.99")).isEqualTo(new Predicate.Compare("amount", CompareOp.EQ, new BigDecimal("9999999999.99")));
    }

    @Test
    void aDecimalWithMorePlacesIsRoundedTheWayThatKeepsTheComparison() {
        assertThat(amount(CompareOp.EQ, "0.005")).isEqualTo(Predicate.FALSE);
        assertThat(amount(CompareOp.NEQ, "0.005")).isEqualTo(NOT_NULL);
        assertThat(amount(CompareOp.GT, "1.005")).isEqualTo(new Predicate.Compare("amount", CompareOp.GT, new BigDecimal("1.00")));
        assertThat(amount(CompareOp.GTE, "1.005")).isEqualTo(new Predicate.Compare("amount", CompareOp.GTE, new BigDecimal("1.01")));
        assertThat(amount(CompareOp.LT, "-1.005")).isEqualTo(new Predicate.Compare("amount", CompareOp.LT, new BigDecimal("-1.00")));
        assertThat(amount(CompareOp.LTE, "-1.005")).isEqualTo(new Predicate.Compare("amount", CompareOp.LTE, new BigDecimal("-1.01")));
        assertThat(amount(CompareOp.EQ, "1.5000")).as("trailing zeros are no extra places")
                .isEqualTo(new Predicate.Compare("amount", CompareOp.EQ, new BigDecimal("1.5000")));
        long start = System.nanoTime();
        assertThat(amount(CompareOp.GT, "1e-99999999")).isEqualTo(new Predicate.Compare("amount", CompareOp.GT, new BigDecimal("0.00")));
        assertThat(amount(CompareOp.GTE, "1e-99999999")).isEqualTo(new Predicate.Compare("amount", CompareOp.GTE, new BigDecimal("0.01")));
        assertThat(amount(CompareOp.LT, "-1e-99999999")).isEqualTo(new Predicate.Compare("amount", CompareOp.LT, new BigDecimal("0.00")));
        assertThat(amount(CompareOp.LTE, "-1e-99999999")).isEqualTo(new Predicate.Compare("amount", CompareOp.LTE, new BigDecimal("-0.01")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void whereTheRangeIsUnknownHugeExponentsAndDigitsAreRefused() {
        assertThat(InputBounds.compare("free", FREE, CompareOp.GT, new BigDecimal("1e1000"))).isInstanceOf(Predicate.Compare.class);
        for (String huge : List.of("1e9999999", "1e-99999999", "-1e1001")) {
            assertThatThrownBy(() -> InputBounds.compare("free", FREE, CompareOp.GT, new BigDecimal(huge)))
                    .isInstanceOfSatisfying(WeftException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                    .hasMessageContaining("the value for 'free' (" + new BigDecimal(huge) + ") is out of range");
        }
        assertThatThrownBy(() -> amount(CompareOp.EQ, "1." + "1".repeat(1000)))
                .hasMessage("the value for 'amount' has 1001 digits; at most 1000 are allowed");
    }

    @Test
    void integersOutsideANarrowColumnFold() {
        assertThat(InputBounds.compare("small", SMALL, CompareOp.EQ, 40_000)).isEqualTo(Predicate.FALSE);
        assertThat(InputBounds.compare("small", SMALL, CompareOp.LT, 40_000)).isEqualTo(new Predicate.IsNull("small", false));
        assertThat(InputBounds.compare("small", SMALL, CompareOp.GT, -40_000)).isEqualTo(new Predicate.IsNull("small", false));
        assertThat(InputBounds.compare("small", SMALL, CompareOp.EQ, 32_767)).isEqualTo(new Predicate.Compare("small", CompareOp.EQ, 32_767));
        assertThat(InputBounds.compare("ubig", UBIG, CompareOp.EQ, BigInteger.ONE.shiftLeft(64))).isEqualTo(Predicate.FALSE);
        assertThat(InputBounds.compare("ubig", UBIG, CompareOp.GTE, BigInteger.valueOf(-1))).isEqualTo(new Predicate.IsNull("ubig", false));
    }

    @Test
    void inListsLeaveOutWhatNoRowCanHold() {
        assertThat(InputBounds.in("small", SMALL, List.of(1, 40_000), false))
                .isEqualTo(new Predicate.InList(List.of("small"), List.of(List.of(1)), false));
        assertThat(InputBounds.in("small", SMALL, List.of(40_000), false)).isEqualTo(Predicate.FALSE);
        assertThat(InputBounds.in("small", SMALL, List.of(40_000), true)).isEqualTo(new Predicate.IsNull("small", false));
        assertThat(InputBounds.in("small", SMALL, List.of(), true)).isEqualTo(Predicate.TRUE);
    }
}
