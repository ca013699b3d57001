package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How key values of an entity representation (JSON) meet the key columns' types. */
class EntityKeysTest {
    private static Column column(String name, ColumnType type) {
        return new Column(name, name, type, false, type.name());
    }

    private static Optional<List<Object>> bind(ColumnType type, Object value) {
        return new EntityKeys(List.of(column("k", type))).bindable(java.util.Collections.singletonList(value));
    }

    @Test
    void numbersAndTheirPlainTextMeetNumericKeys() {
        assertThat(bind(ColumnType.INT, "7")).contains(List.of(7));
        assertThat(bind(ColumnType.INT, 7)).contains(List.of(7));
        assertThat(bind(ColumnType.BIGINT, "9007199254740993")).contains(List.of(9007199254740993L));
        assertThat(bind(ColumnType.DECIMAL, "12.50")).isEmpty(); // not the plain form of a number
        assertThat(bind(ColumnType.DECIMAL, "12.5")).contains(List.of(new BigDecimal("12.5")));
        assertThat(bind(ColumnType.INT, "abc")).isEmpty();
        assertThat(bind(ColumnType.INT, "007")).isEmpty();
        assertThat(bind(ColumnType.INT, 7.5)).isEmpty();
        assertThat(bind(ColumnType.INT, 1L << 40)).isEmpty();
        assertThat(bind(ColumnType.INT, true)).isEmpty();
        assertThat(bind(ColumnType.INT, null)).isEmpty();
    }

    @Test
    void textKeysTakeNumbersAsTextAndOtherTypesAsTheirScalarsReadThem() {
        assertThat(bind(ColumnType.STRING, 7)).contains(List.of("7"));
        assertThat(bind(ColumnType.STRING, "d001")).contains(List.of("d001"));
        UUID id = UUID.randomUUID();
        assertThat(bind(ColumnType.UUID, id.toString().toUpperCase())).contains(List.of(id));
        assertThat(bind(ColumnType.DATE, "2024-05-01")).contains(List.of(LocalDate.of(2024, 5, 1)));
        assertThat(bind(ColumnType.DATE, "May 1st")).isEmpty();
        assertThat(bind(ColumnType.OBJECT_ID, "65f0c0ffee65f0c0ffee65f0")).contains(List.of("65f0c0ffee65f0c0ffee65f0"));
    }

    @Test
    void boundKeysAndRowsOfTheSameKeyAreEqualWhenCanonical() {
        EntityKeys keys = new EntityKeys(List.of(column("order_id", ColumnType.INT), column("code", ColumnType.STRING)));
        List<Object> bound = keys.bindable(List.of("7", "ab")).orElseThrow();
        Row row = Row.of(List.of("order_id", "code", "other"), List.of(7, "ab  ", "x")); // CHAR padding
        assertThat(keys.canonical(row)).isEqualTo(keys.canonical(bound));
        assertThat(keys.canonical(Row.of(List.of("order_id", "code"), List.of(8, "ab")))).isNotEqualTo(keys.canonical(bound));
    }
}
