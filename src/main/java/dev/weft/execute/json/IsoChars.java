package dev.weft.execute.json;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * Writes dates and timestamps as {@code DateTimeFormatter.ISO_LOCAL_DATE}, {@code ISO_LOCAL_DATE_TIME} and
 * {@code ISO_OFFSET_DATE_TIME} print them, into a char buffer instead of a new string each: years 0 to 9999
 * and offsets in whole minutes; anything else answers -1 and the caller formats it the usual way.
 *
 * <pre>{@code
 * char[] buffer = new char[IsoChars.MAX];
 * int n = IsoChars.dateTime(LocalDateTime.parse("2024-05-01T13:45:00.120"), buffer); // "2024-05-01T13:45:00.12"
 * }</pre>
 */
final class IsoChars {
    /** The longest text written: date, time with nanoseconds and an offset. */
    static final int MAX = 36;

    private IsoChars() {
    }

    static int date(LocalDate d, char[] out) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(year, 4, out, 0);
        out[4] = '-';
        digits(d.getMonthValue(), 2, out, 5);
        out[7] = '-';
        digits(d.getDayOfMonth(), 2, out, 8);
        return 10;
    }

    static int dateTime(LocalDateTime t, char[] out) {
        if (date(t.toLocalDate(), out) < 0) {
            return -1;
        }
        out[10] = 'T';
        return time(t.toLocalTime(), out, 11);
    }

    static int offsetDateTime(OffsetDateTime t, char[] out) {
        int n = dateTime(t.toLocalDateTime(), out);
        int seconds = t.getOffset().getTotalSeconds();
        if (n < 0 || seconds % 60 != 0) {
            return -1;
        }
        if (seconds == 0) {
            out[n] = 'Z';
            return n + 1;
        }
        int minutes = Math.abs(seconds) / 60;
        out[n] = seconds < 0 ? '-' : '+';
        digits(minutes / 60, 2, out, n + 1);
        out[n + 3] = ':';
        digits(minutes % 60, 2, out, n + 4);
        return n + 6;
    }

    private static int time(LocalTime t, char[] out, int at) {
        digits(t.getHour(), 2, out, at);
        out[at + 2] = ':';
        digits(t.getMinute(), 2, out, at + 3);
        out[at + 5] = ':';
        digits(t.getSecond(), 2, out, at + 6);
        int n = at + 8;
        int nano = t.getNano();
        if (nano == 0) {
            return n;
        }
        out[n] = '.';
        digits(nano, 9, out, n + 1);
        int end = n + 10;
        while (out[end - 1] == '0') {
            end--;
        }
        return end;
    }

    private static void digits(int value, int width, char[] out, int at) {
        Digits.write(value, width, out, at);
    }
}
