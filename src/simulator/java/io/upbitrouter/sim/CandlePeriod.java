package io.upbitrouter.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * The candle periods the simulator serves. Buckets are aligned to UTC as Upbit's are: minutes to
 * the epoch (so 240m starts at 00, 04, ... UTC), days at 00:00 UTC, weeks on Monday.
 */
public enum CandlePeriod {
    SECOND_1("candle.1s", 1_000L, true),
    MINUTE_1("candle.1m", 60_000L, true),
    MINUTE_3("candle.3m", 180_000L, true),
    MINUTE_5("candle.5m", 300_000L, true),
    MINUTE_10("candle.10m", 600_000L, true),
    MINUTE_15("candle.15m", 900_000L, true),
    MINUTE_30("candle.30m", 1_800_000L, true),
    MINUTE_60("candle.60m", 3_600_000L, true),
    MINUTE_240("candle.240m", 14_400_000L, true),
    DAY(null, 0, false),
    WEEK(null, 0, false),
    MONTH(null, 0, false),
    YEAR(null, 0, false);

    private final String wsType;
    private final long fixedMillis;
    private final boolean streamed;

    CandlePeriod(String wsType, long fixedMillis, boolean streamed) {
        this.wsType = wsType;
        this.fixedMillis = fixedMillis;
        this.streamed = streamed;
    }

    /** The WebSocket type name ({@code candle.1m}), null for periods Upbit does not stream. */
    public String wsType() {
        return wsType;
    }

    /** Whether Upbit streams this period over WebSocket (seconds and minutes). */
    public boolean streamed() {
        return streamed;
    }

    /** Minutes per candle for minute periods (the REST {@code unit}), 0 otherwise. */
    public int minutes() {
        return name().startsWith("MINUTE_") ? (int) (fixedMillis / 60_000L) : 0;
    }

    /** Whether the bucket length is fixed (seconds and minutes). */
    boolean fixed() {
        return fixedMillis > 0;
    }

    long fixedMillis() {
        return fixedMillis;
    }

    /** The period for a REST minute unit. */
    public static Optional<CandlePeriod> ofMinutes(int unit) {
        return Arrays.stream(values()).filter(p -> p.minutes() == unit && unit > 0).findFirst();
    }

    /** The period for a WebSocket type such as {@code candle.5m}. */
    public static Optional<CandlePeriod> ofWsType(String type) {
        return Arrays.stream(values()).filter(p -> p.wsType != null && p.wsType.equals(type)).findFirst();
    }

    /** Start of the bucket holding {@code millis}. */
    public long bucketStart(long millis) {
        if (fixed()) {
            return Math.floorDiv(millis, fixedMillis) * fixedMillis;
        }
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        LocalDate start = switch (this) {
            case DAY -> d;
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1);
            case YEAR -> d.withDayOfYear(1);
            default -> throw new IllegalStateException();
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Start of the bucket after the one starting at {@code bucketStart}. */
    public long nextStart(long bucketStart) {
        if (fixed()) {
            return bucketStart + fixedMillis;
        }
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(bucketStart), ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAY -> d.plusDays(1);
            case WEEK -> d.plusWeeks(1);
            case MONTH -> d.plusMonths(1);
            case YEAR -> d.plusYears(1);
            default -> throw new IllegalStateException();
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Start of the bucket before the one starting at {@code bucketStart}. */
    public long previousStart(long bucketStart) {
        return bucketStart(bucketStart - 1);
    }
}
