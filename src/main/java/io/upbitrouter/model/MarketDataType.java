package io.upbitrouter.model;

/**
 * The kinds of market data the router serves. Each maps to one Upbit REST rate-limit group and,
 * where the exchange streams it, one WebSocket subscription type.
 */
public enum MarketDataType {
    TICKER("ticker", "ticker"),
    TRADES("trade", "trade"),
    ORDERBOOK("orderbook", "orderbook"),
    CANDLES("candles", null);

    private final String restGroup;
    private final String wsType;

    MarketDataType(String restGroup, String wsType) {
        this.restGroup = restGroup;
        this.wsType = wsType;
    }

    /** The {@code group=} name Upbit reports in {@code Remaining-Req} for this type's REST calls. */
    public String restGroup() {
        return restGroup;
    }

    /** The WebSocket {@code type} for this data, or null for candles (see {@link CandleInterval#wsType()}). */
    public String wsType() {
        return wsType;
    }
}
