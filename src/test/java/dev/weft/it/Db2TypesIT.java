package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Introspection and every column type of a {@code db2} service, through IBM JCC against the Derby 10.8.3.0
 * Network Server: each value is found again with {@code _eq} bound from a variable and comes back unchanged.
 *
 * <pre>
 * TYPED id | big                  | amount DECIMAL(31,10)              | small  | i           | r    | d
 *       1  | 9223372036854775807  | 123456789012345678901.0123456789   | 32767  | 2147483647  | 1.5  | 3.141592653589793
 *       2  | -9223372036854775808 | -123456789012345678901.0123456789  | -32768 | -2147483648 | -2.25| -1.0E-300
 *       3  | all columns null
 *       4  | r 0.1, d 0.1, vc 'Ünïcödé', tod 12:30:00, ts 1990-01-01 00:00:00
 *
 *       id | ch CHAR(5) | vc VARCHAR(20) | tx VARCHAR(200) | cl CLOB       | bl BLOB    | bin VARCHAR(8) FOR BIT DATA | flag
 *       1  | 'ab'       | 'hello  '      | 'Grüße, 世界 🌍'  | 'long ☃ text' | DEADBEEF00 | DEADBEEF00                  | true
 *       2  | 'abcde'    | 'x'            | ''              | ''            | (empty)    | (empty)                     | false
 *
 *       id | day        | tod      | ts
 *       1  | 2024-02-29 | 23:59:59 | 2024-05-01 13:45:00.123456
 *       2  | 1970-01-01 | 00:00:00 | 1999-12-31 23:59:59.000001
 * </pre>
 * DB2's DECFLOAT, GRAPHIC/VARGRAPHIC, XML values and TIMESTAMP(12) do not exist on (or cannot be read from)
 * Derby; their mapping is checked in {@code Db2DialectTest}, and the XML column here only in the schema.
 */
class Db2TypesIT extends TargetScenario {
    static final String BIG_DECIMAL = "123456789012345678901.0123456789";
    static final String TEXT = "Grüße, 世界 🌍";
    static final String CLOB = "long ☃ text";

    @Override
    protected Target target() {
        return Target.DB2;
    }

    @Override
    protected List<String> setup(Target target) {
        return List.of(
                "CREATE TABLE typed (id INT NOT NULL PRIMARY KEY, big BIGINT, amount DECIMAL(31,10), small SMALLINT, i INT,"
                        + " r REAL, d DOUBLE, ch CHAR(5), vc VARCHAR(20), tx VARCHAR(200), cl CLOB, bl BLOB,"
                        + " bin VARCHAR(8) FOR BIT DATA, flag BOOLEAN, day DATE, tod TIME, ts TIMESTAMP)",
                "INSERT INTO typed VALUES (1, 9223372036854775807, " + BIG_DECIMAL + ", 32767, 2147483647, 1.5, 3.141592653589793,"
                        + " 'ab', 'hello  ', '" + TEXT + "', '" + CLOB + "', CAST(X'DEADBEEF00' AS BLOB), X'DEADBEEF00', TRUE,"
                        + " '2024-02-29', '23:59:59', '2024-05-01 13:45:00.123456')",
                "INSERT INTO typed VALUES (2, -9223372036854775808, -" + BIG_DECIMAL + ", -32768, -2147483648, -2.25, -1.0E-300,"
                        + " 'abcde', 'x', '', '', CAST(X'' AS BLOB), X'', FALSE, '1970-01-01', '00:00:00', '1999-12-31 23:59:59.000001')",
                "INSERT INTO typed (id) VALUES (3)",
                "INSERT INTO typed (id, r, d, vc, tod, ts) VALUES (4, 0.1, 0.1, 'Ünïcödé', '12:30:00', '1990-01-01 00:00:00')",
                "CREATE TABLE counts (id INT NOT NULL PRIMARY KEY, n INT NOT NULL, s SMALLINT NOT NULL)",
                "INSERT INTO counts VALUES (1, 2147483647, 32767), (2, 2147483647, 32767), (3, 2, 2)",
                "CREATE TABLE nanos (id INT NOT NULL PRIMARY KEY, ts TIMESTAMP)",
                "INSERT INTO nanos VALUES (1, TIMESTAMP('2024-05-01 13:45:00.123456789'))",
                "CREATE TABLE documents (id INT NOT NULL PRIMARY KEY, doc XML)",
                "INSERT INTO documents (id) VALUES (1)",
                "CREATE VIEW typed_flags AS SELECT id, flag FROM typed",
                "CREATE TABLE \"quoted lower\" (\"emp_no\" INT NOT NULL PRIMARY KEY, \"Mixed_Case\" INT, UPPER_CASE INT)",
                "INSERT INTO \"quoted lower\" VALUES (1, 2, 3)",
                "CREATE SCHEMA other",
                "CREATE TABLE other.elsewhere (id INT NOT NULL PRIMARY KEY)",
                "INSERT INTO other.elsewhere VALUES (42)");
    }

    private List<Object> ids(String field, String op, String type, Object value) {
        return column(data("query($v: " + type + ") { hr_typed(where: {" + field + ": {" + op + ": $v}}, order_by: {id: asc})"
                + " { id } }", Map.of("v", value)), "hr_typed", "id");
    }

    private List<Object> ids(String where) {
        return values("{ hr_typed(where: " + where + ", order_by: {id: asc}) { id } }", "hr_typed", "id");
    }

    private Object valueOf(int id, String field) {
        return get(data("{ hr_typed_by_pk(id: " + id + ") { " + field + " } }"), "hr_typed_by_pk." + field);
    }

    /** Field name to its scalar (unwrapping non-null) of a generated object type. */
    private Map<String, String> scalarsOf(String type) {
        List<Map<String, Object>> fields = get(data("{ __type(name: \"" + type + "\") { fields { name type { name kind ofType { name } } } } }"),
                "__type.fields") instanceof List<?> list ? castList(list) : List.of();
        Map<String, String> scalars = new LinkedHashMap<>();
        for (Map<String, Object> f : fields) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) f.get("type");
            Object name = t.get("name") != null ? t.get("name") : ((Map<?, ?>) t.get("ofType")).get("name");
            scalars.put((String) f.get("name"), (String) name);
        }
        return scalars;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(List<?> list) {
        return (List<Map<String, Object>>) list;
    }

    // ---- introspection -------------------------------------------------------------------------------

    @Test
    void everyColumnGetsItsScalar() {
        Map<String, String> expected = new LinkedHashMap<>();
        String[] pairs = {"id", "Int", "big", "Long", "amount", "BigDecimal", "small", "Int", "i", "Int", "r", "Float", "d", "Float",
            "ch", "String", "vc", "String", "tx", "String", "cl", "String", "bl", "Base64", "bin", "Base64", "flag", "Boolean",
            "day", "Date", "tod", "LocalTime", "ts", "LocalDateTime"};
        for (int i = 0; i < pairs.length; i += 2) {
            expected.put(pairs[i], pairs[i + 1]);
        }
        assertThat(scalarsOf("HrTyped")).containsExactlyEntriesOf(expected);
        assertThat(scalarsOf("HrDocuments")).as("XML is text").containsEntry("doc", "String");
    }

    @Test
    @SuppressWarnings("unchecked")
    void tablesViewsAndNamesAsCatalogued() {
        List<Object> roots = column(data("{ __schema { queryType { fields { name } } } }"), "__schema.queryType.fields", "name");
        assertThat(roots).contains("hr_typed", "hr_typed_by_pk", "hr_typed_flags", "hr_typed_flags_aggregate", "hr_quoted_lower",
                "hr_documents", "hr_nanos");
        assertThat(roots).as("a view has no primary key").doesNotContain("hr_typed_flags_by_pk");
        assertThat(roots).as("only the user's default schema, APP").doesNotContain("hr_elsewhere");
        assertThat(values("{ hr_typed_flags(where: {flag: {_eq: true}}) { id } }", "hr_typed_flags", "id")).containsExactly(1);
        assertThat(scalarsOf("HrQuotedLower")).containsOnlyKeys("emp_no", "Mixed_Case", "upper_case");
        Map<String, Object> row = data("{ hr_quoted_lower_by_pk(emp_no: 1) { emp_no Mixed_Case upper_case } }");
        assertThat((Map<String, Object>) get(row, "hr_quoted_lower_by_pk")).containsEntry("emp_no", 1).containsEntry("Mixed_Case", 2)
                .containsEntry("upper_case", 3);
        assertThat(derby.weftStatements()).anyMatch(sql -> sql.equals("SELECT t0.\"emp_no\", t0.\"Mixed_Case\", t0.\"UPPER_CASE\""
                + " FROM \"APP\".\"quoted lower\" t0 WHERE t0.\"emp_no\" = ?"));
    }

    @Test
    void theConfiguredSchemaIsReadInsteadOfTheDefaultOne() {
        ServiceProperties raw = derby.properties();
        ServiceProperties other = new ServiceProperties(raw.kind(), raw.url(), raw.username(), raw.password(), "OTHER",
                List.of("else*"), null, null, null, null, null, null, null, null);
        ServiceSettings settings = TestDatabase.services(Map.of("ot", other)).get(0);
        try (WeftRuntime elsewhere = WeftRuntime.start(List.of(settings))) {
            Map<String, Object> result = elsewhere.execute("{ ot_elsewhere { id } }", Map.of()).getData();
            assertThat(column(result, "ot_elsewhere", "id")).containsExactly(42);
            assertThat(elsewhere.catalog().tables()).hasSize(1);
        }
    }

    // ---- numbers -------------------------------------------------------------------------------------

    @Test
    void bigintExtremesRoundTrip() {
        assertThat(ids("big", "_eq", "Long", Long.MAX_VALUE)).containsExactly(1);
        assertThat(ids("big", "_eq", "Long", Long.MIN_VALUE)).containsExactly(2);
        assertThat(ids("{big: {_eq: -9223372036854775808}}")).containsExactly(2);
        assertThat(valueOf(1, "big")).isEqualTo(Long.MAX_VALUE);
        assertThat(valueOf(2, "big")).isEqualTo(Long.MIN_VALUE);
        assertThat(valueOf(3, "big")).isNull();
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { sum { big } min { big } max { big } } } }");
        assertThat((BigDecimal) get(data, "hr_typed_aggregate.aggregate.sum.big")).isEqualByComparingTo("-1");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.big")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void sumsOfIntegersDoNotOverflowTheirColumnType() {
        Map<String, Object> data = data("{ hr_counts_aggregate { aggregate { sum { n s } avg { n } } } }");
        assertThat(get(data, "hr_counts_aggregate.aggregate.sum.n")).isEqualTo(4_294_967_296L);
        assertThat(get(data, "hr_counts_aggregate.aggregate.sum.s")).isEqualTo(65_536L);
        assertThat((Double) get(data, "hr_counts_aggregate.aggregate.avg.n")).isEqualTo(4_294_967_296.0 / 3);
        assertThat(derby.weftStatements()).anyMatch(sql -> sql.contains("SUM(t0.\"N\" * CAST(1 AS DECIMAL(31, 0)))"));
    }

    @Test
    void decimal31RoundTripsExactly() {
        BigDecimal positive = new BigDecimal(BIG_DECIMAL);
        assertThat(ids("amount", "_eq", "BigDecimal", positive)).containsExactly(1);
        assertThat(ids("amount", "_eq", "BigDecimal", positive.negate())).containsExactly(2);
        assertThat(ids("amount", "_eq", "BigDecimal", positive.subtract(new BigDecimal("0.0000000001")))).isEmpty();
        assertThat(ids("amount", "_gt", "BigDecimal", new BigDecimal("123456789012345678901.0123456788"))).containsExactly(1);
        assertThat(valueOf(1, "amount")).isEqualTo(positive);
        assertThat(valueOf(2, "amount")).isEqualTo(positive.negate());
        Map<String, Object> data = data("{ hr_typed_aggregate { aggregate { sum { amount } max { amount } } } }");
        assertThat((BigDecimal) get(data, "hr_typed_aggregate.aggregate.sum.amount")).isEqualByComparingTo("0");
        assertThat(get(data, "hr_typed_aggregate.aggregate.max.amount")).isEqualTo(positive);
    }

    @Test
    void smallintIntRealAndDoubleRoundTrip() {
        assertThat(ids("small", "_eq", "Int", -32768)).containsExactly(2);
        assertThat(ids("i", "_eq", "Int", Integer.MAX_VALUE)).containsExactly(1);
        assertThat(valueOf(1, "small")).isEqualTo(32767);
        assertThat(valueOf(2, "i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(ids("r", "_eq", "Float", -2.25)).containsExactly(2);
        assertThat(ids("d", "_eq", "Float", -1.0E-300)).containsExactly(2);
        assertThat(ids("d", "_eq", "Float", 0.1)).containsExactly(4);
        assertThat(valueOf(1, "d")).isEqualTo(3.141592653589793);
        assertThat(valueOf(4, "r")).as("a REAL keeps its shortest decimal form").isEqualTo(0.1);
    }

    // ---- text ----------------------------------------------------------------------------------------

    @Test
    void charIsReadPaddedAndFoundWithoutItsPadding() {
        assertThat(ids("ch", "_eq", "String", "ab")).containsExactly(1);
        assertThat(ids("ch", "_eq", "String", "ab   ")).containsExactly(1);
        assertThat(ids("{ch: {_in: [\"ab\", \"zz\"]}}")).containsExactly(1);
        assertThat(valueOf(1, "ch")).isEqualTo("ab   ");
        assertThat(valueOf(2, "ch")).isEqualTo("abcde");
        assertThat(ids("{ch: {_like: \"ab%\"}}")).containsExactly(1, 2);
        assertThat(ids("{ch: {_ilike: \"AB %\"}}")).as("LIKE sees CHAR's padding on DB2").containsExactly(1);
    }

    @Test
    void varcharKeepsTrailingSpacesAndUnicode() {
        assertThat(ids("vc", "_eq", "String", "hello  ")).containsExactly(1);
        assertThat(valueOf(1, "vc")).isEqualTo("hello  ");
        assertThat(ids("vc", "_eq", "String", "Ünïcödé")).containsExactly(4);
        assertThat(ids("tx", "_eq", "String", TEXT)).containsExactly(1);
        assertThat(valueOf(1, "tx")).isEqualTo(TEXT);
        assertThat(ids("tx", "_eq", "String", "")).containsExactly(2);
        assertThat(ids("{tx: {_ilike: \"GRÜ%\"}}")).containsExactly(1);
    }

    @Test
    void clobIsReadAsTextAndMatchedWithLike() {
        assertThat(valueOf(1, "cl")).isEqualTo(CLOB);
        assertThat(valueOf(2, "cl")).isEqualTo("");
        assertThat(valueOf(3, "cl")).isNull();
        assertThat(ids("{cl: {_like: \"%☃%\"}}")).containsExactly(1);
        assertThat(ids("{cl: {_is_null: true}}")).containsExactly(3, 4);
        assertThat(codes(execute("{ hr_typed(where: {cl: {_eq: \"x\"}}) { id } }")))
                .as("DB2 cannot compare LOBs with =; no SQL reaches the client").containsExactly("INTERNAL");
    }

    // ---- binary, boolean, dates ----------------------------------------------------------------------

    @Test
    void blobAndBitDataAreBase64() {
        assertThat(valueOf(1, "bl")).isEqualTo("3q2+7wA=");
        assertThat(valueOf(2, "bl")).isEqualTo("");
        assertThat(valueOf(3, "bl")).isNull();
        assertThat(ids("bin", "_eq", "Base64", "3q2+7wA=")).containsExactly(1);
        assertThat(ids("bin", "_eq", "Base64", "")).containsExactly(2);
        assertThat(valueOf(1, "bin")).isEqualTo("3q2+7wA=");
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
    void dateAndTimeRoundTrip() {
        assertThat(ids("day", "_eq", "Date", "2024-02-29")).containsExactly(1);
        assertThat(ids("day", "_lt", "Date", "2000-01-01")).containsExactly(2);
        assertThat(valueOf(1, "day")).isEqualTo("2024-02-29");
        assertThat(valueOf(1, "tod")).isEqualTo("23:59:59");
        assertThat(valueOf(4, "tod")).isEqualTo("12:30:00");
        assertThat(ids("tod", "_eq", "LocalTime", "00:00:00")).containsExactly(2);
        assertThat(ids("tod", "_gt", "LocalTime", "23:59:58")).containsExactly(1);
    }

    @Test
    void timestampsKeepMicrosecondsBothWays() {
        assertThat(valueOf(1, "ts")).isEqualTo("2024-05-01T13:45:00.123456");
        assertThat(valueOf(2, "ts")).isEqualTo("1999-12-31T23:59:59.000001");
        assertThat(valueOf(4, "ts")).isEqualTo("1990-01-01T00:00:00");
        assertThat(ids("ts", "_eq", "LocalDateTime", "2024-05-01T13:45:00.123456")).containsExactly(1);
        assertThat(ids("ts", "_eq", "LocalDateTime", "1999-12-31T23:59:59.000001")).containsExactly(2);
        assertThat(ids("ts", "_gt", "LocalDateTime", "1999-12-31T23:59:59")).containsExactly(1, 2);
        Map<String, Object> data = data("{ hr_typed_aggregate(where: {id: {_lt: 4}}) { aggregate { min { ts } max { ts } } } }");
        assertThat(get(data, "hr_typed_aggregate.aggregate.min.ts")).isEqualTo("1999-12-31T23:59:59.000001");
    }

    @Test
    void theTestServerSendsTimestampsWithMicroseconds() {
        // Derby stores nanoseconds but sends DRDA timestamps to JCC with six digits; DB2 sends up to twelve,
        // of which LocalDateTime keeps nine (README, "IBM DB2").
        assertThat(get(data("{ hr_nanos_by_pk(id: 1) { ts } }"), "hr_nanos_by_pk.ts")).isEqualTo("2024-05-01T13:45:00.123456");
    }
}
