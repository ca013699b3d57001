package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys against MongoDB ObjectIds: an ObjectId is its hex string (lower case), and a number where its digits are decimal. */
class MongoJoinKeysTest {
    private static Column col(ColumnType type) {
        return new Column("k", "k", type, true, type.name());
    }

    @Test
    void anObjectIdMatchesItsHexString() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.STRING)), List.of(col(ColumnType.OBJECT_ID)));
        List<Object> key = keys.canonical(List.of("65a000000000000000000001"));
        assertThat(keys.canonicalTarget(List.of("65a000000000000000000001"))).isEqualTo(key);
        assertThat(keys.bindable(key)).contains(List.of("65a000000000000000000001"));
        assertThat(keys.bindable(keys.canonical(List.of("65A000000000000000000001")))).as("not as drivers print it").isEmpty();
        assertThat(keys.bindable(keys.canonical(List.of("user-7")))).isEmpty();
        JoinKeys back = JoinKeys.of(List.of(col(ColumnType.OBJECT_ID)), List.of(col(ColumnType.STRING)));
        assertThat(back.bindable(back.canonical(List.of("65a000000000000000000001")))).contains(List.of("65a000000000000000000001"));
    }

    @Test
    void anObjectIdOfDecimalDigitsMatchesThatNumber() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.INT)), List.of(col(ColumnType.OBJECT_ID)));
        assertThat(keys.bindable(keys.canonical(List.of(7)))).contains(List.of("000000000000000000000007"));
        assertThat(keys.canonicalTarget(List.of("000000000000000000000007"))).isEqualTo(keys.canonical(List.of(7)));
        assertThat(keys.canonicalTarget(List.of("65a000000000000000000001"))).isNull();
        assertThat(keys.bindable(keys.canonical(List.of(-7)))).isEmpty();
        assertThat(JoinKeys.of(List.of(col(ColumnType.DECIMAL)), List.of(col(ColumnType.OBJECT_ID)))
                .bindable(List.of(new BigDecimal("7.5")))).isEqualTo(Optional.empty());
        JoinKeys back = JoinKeys.of(List.of(col(ColumnType.OBJECT_ID)), List.of(col(ColumnType.BIGINT)));
        assertThat(back.bindable(back.canonical(List.of("000000000000000000000042")))).contains(List.of(42L));
    }

    @Test
    void objectIdsMeetObjectIds() {
        JoinKeys keys = JoinKeys.of(List.of(col(ColumnType.OBJECT_ID)), List.of(col(ColumnType.OBJECT_ID)));
        assertThat(keys.bindable(keys.canonical(List.of("65a000000000000000000001")))).contains(List.of("65a000000000000000000001"));
    }
}
