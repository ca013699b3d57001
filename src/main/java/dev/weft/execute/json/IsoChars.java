package dev.weft.execute.json;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * Writes dates and timestamps as {@code DateTimeFormatter.ISO_LOCAL_DATE}, {@code ISO_LOCAL_DATE_TIME} and
 * {@code ISO_OFFSET_DATE_TIME} print them, as ASCII bytes straight into an output buffer instead of a new string
 * each: years 0 to 9999 and offsets in whole minutes; anything else answers -1 and the caller formats it the usual way.
 *
 * <pre>{@code
 * byte[] out = new byte[IsoChars.MAX];
 * int end = IsoChars.dateTime(LocalDateTime.parse("2024-05-01T13:45:00.120"), out, 0); // "2024-05-01T13:45:00.12", 22
 * }</pre>
 */
final class IsoChars {
    /** The longest text written: date, time with nanoseconds and an offset. */
    static final int MAX = 36;

    private IsoChars() {
    }

    /**
     * {@code value} (a {@link LocalDateTime}, {@link OffsetDateTime} or {@link LocalDate}) at {@code out[at..]}, which has
     * room for {@link #MAX} bytes: the end of what was written, or -1 for another type or a value written otherwise.
     */
    static int of(Object value, byte[] out, int at) {
        return switch (value) {
            case LocalDateTime t -> dateTime(t, out, at);
            case OffsetDateTime t -> offsetDateTime(t, out, at);
            case LocalDate d -> date(d, out, at);
            default -> -1;
        };
    }

    static int date(LocalDate d, byte[] out, int at) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        Digits.write(year, 4, out, at);
        out[at + 4] = '-';
        Digits.write(d.getMonthValue(), 2, out, at + 5);
        out[at + 7] = '-';
        Digits.write(d.getDayOfMonth(), 2, out, at + 8);
        return at + 10;
    }

    static int dateTime(LocalDateTime t, byte[] out, int at) {
        if (date(t.toLocalDate(), out, at) < 0) {
            return -1;
        }
        out[at + 10] = 'T';
        return time(t.toLocalTime(), out, at + 11);
    }

    static int offsetDateTime(OffsetDateTime t, byte[] out, int at) {
        int n = dateTime(t.toLocalDateTime(), out, at);
        int seconds = t.getOffset().getTotalSeconds();
        if (n < 0 || seconds % 60 != 0) {
            return -1;
        }
        if (seconds == 0) {
            out[n] = 'Z';
            return n + 1;
        }
        int minutes = Math.abs(seconds) / 60;
        out[n] = (byte) (seconds < 0 ? '-' : '+');
        Digits.write(minutes / 60, 2, out, n + 1);
        out[n + 3] = ':';
        Digits.write(minutes % 60, 2, out, n + 4);
        return n + 6;
    }

    private static int time(LocalTime t, byte[] out, int at) {
        Digits.write(t.getHour(), 2, out, at);
        out[at + 2] = ':';
        Digits.write(t.getMinute(), 2, out, at + 3);
        out[at + 5] = ':';
        Digits.write(t.getSecond(), 2, out, at + 6);
        int n = at + 8;
        int nano = t.getNano();
        if (nano == 0) {
            return n;
        }
        out[n] = '.';
        Digits.write(nano, 9, out, n + 1);
        int end = n + 10;
        while (out[end - 1] == '0') {
            end--;
        }
        return end;
    }
}
