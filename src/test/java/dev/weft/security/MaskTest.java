package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ColumnType;
import dev.weft.config.AccessSpec.MaskStrategy;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every masking strategy keeps the value's type and hides what it should. */
class MaskTest {

    @Test
    void eachStrategyMasksAsDocumented() {
        assertThat(Mask.apply(MaskStrategy.EMAIL, "jane.doe@example.com")).isEqualTo("j***@example.com");
        assertThat(Mask.apply(MaskStrategy.EMAIL, "not an address")).isEqualTo("***");
        assertThat(Mask.apply(MaskStrategy.LAST4, "4111111111111111")).isEqualTo("************1111");
        assertThat(Mask.apply(MaskStrategy.LAST4, "12")).isEqualTo("12");
        assertThat(Mask.apply(MaskStrategy.HASH, "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Mask.apply(MaskStrategy.REDACT, "secret")).isEqualTo("[redacted]");
        assertThat(Mask.apply(MaskStrategy.REDACT, new BigDecimal("123.45"))).isEqualTo(BigDecimal.ZERO);
        assertThat(Mask.apply(MaskStrategy.REDACT, 42L)).isEqualTo(0L);
        assertThat(Mask.apply(MaskStrategy.NULL, "x")).isNull();
        assertThat(Mask.apply(MaskStrategy.EMAIL, null)).isNull();
    }

    @Test
    void strategiesFitOnlyColumnsWhoseTypeTheyKeep() {
        assertThat(Mask.fits(MaskStrategy.EMAIL, ColumnType.STRING, false)).isNull();
        assertThat(Mask.fits(MaskStrategy.HASH, ColumnType.INT, true)).isEqualTo("hash masks text columns only");
        assertThat(Mask.fits(MaskStrategy.REDACT, ColumnType.DECIMAL, false)).isNull();
        assertThat(Mask.fits(MaskStrategy.REDACT, ColumnType.DATE, true)).isEqualTo("redact masks text and numbers only");
        assertThat(Mask.fits(MaskStrategy.NULL, ColumnType.STRING, false)).contains("NOT NULL");
        assertThat(Mask.fits(MaskStrategy.NULL, ColumnType.STRING, true)).isNull();
    }
}
