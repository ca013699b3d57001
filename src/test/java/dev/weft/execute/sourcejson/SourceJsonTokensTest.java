package dev.weft.execute.sourcejson;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Source-built JSON, as PostgreSQL prints {@code json_agg(json_build_array(...))}, is written exactly as Jackson writes
 * the same values read as rows (the row path's bytes), through the raw writer and through a generator; tokens Weft
 * would write otherwise are refused, so that the level is read as rows.
 */
class SourceJsonTokensTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper SLASHES = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
    private static final SourceJsonShape ALL = SourceJsonShape.builder()
            .column("id", FieldKind.LONG, false)
            .column("n", FieldKind.INT, true)
            .constant("__typename", "ShopOrders")
            .column("total", FieldKind.DECIMAL, true)
            .column("paid", FieldKind.BOOLEAN, true)
            .column("note", FieldKind.STRING, true)
            .column("day", FieldKind.DATE, true)
            .column("at", FieldKind.TIMESTAMP, true)
            .build();

    @Test
    void everyKindIsWrittenAsTheRowPathWritesIt() {
        List<Object[]> rows = List.of(
                new Object[] {10L, 7, new BigDecimal("147.18"), true, "paid", LocalDate.of(2024, 1, 7),
                        LocalDateTime.of(2024, 1, 7, 22, 40)},
                new Object[] {-11L, null, new BigDecimal("0.000001"), false, "", LocalDate.of(1, 1, 1),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 120_000_000)},
                new Object[] {Long.MAX_VALUE, Integer.MIN_VALUE, null, null, null, null, null},
                new Object[] {0L, 0, new BigDecimal("100.00"), true, "a/b \"q\" \\ \t\n\u0001\u001f é 漢 😀",
                        LocalDate.of(2000, 2, 29), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_000)});
        assertWrittenAsRows(rows);
    }

    @Test
    void randomStringsDecimalsAndTimestampsAgreeWithJacksonOrAreRefused() {
        Random random = new Random(17);
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            BigDecimal total = new BigDecimal(BigInteger.valueOf(random.nextLong() % 1_000_000_000L), random.nextInt(11));
            if (random.nextInt(5) == 0) {
                total = new BigDecimal(new BigInteger(100, random), random.nextInt(12)); // past 18 digits
            } else if (random.nextInt(4) == 0) {
                total = new BigDecimal(BigInteger.valueOf(random.nextInt(100)), 5 + random.nextInt(5)); // near an exponent
            }
            LocalDateTime at = LocalDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1_000);
            Object[] row = {random.nextLong(), random.nextInt(), total, random.nextBoolean(), randomString(random),
                    at.toLocalDate(), at};
            if (total.toString().contains("E")) {
                assertThat(SourceJsonTokens.rows(pg(List.<Object[]>of(row)), ALL)).as(total.toPlainString()).isEqualTo(-1);
                refused++;
            } else {
                assertWrittenAsRows(List.<Object[]>of(row));
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void escapedSlashesFollowTheGenerator() {
        List<Object[]> rows = List.<Object[]>of(new Object[] {1L, 1, null, null, "https://example.com/a/b", null, null});
        SourceJsonList list = SourceJsonList.of(ALL, pg(rows));
        assertThat(SLASHES.writeValueAsString(list)).isEqualTo(SLASHES.writeValueAsString(maps(rows)))
                .contains("https:\\/\\/example.com");
        assertThat(new String(SLASHES.writeValueAsBytes(list), StandardCharsets.UTF_8))
                .isEqualTo(SLASHES.writeValueAsString(maps(rows)));
    }

    @Test
    void tokensWeftWritesOtherwiseAreRefused() {
        SourceJsonShape decimal = SourceJsonShape.builder().column("d", FieldKind.DECIMAL, false).build();
        for (String token : List.of("0.0000001", "0.00000000", "\"NaN\"", "\"Infinity\"", "1e5", "01.5", "1.", ".5", "null")) {
            assertThat(SourceJsonTokens.rows(bytes("[[" + token + "]]"), decimal)).as(token).isEqualTo(-1);
        }
        assertThat(SourceJsonTokens.rows(bytes("[[0.000000], [0.000001], [-12.50], [0]]"), decimal)).isEqualTo(4);
        SourceJsonShape at = SourceJsonShape.builder().column("at", FieldKind.TIMESTAMP, true).build();
        for (String token : List.of("\"10000-01-01T00:00:00\"", "\"0000-01-01T00:00:00\"", "\"2024-01-01T00:00:00.10\"",
                "\"2024-01-01 00:00:00\"", "\"2024-01-01T00:00:00+00:00\"", "\"0044-03-15T00:00:00 BC\"", "\"infinity\"")) {
            assertThat(SourceJsonTokens.rows(bytes("[[" + token + "]]"), at)).as(token).isEqualTo(-1);
        }
        SourceJsonShape day = SourceJsonShape.builder().column("day", FieldKind.DATE, true).build();
        assertThat(SourceJsonTokens.rows(bytes("[[\"2024-02-29\"], [null]]"), day)).isEqualTo(2);
        assertThat(SourceJsonTokens.rows(bytes("[[\"2024-02-29 BC\"]]"), day)).isEqualTo(-1);
        SourceJsonShape text = SourceJsonShape.builder().column("s", FieldKind.STRING, true).build();
        for (String token : List.of("\"\\u0041\"", "\"\\u000a\"", "\"\u0001\"", "\"\\/\"", "\"\\x\"", "\"open", "5")) {
            assertThat(SourceJsonTokens.rows(bytes("[[" + token + "]]"), text)).as(token).isEqualTo(-1);
        }
        assertThat(SourceJsonTokens.rows(new byte[] {'[', '[', '"', (byte) 0xC3, '"', ']', ']'}, text)).isEqualTo(-1);
        assertThat(SourceJsonTokens.rows(new byte[] {'[', '[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']', ']'}, text))
                .as("a surrogate encoded in UTF-8").isEqualTo(-1);
        SourceJsonShape id = SourceJsonShape.builder().column("id", FieldKind.LONG, false).column("b", FieldKind.BOOLEAN, true).build();
        for (String json : List.of("[[1]]", "[[1, true, 2]]", "[[null, true]]", "[[1, yes]]", "[[1, true]] x", "[[1, true],]",
                "[[1, true]", "{}", "[[1 true]]", "[[007, true]]")) {
            assertThat(SourceJsonTokens.rows(bytes(json), id)).as(json).isEqualTo(-1);
        }
        assertThat(SourceJsonTokens.rows(bytes(" [ [1 ,true] ,\n [2,null] ] "), id)).isEqualTo(2);
    }

    @Test
    void anEmptyArrayAndAShapeOfConstantsOnly() {
        assertThat(JSON.writeValueAsString(SourceJsonList.of(ALL, bytes("[]")))).isEqualTo("[]");
        SourceJsonShape typename = SourceJsonShape.builder().constant("__typename", "Orders").build();
        SourceJsonList list = SourceJsonList.of(typename, bytes("[[], \n []]"));
        assertThat(new String(JSON.writeValueAsBytes(list), StandardCharsets.UTF_8))
                .isEqualTo("[{\"__typename\":\"Orders\"},{\"__typename\":\"Orders\"}]");
        assertThat(list).hasSize(2).first().isEqualTo(Map.of("__typename", "Orders"));
    }

    @Test
    void theMapViewHoldsTheRowPathsValueTypes() {
        List<Object[]> rows = List.<Object[]>of(new Object[] {5L, 3, new BigDecimal("1.50"), true, "x",
                LocalDate.of(2024, 5, 1), LocalDateTime.of(2024, 5, 1, 13, 45, 0, 120_000_000)});
        assertThat(SourceJsonList.of(ALL, pg(rows)).get(0)).isEqualTo(maps(rows).get(0));
    }

    private static void assertWrittenAsRows(List<Object[]> rows) {
        byte[] json = pg(rows);
        SourceJsonList list = SourceJsonList.of(ALL, json);
        assertThat(list).as(new String(json, StandardCharsets.UTF_8)).isNotNull().hasSize(rows.size());
        String expected = JSON.writeValueAsString(maps(rows));
        assertThat(new String(JSON.writeValueAsBytes(list), StandardCharsets.UTF_8)).as("raw").isEqualTo(expected);
        assertThat(JSON.writeValueAsString(list)).as("through a generator").isEqualTo(expected);
        assertThat(new String(JSON.writeValueAsBytes(Map.of("data", List.of(Map.of("orders", list)))), StandardCharsets.UTF_8))
                .isEqualTo("{\"data\":[{\"orders\":" + expected + "}]}");
    }

    /** The rows as the row path's map view holds them: dates and timestamps in ISO-8601. */
    private static List<Map<String, Object>> maps(List<Object[]> rows) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", row[0]);
            m.put("n", row[1]);
            m.put("__typename", "ShopOrders");
            m.put("total", row[2]);
            m.put("paid", row[3]);
            m.put("note", row[4]);
            m.put("day", row[5] == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format((LocalDate) row[5]));
            m.put("at", row[6] == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) row[6]));
            result.add(m);
        }
        return result;
    }

    /** The rows as PostgreSQL prints {@code json_agg(json_build_array(...))}: separators with spaces, lower-case hex. */
    static byte[] pg(List<Object[]> rows) {
        StringBuilder s = new StringBuilder("[");
        for (int r = 0; r < rows.size(); r++) {
            s.append(r == 0 ? "[" : ", \n [");
            Object[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                s.append(pgValue(row[i]));
            }
            s.append(']');
        }
        return bytes(s.append(']').toString());
    }

    private static String pgValue(Object v) {
        return switch (v) {
            case null -> "null";
            case BigDecimal d -> d.toPlainString();
            case String text -> pgString(text);
            case LocalDate d -> "\"" + d + "\"";
            case LocalDateTime t -> "\"" + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t) + "\"";
            default -> v.toString();
        };
    }

    private static String pgString(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> s.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return s.append('"').toString();
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                default -> s.append("/\"\\é");
            }
        }
        return s.toString().replace("\u0000", "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
