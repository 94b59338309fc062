package io.upbitrouter.sim;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Upbit's date and time spellings, in UTC and KST. */
final class UpbitTime {

    static final ZoneOffset KST = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter CANDLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private UpbitTime() {
    }

    static String compactDate(long millis, ZoneOffset zone) {
        return COMPACT_DATE.format(at(millis, zone));
    }

    static String compactTime(long millis, ZoneOffset zone) {
        return COMPACT_TIME.format(at(millis, zone));
    }

    static String date(long millis, ZoneOffset zone) {
        return DATE.format(at(millis, zone));
    }

    static String time(long millis, ZoneOffset zone) {
        return TIME.format(at(millis, zone));
    }

    static String candle(long millis, ZoneOffset zone) {
        return CANDLE.format(at(millis, zone));
    }

    private static LocalDateTime at(long millis, ZoneOffset zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    }

    /**
     * Parses a candle {@code to}: {@code 2025-06-24T04:56:53Z}, {@code 2025-06-24T13:56:53+09:00},
     * or {@code 2025-06-24 04:56:53} / {@code 2025-06-24T04:56:53} taken as UTC.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    static long parseTo(String raw) {
        String s = raw.trim();
        // an unencoded '+' in a query string arrives as a space: "13:56:53 09:00"
        if (s.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)? \\d{2}:\\d{2}")) {
            int i = s.lastIndexOf(' ');
            s = s.substring(0, i) + "+" + s.substring(i + 1);
        }
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:?\\d{2}$") && s.indexOf('T') > 0) {
                return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant().toEpochMilli();
            }
            DateTimeFormatter f = s.indexOf('T') > 0 ? CANDLE : SPACED;
            return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unparsable time: " + raw, e);
        }
    }
}
