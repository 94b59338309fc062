package io.upbitrouter.routing;

import io.upbitrouter.protocol.UpbitLimits;
import io.upbitrouter.protocol.MarketCodes;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.UnknownMarketException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Builds a {@link MarketDataRequest} from typed or string input and refuses bad input before anything
 * is sent upstream. Every refusal is an {@link InvalidRequestException} naming the field and the reason.
 * A request that passes carries only values the REST path can put into a URL safely: market codes of
 * upper-case letters and digits around one dash, a known interval, a bounded count, a UTC instant.
 *
 * <p>Limits per type (count is items per symbol):
 * <ul>
 *   <li>TICKER, ORDERBOOK: count 1 only (the exchange serves the latest snapshot), no {@code to},
 *       at most {@value #MAX_SYMBOLS_MULTI} symbols (one REST call takes them all);</li>
 *   <li>TRADES: count 1..{@value #MAX_TRADES_COUNT} (one REST call per market), {@code to} within the
 *       last {@value UpbitLimits#TRADES_MAX_DAYS_AGO} days (Upbit's {@code days_ago}), at most
 *       {@value #MAX_SYMBOLS_PER_MARKET} symbols;</li>
 *   <li>CANDLES: count 1..{@code maxCandles} (above 200 paged in pages of 200), interval required,
 *       at most {@value #MAX_SYMBOLS_PER_MARKET} symbols.</li>
 * </ul>
 * Every type: {@code to}, when given, between {@link #EARLIEST_TO} and {@link #LATEST_TO_AHEAD} from now (absurd
 * but parsable values such as year 0001, 9999 or +999999999 are refused here, not sent upstream); every code
 * listed by the exchange when its market list is held ({@link io.upbitrouter.model.UnknownMarketException}: 404
 * {@code Code not found}, as Upbit answers), and every well-formed code while it is not.
 * Thread-safe and stateless apart from its configuration.
 */
public class RequestValidator {

    /** Upbit market codes: quote currency, a dash, base currency, upper case ({@code KRW-BTC}). */
    /** Ticker and orderbook: one REST call carries every market; keeps the URL short. */
    public static final int MAX_SYMBOLS_MULTI = 100;
    /** Candles and trades cost one REST call per market: one second of a group's budget at most. */
    public static final int MAX_SYMBOLS_PER_MARKET = 10;
    /** Upbit's {@code /trades/ticks} answers at most 500 ticks per call. */
    public static final int MAX_TRADES_COUNT = 500;
    /** Upbit's orderbook {@code count}: 1 to 30 units per market. */
    public static final int MAX_ORDERBOOK_UNITS = 30;
    private static final Pattern TRADE_CURSOR = Pattern.compile("[0-9]{1,20}");
    private static final Pattern TRADE_TIME = Pattern.compile("([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{2,10}");
    /** Default cap on candles per symbol (10 pages of 200). */
    public static final int DEFAULT_MAX_CANDLES = 2000;

    /** The earliest {@code to} served: before any market Upbit lists; earlier values only cost calls for nothing. */
    public static final Instant EARLIEST_TO = Instant.parse("2010-01-01T00:00:00Z");
    /** How far in the future a {@code to} may lie (it then asks for the latest items). */
    public static final Duration LATEST_TO_AHEAD = Duration.ofDays(366);

    private final int maxCandles;
    private final Clock clock;
    private final Predicate<String> listedMarket;

    public RequestValidator() {
        this(DEFAULT_MAX_CANDLES);
    }

    /** @param maxCandles the most candles one request may ask per symbol (paged by 200) */
    public RequestValidator(int maxCandles) {
        this(maxCandles, Clock.systemUTC(), market -> true);
    }

    /**
     * @param clock        the clock {@code to} is bounded on ({@code upbitClock})
     * @param listedMarket whether a well-formed code is listed by the exchange (unknown ones: 404 Code not found)
     */
    public RequestValidator(int maxCandles, Clock clock, Predicate<String> listedMarket) {
        if (maxCandles < 1) {
            throw new IllegalArgumentException("maxCandles must be positive");
        }
        this.maxCandles = maxCandles;
        this.clock = clock;
        this.listedMarket = listedMarket;
    }

    public int maxCandles() {
        return maxCandles;
    }

    /**
     * Builds a request from strings as a facade receives them. Null or blank optional values take
     * their defaults (count 1, no {@code to}, NORMAL priority).
     *
     * @param type     TICKER, TRADES, ORDERBOOK or CANDLES (case-insensitive)
     * @param symbols  comma separated market codes
     * @param interval candle interval code ({@code 1m}, {@code 1d}, {@code 1M} ...), case sensitive
     * @param count    decimal count
     * @param to       {@code 2025-06-24T04:56:53Z}, {@code 2025-06-24T13:56:53+09:00}, or
     *                 {@code 2025-06-24 04:56:53} / {@code 2025-06-24T04:56:53} taken as UTC
     * @param priority HIGH, NORMAL or LOW (case-insensitive)
     */
    public MarketDataRequest fromStrings(String type, String symbols, String interval, String count, String to,
                                         String priority) {
        MarketDataType parsedType = parseType(type);
        List<String> parsedSymbols = symbols == null ? List.of()
                : Arrays.stream(symbols.split(",", -1)).map(String::trim).toList();
        CandleInterval parsedInterval = parseInterval(interval);
        int parsedCount = parseCount(count);
        Instant parsedTo = parseTo(to);
        RealtimePriority parsedPriority = RealtimePriority.parse(priority);
        return validate(new MarketDataRequest(parsedType, parsedSymbols, parsedInterval, parsedCount, parsedTo,
                parsedPriority));
    }

    /** Builds and checks a request from typed values; same rules as {@link #validate}. */
    public MarketDataRequest of(MarketDataType type, List<String> symbols, CandleInterval interval, int count,
                                Instant to, RealtimePriority priority) {
        if (symbols != null && symbols.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestException("symbols", "malformed market code null; expected QUOTE-BASE such as KRW-BTC");
        }
        return validate(new MarketDataRequest(type, symbols, interval, count, to, priority));
    }

    /** Returns the request unchanged when it is valid, else throws naming the first bad field. */
    public MarketDataRequest validate(MarketDataRequest request) {
        if (request == null) {
            throw new InvalidRequestException("request", "missing");
        }
        MarketDataType type = request.type();
        if (type == null) {
            throw new InvalidRequestException("type", "missing; one of TICKER, TRADES, ORDERBOOK, CANDLES");
        }
        checkSymbols(type, request.symbols());
        checkTo(request.to());
        if (type == MarketDataType.CANDLES && request.interval() == null) {
            throw new InvalidRequestException("interval", "required for CANDLES; one of " + intervalCodes());
        }
        if (type != MarketDataType.CANDLES && request.interval() != null) {
            throw new InvalidRequestException("interval", "not meaningful for " + type);
        }
        int count = request.count();
        if (count < 1) {
            throw new InvalidRequestException("count", "must be at least 1, was " + count);
        }
        switch (type) {
            case TICKER, ORDERBOOK -> {
                if (count > 1) {
                    throw new InvalidRequestException("count", type + " serves only the latest snapshot; count must be 1");
                }
                if (request.to() != null) {
                    throw new InvalidRequestException("to", "not meaningful for " + type + ": it has no history");
                }
            }
            case TRADES -> {
                if (count > MAX_TRADES_COUNT) {
                    throw new InvalidRequestException("count", "at most " + MAX_TRADES_COUNT + " for TRADES, was " + count);
                }
            }
            case CANDLES -> {
                if (count > maxCandles) {
                    throw new InvalidRequestException("count", "at most " + maxCandles + " for CANDLES, was " + count);
                }
            }
        }
        checkExchangeParameters(request);
        // well-formed and in range: is it listed? (locally, as the exchange would answer)
        for (String symbol : request.symbols()) {
            if (!listedMarket.test(symbol)) {
                throw new UnknownMarketException(symbol);
            }
        }
        return request;
    }

    /** Upbit's own parameters: each only on the type (and interval) the exchange takes it for, in its range. */
    private static void checkExchangeParameters(MarketDataRequest request) {
        ExchangeParameters p = request.exchange();
        MarketDataType type = request.type();
        if (p.orderbookLevel() != null || p.orderbookUnits() != null) {
            if (type != MarketDataType.ORDERBOOK) {
                throw new InvalidRequestException(p.orderbookLevel() != null ? "level" : "count", "only for ORDERBOOK");
            }
            if (p.orderbookLevel() != null && p.orderbookLevel().signum() < 0) {
                throw new InvalidRequestException("level", "must not be negative, was " + p.orderbookLevel());
            }
            if (p.orderbookUnits() != null && (p.orderbookUnits() < 1 || p.orderbookUnits() > MAX_ORDERBOOK_UNITS)) {
                throw new InvalidRequestException("count", "1.." + MAX_ORDERBOOK_UNITS + " orderbook units, was " + p.orderbookUnits());
            }
        }
        if (p.tradeHistory() || p.tradesTo() != null) {
            if (type != MarketDataType.TRADES) {
                throw new InvalidRequestException(p.cursor() != null ? "cursor" : p.daysAgo() != null ? "days_ago" : "to",
                        "only for TRADES");
            }
            if (p.cursor() != null && !TRADE_CURSOR.matcher(p.cursor()).matches()) {
                throw new InvalidRequestException("cursor", "a sequential_id (digits), was " + quote(p.cursor()));
            }
            if (p.daysAgo() != null && (p.daysAgo() < 1 || p.daysAgo() > UpbitLimits.TRADES_MAX_DAYS_AGO)) {
                throw new InvalidRequestException("days_ago", "1.." + UpbitLimits.TRADES_MAX_DAYS_AGO + ", was " + p.daysAgo());
            }
            if (p.tradesTo() != null && !TRADE_TIME.matcher(p.tradesTo()).matches()) {
                throw new InvalidRequestException("to", "a UTC time of day HHmmss, was " + quote(p.tradesTo()));
            }
        }
        if (p.convertingPriceUnit() != null) {
            if (type != MarketDataType.CANDLES || request.interval() != CandleInterval.DAYS) {
                throw new InvalidRequestException("converting_price_unit", "only for day candles");
            }
            if (!CURRENCY.matcher(p.convertingPriceUnit()).matches()) {
                throw new InvalidRequestException("converting_price_unit", "a currency code such as KRW, was "
                        + quote(p.convertingPriceUnit()));
            }
        }
    }

    private void checkTo(Instant to) {
        if (to == null) {
            return;
        }
        Instant latest = clock.instant().plus(LATEST_TO_AHEAD);
        if (to.isBefore(EARLIEST_TO) || to.isAfter(latest)) {
            throw new InvalidRequestException("to", "out of range: " + to + "; between " + EARLIEST_TO + " and "
                    + LATEST_TO_AHEAD.toDays() + " days from now");
        }
    }

    private static void checkSymbols(MarketDataType type, List<String> symbols) {
        if (symbols.isEmpty()) {
            throw new InvalidRequestException("symbols", "empty; give one or more market codes such as KRW-BTC");
        }
        int max = (type == MarketDataType.TICKER || type == MarketDataType.ORDERBOOK)
                ? MAX_SYMBOLS_MULTI : MAX_SYMBOLS_PER_MARKET;
        if (symbols.size() > max) {
            throw new InvalidRequestException("symbols", "at most " + max + " for " + type + ", was " + symbols.size());
        }
        Set<String> seen = new HashSet<>();
        for (String symbol : symbols) {
            if (!MarketCodes.isValid(symbol)) {
                throw new InvalidRequestException("symbols", "malformed market code " + quote(symbol)
                        + "; expected QUOTE-BASE in upper case such as KRW-BTC");
            }
            if (!seen.add(symbol)) {
                throw new InvalidRequestException("symbols", "duplicate market code " + symbol);
            }
        }
    }

    static MarketDataType parseType(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("type", "missing; one of TICKER, TRADES, ORDERBOOK, CANDLES");
        }
        try {
            return MarketDataType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("type", "unknown type " + quote(type)
                    + "; one of TICKER, TRADES, ORDERBOOK, CANDLES");
        }
    }

    static CandleInterval parseInterval(String interval) {
        if (interval == null || interval.isBlank()) {
            return null;
        }
        return CandleInterval.fromCode(interval.trim()).orElseThrow(() -> new InvalidRequestException("interval",
                "unknown interval " + quote(interval) + "; one of " + intervalCodes()));
    }

    static int parseCount(String count) {
        if (count == null || count.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("count", "not a whole number: " + quote(count));
        }
    }

    /** Parses {@code to} into an instant; offsetless values are UTC (the exchange reads them so). */
    public static Instant parseTo(String to) {
        if (to == null || to.isBlank()) {
            return null;
        }
        String text = to.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an ISO date-time with an offset; try the offsetless forms below
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("to", "unparsable date-time " + quote(to)
                    + "; use 2025-06-24T04:56:53Z, 2025-06-24T13:56:53+09:00 or 2025-06-24 04:56:53 (UTC)");
        }
    }

    private static String intervalCodes() {
        List<String> codes = new ArrayList<>();
        for (CandleInterval i : CandleInterval.values()) {
            codes.add(i.code());
        }
        return String.join(", ", codes);
    }

    /** Echoes bad input shortened and without control characters, so an error message cannot be forged. */
    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned) + "'";
    }
}
