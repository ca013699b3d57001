package dev.weftbench.jmh;

import dev.weft.execute.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The text PostgreSQL prints for {@code JSON_AGG(JSON_BUILD_ARRAY(c1, c2, ...))} over rows, for the in-memory source
 * to hand Weft what PostgreSQL would: {@code ", "} between rows and between the values of a row (PostgreSQL adds a
 * {@code "\n "} only between SQL arrays and records, not between {@code json} values), numbers
 * as PostgreSQL prints {@code bigint} and {@code numeric} (plain, the scale kept), timestamps and dates in ISO form
 * (seconds always, a fraction without trailing zeros), strings escaped as {@code escape_json} escapes them.
 *
 * <pre>{@code
 * PostgresJsonText.of(rows, List.of("id", "total", "created_at"));
 * // [[10, 147.18, "2024-01-07T22:40:00"], [11, 3.50, "2024-01-07T22:41:00"]]
 * }</pre>
 */
final class PostgresJsonText {
    private PostgresJsonText() {
    }

    /** The array of {@code rows}, each the values of {@code columns} in that order; {@code []} for no row. */
    static byte[] of(List<Row> rows, List<String> columns) {
        StringBuilder json = new StringBuilder(rows.size() * 16 * (columns.size() + 1) + 2).append('[');
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "[" : ", [");
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    json.append(", ");
                }
                value(json, rows.get(i).get(columns.get(c)));
            }
            json.append(']');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case Long l -> json.append(l.longValue());
            case Integer i -> json.append(i.intValue());
            case Boolean b -> json.append(b.booleanValue());
            case BigDecimal d -> json.append(d.toPlainString());
            case LocalDateTime t -> json.append('"').append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t)).append('"');
            case LocalDate d -> json.append('"').append(d).append('"');
            case String s -> string(json, s);
            default -> throw new IllegalArgumentException("no PostgreSQL JSON for a " + value.getClass().getName());
        }
    }

    /** As PostgreSQL's {@code escape_json}: quote, backslash and control characters escaped, the rest as it is. */
    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }
}
