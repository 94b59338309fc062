package io.upbitrouter.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Candle intervals Upbit serves, with the REST path for each and the WebSocket type for those the
 * exchange streams (seconds and minutes; days and longer are REST only).
 */
public enum CandleInterval {
    SECONDS_1("1s", "candles/seconds", "candle.1s", Duration.ofSeconds(1)),
    MINUTES_1("1m", "candles/minutes/1", "candle.1m", Duration.ofMinutes(1)),
    MINUTES_3("3m", "candles/minutes/3", "candle.3m", Duration.ofMinutes(3)),
    MINUTES_5("5m", "candles/minutes/5", "candle.5m", Duration.ofMinutes(5)),
    MINUTES_10("10m", "candles/minutes/10", "candle.10m", Duration.ofMinutes(10)),
    MINUTES_15("15m", "candles/minutes/15", "candle.15m", Duration.ofMinutes(15)),
    MINUTES_30("30m", "candles/minutes/30", "candle.30m", Duration.ofMinutes(30)),
    MINUTES_60("60m", "candles/minutes/60", "candle.60m", Duration.ofMinutes(60)),
    MINUTES_240("240m", "candles/minutes/240", "candle.240m", Duration.ofMinutes(240)),
    DAYS("1d", "candles/days", null, Duration.ofDays(1)),
    WEEKS("1w", "candles/weeks", null, Duration.ofDays(7)),
    /** Calendar months: the duration is nominal, boundaries follow the calendar. */
    MONTHS("1M", "candles/months", null, Duration.ofDays(31)),
    /** Calendar years: the duration is nominal, boundaries follow the calendar. */
    YEARS("1y", "candles/years", null, Duration.ofDays(366));

    private final String code;
    private final String restPath;
    private final String wsType;
    private final Duration nominalLength;

    CandleInterval(String code, String restPath, String wsType, Duration nominalLength) {
        this.code = code;
        this.restPath = restPath;
        this.wsType = wsType;
        this.nominalLength = nominalLength;
    }

    /** The code used in requests, configuration and cache keys: {@code 1s}, {@code 1m}, {@code 1d}, {@code 1M}. */
    public String code() {
        return code;
    }

    /** The REST path below the API base, without a leading slash: {@code candles/minutes/1}. */
    public String restPath() {
        return restPath;
    }

    /** The WebSocket subscription type ({@code candle.1m}), or null when Upbit does not stream it. */
    public String wsType() {
        return wsType;
    }

    public boolean streamable() {
        return wsType != null;
    }

    public Duration nominalLength() {
        return nominalLength;
    }

    /** Minute unit for {@code candles/minutes/{unit}} paths, or 0 for other intervals. */
    public int minuteUnit() {
        return restPath.startsWith("candles/minutes/") ? (int) nominalLength.toMinutes() : 0;
    }

    /** Looks an interval up by its code ({@code 1m}); codes are case sensitive since {@code 1m} and {@code 1M} differ. */
    public static Optional<CandleInterval> fromCode(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }

    /** Looks an interval up by its WebSocket type ({@code candle.1m}). */
    public static Optional<CandleInterval> fromWsType(String wsType) {
        return Arrays.stream(values()).filter(i -> wsType != null && wsType.equals(i.wsType)).findFirst();
    }
}
