package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys of different column types compare by value ({@link JoinKeys}). */
class JoinKeysTest {

    @Test
    void integerAndTextKeysMeetAsNumbers() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.INT)), List.of(col(ColumnType.STRING)));
        assertThat(keys.canonical(List.of(7))).isEqualTo(keys.canonicalTarget(List.of("7")));
        assertThat(keys.canonicalTarget(List.of("7  "))).as("CHAR padding").isEqualTo(keys.canonical(List.of(7)));
        assertThat(keys.canonicalTarget(List.of("7.0"))).as("not written plainly").isNull();
        assertThat(keys.canonicalTarget(List.of("007"))).as("not written plainly").isNull();
        assertThat(keys.canonicalTarget(List.of("-1.5"))).isEqualTo(List.of(new BigDecimal("-1.5")));
        assertThat(keys.bindable(keys.canonical(List.of(7)))).contains(List.of("7"));
        assertThat(keys.canonicalTarget(List.of("seven"))).isNull();
    }

    @Test
    void paddedCharMatchesVarchar() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.STRING)), List.of(col(ColumnType.STRING)));
        assertThat(keys.canonical(List.of("d001  "))).isEqualTo(keys.canonicalTarget(List.of("d001")));
    }

    @Test
    void valuesThatCannotExistOnTheOtherSideAreNotBound() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.DECIMAL)), List.of(col(ColumnType.INT)));
        assertThat(keys.bindable(keys.canonical(List.of(new BigDecimal("7.5"))))).isEqualTo(Optional.empty());
        assertThat(keys.bindable(keys.canonical(List.of(new BigDecimal("7.00"))))).contains(List.of(7));
        assertThat(keys.bindable(keys.canonical(List.of(1L << 40)))).isEmpty();
    }

    @Test
    void nullKeysMatchNothing() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.INT), col(ColumnType.INT)),
                List.of(col(ColumnType.INT), col(ColumnType.INT)));
        assertThat(keys.canonical(java.util.Arrays.asList(1, null))).isNull();
    }

    private static Column col(ColumnType type) {
        return new Column("c", "c", type, true, type.name());
    }
}
