package dev.weft.execute.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Digits written two at a time are Long.toString's, for every length, and keep their leading zeros. */
class DigitsTest {
    @Test
    void everyLengthAndRandomValuesAreLongToStrings() {
        SplittableRandom random = new SplittableRandom(17);
        long[] edges = {0, 1, 9, 10, 99, 100, 101, 999, 1000, 9999, 10_000, 99_999_999, 100_000_000,
            999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE,
            Integer.MAX_VALUE - 1L, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 999_999_999, 1_000_000_000};
        for (long v : edges) {
            assertDigits(v);
        }
        for (long limit = 10; limit > 0 && limit <= Long.MAX_VALUE / 10; limit *= 10) {
            assertDigits(limit - 1);
            assertDigits(limit);
        }
        for (int i = 0; i < 20_000; i++) {
            assertDigits(random.nextLong(Long.MAX_VALUE));
            assertDigits(random.nextLong(1_000_000));
        }
    }

    @Test
    void aFixedWidthKeepsLeadingZeros() {
        byte[] digits = new byte[12];
        Digits.write(7, 2, digits, 3);
        Digits.write(5, 9, digits, 0);
        assertThat(new String(digits, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("000000005");
        Digits.write(120_000_000, 9, digits, 0);
        assertThat(new String(digits, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("120000000");
        Digits.write(2024, 4, digits, 2);
        assertThat(new String(digits, 2, 4, StandardCharsets.US_ASCII)).isEqualTo("2024");
        byte[] bytes = new byte[9];
        Digits.write(42, 5, bytes, 1);
        Digits.write(3, 1, bytes, 7);
        assertThat(new String(bytes, 1, 7, StandardCharsets.US_ASCII)).isEqualTo("00042\u00003");
        Digits.write(Integer.MAX_VALUE, 2, bytes, 0);
        assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).as("the lowest digits when the width is short").isEqualTo("47");
    }

    private static void assertDigits(long v) {
        int n = Digits.count(v);
        byte[] bytes = new byte[n + 2];
        Digits.write(v, n, bytes, 1);
        String expected = Long.toString(v);
        assertThat(new String(bytes, 1, n, StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(bytes[0]).isZero();
        assertThat(bytes[n + 1]).isZero();
    }
}
