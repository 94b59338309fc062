package io.upbitrouter.api;

import io.upbitrouter.protocol.MarketCodes;
import io.upbitrouter.protocol.UpbitLimits;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;

import java.math.BigDecimal;
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
import java.util.regex.Pattern;

/**
 * Reads Upbit's quotation query parameters ({@code market}, {@code markets}, {@code count},
 * {@code to}, {@code days_ago}, {@code cursor}, {@code level}, {@code converting_price_unit}) into a
 * {@link MarketDataRequest}. Every refusal is an
 * {@link InvalidRequestException} naming the parameter as the client spelled it, raised before
 * anything reaches the exchange. Stateless and thread-safe.
 */
public final class UpbitQueryParameters {

    private static final int MAX_COUNT = 10_000;
    private static final int MAX_ORDERBOOK_UNITS = 30;
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,20}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{2,10}");
    private static final DateTimeFormatter TRADES_TO = DateTimeFormatter.ofPattern("HHmmss");

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

    /**
     * {@code /v1/orderbook?markets=...&level=&count=}: {@code level} a non-negative price step (KRW markets group by it;
     * an unsupported one is answered {@code []} by the exchange), {@code count} 1-30 units; {@code to} refused.
     */
    public MarketDataRequest orderbook(Function<String, String> param, RealtimePriority priority) {
        List<String> markets = markets(param, "markets");
        BigDecimal level = level(param.apply("level"));
        // the exchange answers 30 units when count is not given: a book of another depth is not its answer
        Integer units = orderbookUnits(param.apply("count"));
        refused(param, "to", "/v1/orderbook answers the latest snapshot only");
        return new MarketDataRequest(MarketDataType.ORDERBOOK, markets, null, 1, null, priority,
                new ExchangeParameters(level, units, null, null, null, null));
    }

    /** The {@code count} of an orderbook request: how many units per market (1-30), 30 when not given. */
    private static Integer orderbookUnits(String raw) {
        if (raw == null || raw.isBlank()) {
            return MAX_ORDERBOOK_UNITS;
        }
        int units = positiveInt("count", raw);
        if (units > MAX_ORDERBOOK_UNITS) {
            throw new InvalidRequestException("count", "at most " + MAX_ORDERBOOK_UNITS + " orderbook units, got " + raw);
        }
        return units;
    }

    private static BigDecimal level(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal level = new BigDecimal(raw.trim());
            if (level.signum() < 0) {
                throw new InvalidRequestException("level", "must not be negative, got " + raw);
            }
            return level;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("level", "not a number: " + raw);
        }
    }

    /**
     * {@code /v1/candles/...?market=&to=&count=} for the interval the path names; day candles also take
     * {@code converting_price_unit} (Upbit documents it for days only; other paths ignore it, as the exchange does).
     */
    public MarketDataRequest candles(CandleInterval interval, Function<String, String> param, RealtimePriority priority) {
        String market = market(param, "market");
        String converting = null;
        if (interval == CandleInterval.DAYS) {
            String raw = param.apply("converting_price_unit");
            if (raw != null && !raw.isBlank()) {
                converting = raw.trim().toUpperCase(Locale.ROOT);
                if (!CURRENCY.matcher(converting).matches()) {
                    throw new InvalidRequestException("converting_price_unit", "a currency code such as KRW, got " + raw);
                }
            }
        }
        return new MarketDataRequest(MarketDataType.CANDLES, List.of(market), interval, count(param),
                candleTo(param.apply("to")), priority,
                converting == null ? ExchangeParameters.NONE : new ExchangeParameters(null, null, null, null, null, converting));
    }

    /**
     * {@code /v1/trades/ticks?market=&to=HHmmss&days_ago=&cursor=&count=}. {@code to} and {@code days_ago} also give
     * the request its {@code to} instant (so it is routed and bounded as history), but travel to the exchange as
     * given: the exchange reads them against its own day, and an instant re-derived from them could name another.
     */
    public MarketDataRequest trades(Function<String, String> param, RealtimePriority priority) {
        String market = market(param, "market");
        String cursor = param.apply("cursor");
        if (cursor != null) {
            cursor = cursor.trim();
            if (cursor.isEmpty()) {
                cursor = null;
            } else if (!CURSOR.matcher(cursor).matches()) {
                throw new InvalidRequestException("cursor", "a sequential_id (digits), got " + param.apply("cursor"));
            }
        }
        Integer daysAgo = daysAgo(param.apply("days_ago"));
        String rawTo = param.apply("to");
        LocalTime toTime = tradeTime(rawTo);
        String upstreamTo = toTime == null ? null : TRADES_TO.format(toTime);
        ExchangeParameters exchange = cursor == null && daysAgo == null && upstreamTo == null ? ExchangeParameters.NONE
                : new ExchangeParameters(null, null, upstreamTo, daysAgo, cursor, null);
        return new MarketDataRequest(MarketDataType.TRADES, List.of(market), null, count(param),
                tradeTo(rawTo, param.apply("days_ago")), priority, exchange);
    }

    private static Integer daysAgo(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int daysAgo = positiveInt("days_ago", raw);
        if (daysAgo > UpbitLimits.TRADES_MAX_DAYS_AGO) {
            throw new InvalidRequestException("days_ago", "between 1 and " + UpbitLimits.TRADES_MAX_DAYS_AGO + ", got " + raw);
        }
        return daysAgo;
    }

    private static LocalTime tradeTime(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(text.contains(":") ? "HH:mm:ss" : "HHmmss");
        try {
            return LocalTime.parse(text, format);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("to", "a UTC time of day as HHmmss or HH:mm:ss, got " + raw);
        }
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
        Integer given = daysAgo(rawDaysAgo);
        int daysAgo = given == null ? 0 : given;
        LocalTime time = tradeTime(rawTo);
        if (time == null) {
            if (daysAgo == 0) {
                return null;
            }
            // Upbit reads days_ago without to as "up to the end of that day"
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysAgo - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysAgo).atTime(time).toInstant(ZoneOffset.UTC);
    }
}
