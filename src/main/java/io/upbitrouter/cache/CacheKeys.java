package io.upbitrouter.cache;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;

/** The realtime cache's keys: {@code ticker:KRW-BTC}, {@code trade:KRW-BTC}, {@code orderbook:KRW-BTC}, {@code candle:1m:KRW-BTC}. */
public final class CacheKeys {

    private CacheKeys() {
    }

    public static String ticker(String symbol) {
        return "ticker:" + symbol;
    }

    public static String trade(String symbol) {
        return "trade:" + symbol;
    }

    public static String orderbook(String symbol) {
        return "orderbook:" + symbol;
    }

    public static String candle(CandleInterval interval, String symbol) {
        return "candle:" + interval.code() + ":" + symbol;
    }

    /** The key that answers a single-latest-item request of this type. */
    public static String of(MarketDataType type, CandleInterval interval, String symbol) {
        return switch (type) {
            case TICKER -> ticker(symbol);
            case TRADES -> trade(symbol);
            case ORDERBOOK -> orderbook(symbol);
            case CANDLES -> candle(interval, symbol);
        };
    }
}
