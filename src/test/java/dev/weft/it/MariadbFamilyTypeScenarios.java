package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TypeScenarios} on MariaDB, plus its own types: BIGINT UNSIGNED, TINYINT, TINYINT(1) and BIT(1)
 * as booleans, and JSON (a LONGTEXT with a check, so a String). Run through both drivers.
 */
abstract class MariadbFamilyTypeScenarios extends TypeScenarios {
    static final BigInteger UNSIGNED_MAX = new BigInteger("18446744073709551615");
    static final String JSON = "{\"a\": 1, \"b\": [true, null, \"x\"]}";

    @Override
    protected List<String> setup(Target t) {
        return List.of(
                "CREATE TABLE typed (id INT PRIMARY KEY, big BIGINT, amount DECIMAL(38,10), small SMALLINT, i INT, r FLOAT,"
                        + " d DOUBLE, ch CHAR(5), vc VARCHAR(20), tx TEXT, flag TINYINT(1), day DATE, tod TIME(6),"
                        + " ts DATETIME(6), bin VARBINARY(16), mood ENUM('sad', 'ok', 'happy'), tiny TINYINT,"
                        + " ubig BIGINT UNSIGNED, bitflag BIT(1), js JSON) DEFAULT CHARSET utf8mb4",
                "INSERT INTO typed VALUES (1, 9223372036854775807, " + BIG_DECIMAL + ", 32767, 2147483647, 1.5,"
                        + " 3.141592653589793, 'ab', 'hello  ', '" + TEXT + "', TRUE, '2024-02-29', '23:59:59.999999',"
                        + " '2024-05-01 13:45:00.123456', X'DEADBEEF00', 'happy', 127, 18446744073709551615, b'1', '" + JSON + "')",
                "INSERT INTO typed VALUES (2, -9223372036854775808, -" + BIG_DECIMAL + ", -32768, -2147483648, -2.25,"
                        + " -1.0E-300, 'abcde', 'x', '', FALSE, '1970-01-01', '00:00:00', '1999-12-31 23:59:59.000001', X'',"
                        + " 'sad', -128, 0, b'0', '[]')",
                "INSERT INTO typed (id) VALUES (3)",
                "INSERT INTO typed (id, r, d, vc, mood, tod, ts) VALUES (4, 0.1, 0.1, 'Ünïcödé', 'ok', '12:30:00',"
                        + " '1990-01-01 00:00:00')");
    }

    @Override
    protected boolean likeSeesCharPadding() {
        return false; // MariaDB strips the padding (PAD_CHAR_TO_FULL_LENGTH is off)
    }

    @Override
    protected String charAbAsRead() {
        return "ab"; // MariaDB strips CHAR padding on read (PAD_CHAR_TO_FULL_LENGTH is off)
    }

    @Test
    void bigintUnsignedMaxRoundTrips() {
        assertThat(ids("ubig", "_eq", "BigInteger", UNSIGNED_MAX)).containsExactly(1);
        assertThat(ids("ubig", "_eq", "BigInteger", BigInteger.ZERO)).containsExactly(2);
        assertThat(ids("{ubig: {_eq: 18446744073709551615}}")).as("as a literal").containsExactly(1);
        assertThat(ids("{ubig: {_gt: 9223372036854775807}}")).as("above the signed range").containsExactly(1);
        assertThat(valueOf(1, "ubig")).isEqualTo(UNSIGNED_MAX);
        assertThat(valueOf(2, "ubig")).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void bigintUnsignedAggregatesAreExact() {
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { sum { ubig } max { ubig } min { ubig } } } }");
        assertThat((BigDecimal) get(data, "hr_typed_aggregate.aggregate.sum.ubig")).isEqualByComparingTo(new BigDecimal(UNSIGNED_MAX));
        assertThat(get(data, "hr_typed_aggregate.aggregate.max.ubig")).isEqualTo(UNSIGNED_MAX);
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.ubig")).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void tinyintRoundTrips() {
        assertThat(ids("tiny", "_eq", "Int", 127)).containsExactly(1);
        assertThat(ids("tiny", "_eq", "Int", -128)).containsExactly(2);
        assertThat(valueOf(1, "tiny")).isEqualTo(127);
        assertThat(valueOf(2, "tiny")).isEqualTo(-128);
    }

    @Test
    void bitOneIsABoolean() {
        assertThat(ids("bitflag", "_eq", "Boolean", true)).containsExactly(1);
        assertThat(ids("bitflag", "_eq", "Boolean", false)).containsExactly(2);
        assertThat(valueOf(1, "bitflag")).isEqualTo(true);
        assertThat(valueOf(2, "bitflag")).isEqualTo(false);
        assertThat(valueOf(3, "bitflag")).isNull();
    }

    @Test
    void jsonIsLongtextSoAString() {
        assertThat(valueOf(1, "js")).isEqualTo(JSON);
        assertThat(ids("js", "_eq", "String", "[]")).containsExactly(2);
        assertThat(ids("{js: {_like: \"%\\\"b\\\"%\"}}")).containsExactly(1);
    }
}
