package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact round-trips of column types (README, "Types": scalars lose no precision): each value is found
 * again with {@code _eq} on the value it was stored with (bound from a variable, as clients send it)
 * and comes back unchanged in the output. The table {@code typed} has the columns below on every
 * engine; subclasses add the engine's own types and tests.
 *
 * <pre>
 * id | big                  | amount DECIMAL(38,10)                        | small  | i           | r (real) | d (double)
 * 1  | 9223372036854775807  | 1234567890123456789012345678.0123456789      | 32767  | 2147483647  | 1.5      | 3.141592653589793
 * 2  | -9223372036854775808 | -1234567890123456789012345678.0123456789     | -32768 | -2147483648 | -2.25    | -1.0E-300
 * 3  | all columns null
 * 4  | -                    | -                                            | -      | -           | 0.1      | 0.1
 *
 * id | ch CHAR(5) | vc VARCHAR(20) | tx TEXT        | flag  | day        | tod (time(6))   | ts (timestamp(6))          | bin        | mood
 * 1  | 'ab'       | 'hello  '      | 'Grüße, 世界 🌍' | true  | 2024-02-29 | 23:59:59.999999 | 2024-05-01 13:45:00.123456 | DEADBEEF00 | happy
 * 2  | 'abcde'    | 'x'            | ''             | false | 1970-01-01 | 00:00:00        | 1999-12-31 23:59:59.000001 | (empty)    | sad
 * 4  | -          | 'Ünïcödé'      | -              | -     | -          | 12:30:00        | 1990-01-01 00:00:00        | -          | ok
 * </pre>
 * {@code mood} is an enum type ('sad', 'ok', 'happy', in that order) on every engine.
 */
abstract class TypeScenarios extends TargetScenario {
    static final String BIG_DECIMAL = "1234567890123456789012345678.0123456789";
    static final String TEXT = "Grüße, 世界 🌍";

    /** What CHAR(5) 'ab' reads as: PostgreSQL pads it, MariaDB strips the padding. */
    protected abstract String charAbAsRead();

    /** Whether a bound LocalDateTime keeps its fractional seconds with this target's driver. */
    protected abstract boolean bindsFractionalSeconds();

    /** ids of the rows where {@code field op $v}, with {@code $v} of GraphQL type {@code type}. */
    protected List<Object> ids(String field, String op, String type, Object value) {
        return column(data("query($v: " + type + ") { hr_typed(where: {" + field + ": {" + op + ": $v}}, order_by: {id: asc})"
                + " { id } }", Map.of("v", value)), "hr_typed", "id");
    }

    /** ids of the rows matching a literal where. */
    protected List<Object> ids(String where) {
        return values("{ hr_typed(where: " + where + ", order_by: {id: asc}) { id } }", "hr_typed", "id");
    }

    /** The output value of {@code field} in row {@code id}. */
    protected Object valueOf(int id, String field) {
        return get(data("{ hr_typed_by_pk(id: " + id + ") { " + field + " } }"), "hr_typed_by_pk." + field);
    }

    @Test
    void bigintExtremesRoundTrip() {
        assertThat(ids("big", "_eq", "Long", Long.MAX_VALUE)).containsExactly(1);
        assertThat(ids("big", "_eq", "Long", Long.MIN_VALUE)).containsExactly(2);
        assertThat(ids("{big: {_eq: 9223372036854775807}}")).as("as a literal").containsExactly(1);
        assertThat(ids("{big: {_eq: -9223372036854775808}}")).as("as a literal").containsExactly(2);
        assertThat(valueOf(1, "big")).isEqualTo(Long.MAX_VALUE);
        assertThat(valueOf(2, "big")).isEqualTo(Long.MIN_VALUE);
        assertThat(valueOf(3, "big")).isNull();
    }

    @Test
    void bigintAggregatesAreExact() {
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { sum { big } min { big } max { big } } } }");
        assertThat((BigDecimal) get(data, "hr_typed_aggregate.aggregate.sum.big")).isEqualByComparingTo("-1");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.big")).isEqualTo(Long.MIN_VALUE);
        assertThat(get(data, "hr_typed_aggregate.aggregate.max.big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void decimal38RoundTripsExactly() {
        BigDecimal positive = new BigDecimal(BIG_DECIMAL);
        BigDecimal negative = positive.negate();
        assertThat(ids("amount", "_eq", "BigDecimal", positive)).containsExactly(1);
        assertThat(ids("amount", "_eq", "BigDecimal", negative)).containsExactly(2);
        assertThat(ids("amount", "_eq", "BigDecimal", positive.subtract(new BigDecimal("0.0000000001")))).isEmpty();
        assertThat(ids("amount", "_gt", "BigDecimal", new BigDecimal("1234567890123456789012345678.0123456788"))).containsExactly(1);
        assertThat(valueOf(1, "amount")).isEqualTo(positive);
        assertThat(valueOf(2, "amount")).isEqualTo(negative);
    }

    @Test
    void decimal38AggregatesAreExact() {
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { sum { amount } min { amount } max { amount } } } }");
        assertThat((BigDecimal) get(data, "hr_typed_aggregate.aggregate.sum.amount")).isEqualByComparingTo("0");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.amount")).isEqualTo(new BigDecimal("-" + BIG_DECIMAL));
        assertThat(get(data, "hr_typed_aggregate.aggregate.max.amount")).isEqualTo(new BigDecimal(BIG_DECIMAL));
    }

    @Test
    void smallintAndIntExtremesRoundTrip() {
        assertThat(ids("small", "_eq", "Int", 32767)).containsExactly(1);
        assertThat(ids("small", "_eq", "Int", -32768)).containsExactly(2);
        assertThat(ids("i", "_eq", "Int", Integer.MAX_VALUE)).containsExactly(1);
        assertThat(ids("i", "_eq", "Int", Integer.MIN_VALUE)).containsExactly(2);
        assertThat(valueOf(1, "small")).isEqualTo(32767);
        assertThat(valueOf(2, "small")).isEqualTo(-32768);
        assertThat(valueOf(1, "i")).isEqualTo(Integer.MAX_VALUE);
        assertThat(valueOf(2, "i")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void realAndDoubleRoundTrip() {
        assertThat(ids("r", "_eq", "Float", 1.5)).containsExactly(1);
        assertThat(ids("r", "_eq", "Float", -2.25)).containsExactly(2);
        assertThat(ids("d", "_eq", "Float", 3.141592653589793)).containsExactly(1);
        assertThat(ids("d", "_eq", "Float", -1.0E-300)).containsExactly(2);
        assertThat(ids("d", "_eq", "Float", 0.1)).containsExactly(4);
        assertThat(valueOf(1, "r")).isEqualTo(1.5);
        assertThat(valueOf(1, "d")).isEqualTo(3.141592653589793);
        assertThat(valueOf(2, "d")).isEqualTo(-1.0E-300);
        assertThat(valueOf(4, "r")).as("a real keeps its shortest decimal form").isEqualTo(0.1);
        assertThat(valueOf(4, "d")).isEqualTo(0.1);
    }

    @Test
    void charIsFoundWithoutItsPadding() {
        assertThat(ids("ch", "_eq", "String", "ab")).containsExactly(1);
        assertThat(ids("ch", "_eq", "String", "abcde")).containsExactly(2);
        assertThat(valueOf(1, "ch")).isEqualTo(charAbAsRead());
        assertThat(valueOf(2, "ch")).isEqualTo("abcde");
    }

    /** Whether the engine's own LIKE sees CHAR's padding (PostgreSQL's does; MariaDB strips it). */
    protected abstract boolean likeSeesCharPadding();

    @Test
    void charMatchesLikeAsTheEnginesOwnLikeDoes() {
        List<Object> row1 = likeSeesCharPadding() ? List.of() : List.of(1);
        assertThat(ids("{ch: {_like: \"ab\"}}")).isEqualTo(row1);
        assertThat(ids("{ch: {_ilike: \"AB\"}}")).isEqualTo(row1);
        assertThat(ids("{ch: {_like: \"%b\"}}")).isEqualTo(row1);
        assertThat(ids("{ch: {_like: \"ab%\"}}")).containsExactly(1, 2);
    }

    @Test
    void varcharKeepsTrailingSpacesAndUnicode() {
        assertThat(ids("vc", "_eq", "String", "hello  ")).containsExactly(1);
        assertThat(valueOf(1, "vc")).isEqualTo("hello  ");
        assertThat(ids("vc", "_eq", "String", "Ünïcödé")).containsExactly(4);
        assertThat(valueOf(4, "vc")).isEqualTo("Ünïcödé");
    }

    @Test
    void textRoundTripsFourByteCharactersAndTheEmptyString() {
        assertThat(ids("tx", "_eq", "String", TEXT)).containsExactly(1);
        assertThat(valueOf(1, "tx")).isEqualTo(TEXT);
        assertThat(ids("tx", "_eq", "String", "")).containsExactly(2);
        assertThat(valueOf(2, "tx")).isEqualTo("");
        assertThat(ids("{tx: {_is_null: true}}")).containsExactly(3, 4);
    }

    @Test
    void booleanRoundTrips() {
        assertThat(ids("flag", "_eq", "Boolean", true)).containsExactly(1);
        assertThat(ids("flag", "_eq", "Boolean", false)).containsExactly(2);
        assertThat(ids("{flag: {_neq: true}}")).containsExactly(2);
        assertThat(ids("{flag: {_is_null: true}}")).containsExactly(3, 4);
        assertThat(valueOf(1, "flag")).isEqualTo(true);
        assertThat(valueOf(2, "flag")).isEqualTo(false);
    }

    @Test
    void dateRoundTrips() {
        assertThat(ids("day", "_eq", "Date", "2024-02-29")).containsExactly(1);
        assertThat(ids("day", "_lt", "Date", "2000-01-01")).containsExactly(2);
        assertThat(valueOf(1, "day")).isEqualTo("2024-02-29");
        assertThat(valueOf(2, "day")).isEqualTo("1970-01-01");
    }

    @Test
    void timeWithMicrosecondsIsReadExactly() {
        assertThat(valueOf(1, "tod")).isEqualTo("23:59:59.999999");
        assertThat(valueOf(2, "tod")).isEqualTo("00:00:00");
        assertThat(ids("tod", "_eq", "LocalTime", "00:00:00")).containsExactly(2);
        assertThat(ids("tod", "_gt", "LocalTime", "23:59:59")).containsExactly(1);
    }

    @Test
    void timeOnAWholeMinuteKeepsItsSeconds() {
        assertThat(valueOf(4, "tod")).isEqualTo("12:30:00");
        assertThat(ids("tod", "_eq", "LocalTime", "12:30:00")).containsExactly(4);
    }

    @Test
    void timestampWithMicrosecondsIsReadExactly() {
        assertThat(valueOf(1, "ts")).isEqualTo("2024-05-01T13:45:00.123456");
        assertThat(valueOf(2, "ts")).isEqualTo("1999-12-31T23:59:59.000001");
        Map<String, Object> data = data("{ hr_typed_aggregate(where: {id: {_lt: 4}}) { aggregate { min { ts } max { ts } } } }");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.ts")).isEqualTo("1999-12-31T23:59:59.000001");
        assertThat(get(data, "hr_typed_aggregate.aggregate.max.ts")).isEqualTo("2024-05-01T13:45:00.123456");
    }

    @Test
    void timestampOnAWholeMinuteKeepsItsSeconds() {
        assertThat(valueOf(4, "ts")).isEqualTo("1990-01-01T00:00:00");
        assertThat(ids("ts", "_eq", "LocalDateTime", "1990-01-01T00:00:00")).containsExactly(4);
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { min { ts } } } }");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.ts")).isEqualTo("1990-01-01T00:00:00");
    }

    @Test
    void boundTimesAndTimestampsKeepMicrosecondsWhereTheDriverSendsThem() {
        assertThat(ids("ts", "_gte", "LocalDateTime", "2000-01-01T00:00:00")).containsExactly(1);
        if (bindsFractionalSeconds()) {
            assertThat(ids("tod", "_eq", "LocalTime", "23:59:59.999999")).containsExactly(1);
            assertThat(ids("ts", "_eq", "LocalDateTime", "2024-05-01T13:45:00.123456")).containsExactly(1);
            assertThat(ids("ts", "_eq", "LocalDateTime", "1999-12-31T23:59:59.000001")).containsExactly(2);
            assertThat(ids("ts", "_gt", "LocalDateTime", "1999-12-31T23:59:59")).containsExactly(1, 2);
        } else {
            // MySQL Connector/J takes MariaDB 10.11 (which it sees as "5.5.5") for a server without
            // fractional seconds and sends bound timestamps without them: the value
            // 2024-05-01T13:45:00.123456 is compared as 2024-05-01 13:45:00, which no row equals,
            // and "> 23:59:59.000001" becomes "> 23:59:59", which row 2 then satisfies.
            assertThat(ids("ts", "_eq", "LocalDateTime", "2024-05-01T13:45:00.123456")).isEmpty();
            assertThat(ids("ts", "_eq", "LocalDateTime", "1999-12-31T23:59:59.000001")).isEmpty();
            assertThat(ids("ts", "_gt", "LocalDateTime", "1999-12-31T23:59:59.000001")).containsExactly(1, 2);
            assertThat(ids("tod", "_eq", "LocalTime", "23:59:59.999999")).isEmpty();
        }
    }

    @Test
    void bytesAreBase64BothWays() {
        assertThat(ids("bin", "_eq", "Base64", "3q2+7wA=")).containsExactly(1);
        assertThat(ids("bin", "_eq", "Base64", "")).containsExactly(2);
        assertThat(valueOf(1, "bin")).isEqualTo("3q2+7wA=");
        assertThat(valueOf(2, "bin")).isEqualTo("");
        assertThat(valueOf(3, "bin")).isNull();
    }

    @Test
    void enumFiltersWithEqAndIn() {
        assertThat(ids("mood", "_eq", "String", "happy")).containsExactly(1);
        assertThat(ids("{mood: {_eq: \"sad\"}}")).containsExactly(2);
        assertThat(ids("{mood: {_neq: \"sad\"}}")).containsExactly(1, 4);
        assertThat(ids("{mood: {_in: [\"sad\", \"ok\"]}}")).containsExactly(2, 4);
        assertThat(ids("{mood: {_nin: [\"sad\"]}}")).containsExactly(1, 4);
        assertThat(valueOf(1, "mood")).isEqualTo("happy");
    }

    @Test
    void enumSortsInDeclarationOrder() {
        assertThat(values("{ hr_typed(order_by: {mood: asc}) { id } }", "hr_typed", "id")).containsExactly(2, 4, 1, 3);
        assertThat(values("{ hr_typed(order_by: {mood: desc}) { id } }", "hr_typed", "id")).containsExactly(3, 1, 4, 2);
    }

    @Test
    void enumFiltersWithLike() {
        assertThat(ids("{mood: {_like: \"h%\"}}")).containsExactly(1);
        assertThat(ids("{mood: {_ilike: \"%A%\"}}")).containsExactly(1, 2);
    }
}
