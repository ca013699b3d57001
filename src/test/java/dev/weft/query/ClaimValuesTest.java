package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Claims as tokens carry them, read as column types; what cannot be read says what was expected. */
class ClaimValuesTest {

    @Test
    void plainStringsBecomeNumbersBooleansDatesAndTimestamps() {
        assertThat(ClaimValues.single("3", ColumnType.INT)).isEqualTo(3);
        assertThat(ClaimValues.single("-3", ColumnType.INT)).isEqualTo(-3);
        assertThat(ClaimValues.single("9223372036854775807", ColumnType.BIGINT)).isEqualTo(Long.MAX_VALUE);
        assertThat(ClaimValues.single("18446744073709551615", ColumnType.BIGINTEGER)).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(ClaimValues.single("12.50", ColumnType.DECIMAL)).isEqualTo(new BigDecimal("12.50"));
        assertThat(ClaimValues.single("1.5", ColumnType.FLOAT)).isEqualTo(1.5);
        assertThat(ClaimValues.single("true", ColumnType.BOOLEAN)).isEqualTo(true);
        assertThat(ClaimValues.single("FALSE", ColumnType.BOOLEAN)).isEqualTo(false);
        assertThat(ClaimValues.single("2024-05-01", ColumnType.DATE)).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(ClaimValues.single("2024-05-01T13:45:00", ColumnType.TIMESTAMP)).isEqualTo(LocalDateTime.of(2024, 5, 1, 13, 45));
        assertThat(ClaimValues.single("2024-05-01T13:45:00Z", ColumnType.TIMESTAMPTZ)).isEqualTo(OffsetDateTime.parse("2024-05-01T13:45:00Z"));
        assertThat(ClaimValues.single("6f1c5a52-8d5e-4a8e-9d0b-0f4f0b3e8a11", ColumnType.UUID))
                .isEqualTo(UUID.fromString("6f1c5a52-8d5e-4a8e-9d0b-0f4f0b3e8a11"));
    }

    @Test
    void numbersAndBooleansAreTextForTextColumnsAndStayNumbersForNumbers() {
        assertThat(ClaimValues.single(42L, ColumnType.STRING)).isEqualTo("42");
        assertThat(ClaimValues.single(new BigDecimal("1E+2"), ColumnType.STRING)).isEqualTo("100");
        assertThat(ClaimValues.single(true, ColumnType.STRING)).isEqualTo("true");
        assertThat(ClaimValues.single(42L, ColumnType.INT)).isEqualTo(42);
        assertThat(ClaimValues.single(7, ColumnType.DECIMAL)).isEqualTo(new BigDecimal("7"));
    }

    @Test
    void whatIsNotWrittenPlainlyIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> ClaimValues.single("abc", ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single("+3", ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single(" 3", ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single("3.0", ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single("2147483648", ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single("1,5", ColumnType.DECIMAL)).hasMessage("a decimal");
        assertThatThrownBy(() -> ClaimValues.single("NaN", ColumnType.FLOAT)).hasMessage("a float");
        assertThatThrownBy(() -> ClaimValues.single("yes", ColumnType.BOOLEAN)).hasMessage("a boolean (true or false)");
        assertThatThrownBy(() -> ClaimValues.single(1, ColumnType.BOOLEAN)).hasMessage("a boolean (true or false)");
        assertThatThrownBy(() -> ClaimValues.single("01/05/2024", ColumnType.DATE)).hasMessage("a date (ISO-8601, 2024-05-01)");
        assertThatThrownBy(() -> ClaimValues.single(List.of("1"), ColumnType.INT)).hasMessage("an int");
        assertThatThrownBy(() -> ClaimValues.single(Map.of(), ColumnType.STRING)).hasMessage("a string");
        assertThatThrownBy(() -> ClaimValues.single(null, ColumnType.STRING)).hasMessage("a string");
    }

    @Test
    void listsAreJsonArraysOrPostgresArrayLiterals() {
        assertThat(ClaimValues.list(List.of("1", 2))).containsExactly("1", 2);
        assertThat(ClaimValues.list("{1,2}")).containsExactly("1", "2");
        assertThat(ClaimValues.list("{ a , \"b c\", \"d,e\", \"q\\\"x\" }")).containsExactly("a", "b c", "d,e", "q\"x");
        assertThat(ClaimValues.list("{}")).isEmpty();
        assertThat(ClaimValues.list("{\"NULL\"}")).containsExactly("NULL");
        assertThat(ClaimValues.list("t1")).containsExactly("t1");
        assertThat(ClaimValues.list(3)).containsExactly(3);
        assertThatThrownBy(() -> ClaimValues.list("{1,NULL}")).hasMessageContaining("holds NULL");
        assertThatThrownBy(() -> ClaimValues.list("{{1,2},{3}}")).hasMessageContaining("nested or malformed");
        assertThatThrownBy(() -> ClaimValues.list("{1,,2}")).hasMessageContaining("empty element");
        assertThatThrownBy(() -> ClaimValues.list("{\"a}")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ClaimValues.list("{\"a\"b}")).hasMessageContaining("malformed at position 5");
    }
}
