package io.upbitrouter.protocol;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one realtime cache entry, one stream and one stream message are about: a data type (with the candle interval
 * for candles) and a market code. Built from a request, from a stream message's {@code type} and {@code code}, or
 * parsed back from its text; the realtime cache, the stream's subscriptions, its health and the local WebSocket all
 * key on it, so no one takes a string apart.
 * <p>
 * The text form ({@link #toString()}) is the {@code UpbitKey} header YAML routes read: {@code ticker:KRW-BTC},
 * {@code trade:KRW-BTC}, {@code orderbook:KRW-BTC}, {@code candle:1m:KRW-BTC}. Immutable; hash computed once, as a
 * key is looked up on every cached read and every stored message.
 */
public final class MarketKey {

    /** Bounds the canonical stream keys: about 700 markets x 13 streamed types fit many times over. */
    static final int MAX_CANONICAL_STREAM_KEYS = 50_000;
    private static final Map<String, Map<String, MarketKey>> STREAM_KEYS = new ConcurrentHashMap<>();
    private static final AtomicInteger canonicalStreamKeys = new AtomicInteger();

    private final MarketDataType type;
    private final CandleInterval interval;
    private final String code;
    private final String text;
    private final int hash;

    private MarketKey(MarketDataType type, CandleInterval interval, String code) {
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        if ((type == MarketDataType.CANDLES) != (interval != null)) {
            throw new IllegalArgumentException("a candle key has an interval, no other key has one: " + type + " " + interval);
        }
        this.interval = interval;
        this.text = interval == null ? typeName(type) + ":" + code : typeName(type) + ":" + interval.code() + ":" + code;
        this.hash = text.hashCode();
    }

    public static MarketKey ticker(String code) {
        return new MarketKey(MarketDataType.TICKER, null, code);
    }

    public static MarketKey trade(String code) {
        return new MarketKey(MarketDataType.TRADES, null, code);
    }

    public static MarketKey orderbook(String code) {
        return new MarketKey(MarketDataType.ORDERBOOK, null, code);
    }

    public static MarketKey candle(CandleInterval interval, String code) {
        return new MarketKey(MarketDataType.CANDLES, Objects.requireNonNull(interval, "interval"), code);
    }

    /** The key that answers a single-latest-item request of this type ({@code interval} is read for candles only). */
    public static MarketKey of(MarketDataType type, CandleInterval interval, String code) {
        return new MarketKey(type, type == MarketDataType.CANDLES ? interval : null, code);
    }

    /**
     * The key of a stream message of Upbit's WebSocket {@code type} ({@code ticker}, {@code trade}, {@code orderbook},
     * {@code candle.1s} ...), or empty for a type the stream does not carry.
     */
    public static Optional<MarketKey> ofWsType(String wsType, String code) {
        return Optional.ofNullable(ofStream(wsType, code));
    }

    /**
     * As {@link #ofWsType}, null for a type the stream does not carry; the same instance every time for the same
     * stream (up to {@value #MAX_CANONICAL_STREAM_KEYS} streams), so the maps keyed on it per stored message (the
     * duplicate filter, the cache's text key, the stall watch's market) find their key by identity, not by comparing
     * its text.
     */
    public static MarketKey ofStream(String wsType, String code) {
        Map<String, MarketKey> byCode = STREAM_KEYS.get(wsType);
        MarketKey known = byCode == null ? null : byCode.get(code);
        if (known != null) {
            return known;
        }
        MarketKey key = switch (wsType) {
            case "ticker" -> ticker(code);
            case "trade" -> trade(code);
            case "orderbook" -> orderbook(code);
            default -> CandleInterval.fromWsType(wsType).map(i -> candle(i, code)).orElse(null);
        };
        if (key != null && canonicalStreamKeys.get() < MAX_CANONICAL_STREAM_KEYS) {
            MarketKey first = STREAM_KEYS.computeIfAbsent(wsType, t -> new ConcurrentHashMap<>()).putIfAbsent(code, key);
            if (first != null) {
                return first;
            }
            canonicalStreamKeys.incrementAndGet();
        }
        return key;
    }

    /** The key of a text form ({@link #toString()}); empty for anything else. */
    public static Optional<MarketKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(":", -1);
        if (parts.length == 2 && !parts[1].isEmpty()) {
            return switch (parts[0]) {
                case "ticker" -> Optional.of(ticker(parts[1]));
                case "trade" -> Optional.of(trade(parts[1]));
                case "orderbook" -> Optional.of(orderbook(parts[1]));
                default -> Optional.empty();
            };
        }
        if (parts.length == 3 && "candle".equals(parts[0]) && !parts[2].isEmpty()) {
            return CandleInterval.fromCode(parts[1]).map(i -> candle(i, parts[2]));
        }
        return Optional.empty();
    }

    private static String typeName(MarketDataType type) {
        return switch (type) {
            case TICKER -> "ticker";
            case TRADES -> "trade";
            case ORDERBOOK -> "orderbook";
            case CANDLES -> "candle";
        };
    }

    public MarketDataType type() {
        return type;
    }

    /** The candle interval of a candle key; null for any other. */
    public CandleInterval interval() {
        return interval;
    }

    /** The market code, {@code KRW-BTC}. */
    public String code() {
        return code;
    }

    /** The type's short name, the {@code UpbitType} header: {@code ticker}, {@code trade}, {@code orderbook}, {@code candle}. */
    public String typeName() {
        return typeName(type);
    }

    /** Upbit's WebSocket type that streams this key: {@code ticker}, {@code trade}, {@code orderbook}, {@code candle.1m} ... */
    public String wsType() {
        return interval == null ? typeName(type) : interval.wsType();
    }

    /** Whether Upbit's WebSocket streams this key (candles of a day and longer are REST only). */
    public boolean streamable() {
        return interval == null || interval.streamable();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof MarketKey k && hash == k.hash && type == k.type && interval == k.interval
                && code.equals(k.code);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The text form, as the {@code UpbitKey} header carries it. */
    @Override
    public String toString() {
        return text;
    }
}
