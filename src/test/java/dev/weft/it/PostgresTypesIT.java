package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TypeScenarios} on PostgreSQL, plus timestamptz, json, jsonb and uuid. */
class PostgresTypesIT extends TypeScenarios {
    private static final String UUID = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

    @Override
    protected Target target() {
        return Target.POSTGRES;
    }

    @Override
    protected List<String> setup(Target t) {
        return List.of(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE typed (id INT PRIMARY KEY, big BIGINT, amount DECIMAL(38,10), small SMALLINT, i INT, r REAL,"
                        + " d DOUBLE PRECISION, ch CHAR(5), vc VARCHAR(20), tx TEXT, flag BOOLEAN, day DATE, tod TIME(6),"
                        + " ts TIMESTAMP(6), bin BYTEA, mood mood, tstz TIMESTAMPTZ(6), js JSON, jsb JSONB, uid UUID)",
                "INSERT INTO typed VALUES (1, 9223372036854775807, " + BIG_DECIMAL + ", 32767, 2147483647, 1.5,"
                        + " 3.141592653589793, 'ab', 'hello  ', '" + TEXT + "', TRUE, '2024-02-29', '23:59:59.999999',"
                        + " '2024-05-01 13:45:00.123456', '\\xdeadbeef00', 'happy', '2024-05-01 13:45:00.123456+02',"
                        + " '{\"a\": 1, \"b\": [true, null, \"x\"]}', '{\"b\": [true, null, \"x\"], \"a\": 1}', '" + UUID + "')",
                "INSERT INTO typed VALUES (2, -9223372036854775808, -" + BIG_DECIMAL + ", -32768, -2147483648, -2.25,"
                        + " -1.0E-300, 'abcde', 'x', '', FALSE, '1970-01-01', '00:00:00', '1999-12-31 23:59:59.000001', '',"
                        + " 'sad', '1999-12-31 23:59:59.000001-05', '[]', '[]', '00000000-0000-0000-0000-000000000000')",
                "INSERT INTO typed (id) VALUES (3)",
                "INSERT INTO typed (id, r, d, vc, mood, tod, ts, tstz) VALUES (4, 0.1, 0.1, 'Ünïcödé', 'ok', '12:30:00',"
                        + " '1990-01-01 00:00:00', '1990-01-01 00:00:00+00')");
    }

    @Override
    protected String charAbAsRead() {
        return "ab   "; // bpchar keeps its padding on output, as psql shows it
    }

    @Override
    protected boolean likeSeesCharPadding() {
        return true; // bpchar's own LIKE: 'ab' is 'ab   '
    }

    @Override
    protected boolean bindsFractionalSeconds() {
        return true;
    }

    @Test
    void timestamptzIsAnInstantWrittenInUtc() {
        assertThat(valueOf(1, "tstz")).isEqualTo("2024-05-01T11:45:00.123456Z");
        assertThat(valueOf(2, "tstz")).isEqualTo("2000-01-01T04:59:59.000001Z");
        assertThat(ids("tstz", "_eq", "DateTime", "2024-05-01T13:45:00.123456+02:00")).containsExactly(1);
        assertThat(ids("tstz", "_eq", "DateTime", "2024-05-01T11:45:00.123456Z")).containsExactly(1);
        assertThat(ids("tstz", "_eq", "DateTime", "2000-01-01T04:59:59.000001Z")).containsExactly(2);
        assertThat(ids("tstz", "_lt", "DateTime", "2000-01-01T04:59:59.000002Z")).containsExactly(2, 4);
        assertThat(valueOf(4, "tstz")).as("a whole minute keeps its seconds").isEqualTo("1990-01-01T00:00:00Z");
    }

    @Test
    void jsonAndJsonbAreJsonValues() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a", 1);
        document.put("b", Arrays.asList(true, null, "x"));
        assertThat(valueOf(1, "js")).isEqualTo(document);
        assertThat(valueOf(1, "jsb")).isEqualTo(document);
        assertThat(valueOf(2, "js")).isEqualTo(List.of());
        assertThat(valueOf(2, "jsb")).isEqualTo(List.of());
        assertThat(valueOf(3, "jsb")).isNull();
        assertThat(ids("{js: {_is_null: false}}")).containsExactly(1, 2);
        assertThat(ids("{jsb: {_is_null: true}}")).containsExactly(3, 4);
    }

    @Test
    void uuidRoundTrips() {
        assertThat(ids("uid", "_eq", "UUID", UUID)).containsExactly(1);
        assertThat(ids("uid", "_eq", "UUID", "00000000-0000-0000-0000-000000000000")).containsExactly(2);
        assertThat(ids("{uid: {_in: [\"" + UUID + "\", \"11111111-1111-1111-1111-111111111111\"]}}")).containsExactly(1);
        assertThat(valueOf(1, "uid")).hasToString(UUID);
    }
}
