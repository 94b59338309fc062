package io.upbitrouter.api;

import io.upbitrouter.protocol.MarketCodes;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads Upbit's quotation query parameters ({@code market}, {@code markets}, {@code count},
 * {@code to}, {@code days_ago}, {@code level}) into a {@link MarketDataRequest}. Every refusal is an
 * {@link InvalidRequestException} naming the parameter as the client spelled it, raised before
 * anything reaches the exchange. Stateless and thread-safe.
 */
public final class UpbitQueryParameters {

    /** Upbit market codes: quote and base currency in capitals and digits ({@code KRW-BTC}). */
    private static final int MAX_COUNT = 10_000;
    private static final int MAX_ORDERBOOK_UNITS = 30;

    private final Clock clock;

    public UpbitQueryParameters(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code /v1/ticker?markets=KRW-BTC,KRW-ETH}. A ticker is the latest snapshot: {@code count} and {@code to} are
     * refused (400 naming the parameter) rather than ignored, so a client never believes it got history.
     */
    public MarketDataRequest ticker(Function<String, String> param, RealtimePriority priority) {
        List<String> markets = markets(param, "markets");
        refused(param, "count", "/v1/ticker answers the latest snapshot only");
        refused(param, "to", "/v1/ticker answers the latest snapshot only");
        return new MarketDataRequest(MarketDataType.TICKER, markets, null, 1, null, priority);
    }

    private static void refused(Function<String, String> param, String name, String why) {
        if (param.apply(name) != null) {
            throw new InvalidRequestException(name, "not a parameter here: " + why);
        }
    }

    /** {@code /v1/orderbook?markets=...&level=&count=}: level 0 only; count trims the units (1-30); {@code to} refused. */
    public MarketDataRequest orderbook(Function<String, String> param, RealtimePriority priority) {
        List<String> markets = markets(param, "markets");
        String level = param.apply("level");
        if (level != null && !level.isBlank() && !isZero(level)) {
            throw new InvalidRequestException("level", "only level 0 (no price grouping) is served, got " + level);
        }
        orderbookUnits(param);
        refused(param, "to", "/v1/orderbook answers the latest snapshot only");
        return new MarketDataRequest(MarketDataType.ORDERBOOK, markets, null, 1, null, priority);
    }

    /** The {@code count} of an orderbook request: how many units to keep per market (default 30). */
    public int orderbookUnits(Function<String, String> param) {
        String raw = param.apply("count");
        if (raw == null || raw.isBlank()) {
            return MAX_ORDERBOOK_UNITS;
        }
        int units = positiveInt("count", raw);
        if (units > MAX_ORDERBOOK_UNITS) {
            throw new InvalidRequestException("count", "at most " + MAX_ORDERBOOK_UNITS + " orderbook units, got " + raw);
        }
        return units;
    }

    /** {@code /v1/candles/...?market=&to=&count=} for the interval the path names. */
    public MarketDataRequest candles(CandleInterval interval, Function<String, String> param, RealtimePriority priority) {
        String market = market(param, "market");
        return new MarketDataRequest(MarketDataType.CANDLES, List.of(market), interval, count(param),
                candleTo(param.apply("to")), priority);
    }

    /** {@code /v1/trades/ticks?market=&to=HHmmss&days_ago=&count=}; {@code cursor} is not served. */
    public MarketDataRequest trades(Function<String, String> param, RealtimePriority priority) {
        String market = market(param, "market");
        String cursor = param.apply("cursor");
        if (cursor != null && !cursor.isBlank()) {
            throw new InvalidRequestException("cursor", "not served by this proxy; page with to and days_ago");
        }
        return new MarketDataRequest(MarketDataType.TRADES, List.of(market), null, count(param),
                tradeTo(param.apply("to"), param.apply("days_ago")), priority);
    }

    /** The candle interval of {@code /v1/candles/minutes/{unit}}. */
    public static CandleInterval minuteInterval(String unit) {
        return CandleInterval.fromCode(unit + "m")
                .filter(i -> i.minuteUnit() > 0)
                .orElseThrow(() -> new InvalidRequestException("unit", "one of 1, 3, 5, 10, 15, 30, 60, 240, got " + unit));
    }

    private static List<String> markets(Function<String, String> param, String name) {
        String raw = param.apply(name);
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException(name, "required, a comma-separated list of market codes such as KRW-BTC");
        }
        List<String> markets = new ArrayList<>();
        for (String part : raw.split(",")) {
            String code = part.trim();
            if (!code.isEmpty()) {
                markets.add(checked(name, code));
            }
        }
        if (markets.isEmpty()) {
            throw new InvalidRequestException(name, "no market code given");
        }
        return markets;
    }

    private static String market(Function<String, String> param, String name) {
        String raw = param.apply(name);
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException(name, "required, a market code such as KRW-BTC");
        }
        return checked(name, raw.trim());
    }

    private static String checked(String name, String code) {
        if (!MarketCodes.isValid(code)) {
            throw new InvalidRequestException(name, "malformed market code " + code);
        }
        return code;
    }

    private static int count(Function<String, String> param) {
        String raw = param.apply("count");
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        int count = positiveInt("count", raw);
        if (count > MAX_COUNT) {
            throw new InvalidRequestException("count", "at most " + MAX_COUNT + ", got " + raw);
        }
        return count;
    }

    private static int positiveInt(String name, String raw) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1) {
                throw new InvalidRequestException(name, "must be at least 1, got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "not a number: " + raw);
        }
    }

    private static boolean isZero(String raw) {
        try {
            return Double.parseDouble(raw.trim()) == 0d;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("level", "not a number: " + raw);
        }
    }

    /** Upbit's candle {@code to}: ISO with an offset, or a local date-time taken as UTC ({@code T} or a space). */
    static Instant candleTo(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("to", "not a date-time such as 2025-06-24T04:56:53Z: " + raw);
            }
        }
    }

    /** Upbit's trade {@code to} is a UTC time of day ({@code HHmmss} or {@code HH:mm:ss}) on the day {@code days_ago} back. */
    Instant tradeTo(String rawTo, String rawDaysAgo) {
        int daysAgo = 0;
        if (rawDaysAgo != null && !rawDaysAgo.isBlank()) {
            daysAgo = positiveInt("days_ago", rawDaysAgo);
            if (daysAgo > 7) {
                throw new InvalidRequestException("days_ago", "between 1 and 7, got " + rawDaysAgo);
            }
        }
        if (rawTo == null || rawTo.isBlank()) {
            if (daysAgo == 0) {
                return null;
            }
            // Upbit reads days_ago without to as "up to the end of that day"
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysAgo - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        String text = rawTo.trim();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(text.contains(":") ? "HH:mm:ss" : "HHmmss");
        try {
            LocalTime time = LocalTime.parse(text, format);
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysAgo).atTime(time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("to", "a UTC time of day as HHmmss or HH:mm:ss, got " + rawTo);
        }
    }
}
