package io.upbitrouter.model;

import java.math.BigDecimal;

/**
 * Upbit's own query parameters that change what the exchange answers beyond type, markets, count and
 * {@code to}: they travel to the exchange as the client gave them, and decide whether a cached item can stand in
 * for the exchange's answer ({@link #cacheMayAnswer}). Null means "not given": the exchange's default applies.
 *
 * @param orderbookLevel      orderbook {@code level}, the price grouping of KRW markets (0 = none)
 * @param orderbookUnits      orderbook {@code count}, units per market (1-30; the exchange's default is 30)
 * @param tradesTo            trades {@code to} as sent upstream, a UTC time of day {@code HHmmss}
 * @param daysAgo             trades {@code days_ago} (1-7)
 * @param cursor              trades {@code cursor}, a {@code sequential_id}: ticks before it
 * @param convertingPriceUnit day candles {@code converting_price_unit} ({@code KRW}): adds {@code converted_trade_price}
 */
public record ExchangeParameters(BigDecimal orderbookLevel, Integer orderbookUnits, String tradesTo, Integer daysAgo,
                                 String cursor, String convertingPriceUnit) {

    /** No parameter given: what the request API has always asked. */
    public static final ExchangeParameters NONE = new ExchangeParameters(null, null, null, null, null, null);

    /** True when the orderbook asked is grouped by price ({@code level} given and not 0). */
    public boolean groupedOrderbook() {
        return orderbookLevel != null && orderbookLevel.signum() != 0;
    }

    /** True when trades are asked by {@code cursor} or {@code days_ago}: history only the exchange has. */
    public boolean tradeHistory() {
        return cursor != null || daysAgo != null;
    }

    /**
     * True when the exchange's answer is the stream's latest item in REST shape: no grouped orderbook, no trade
     * history, no price conversion. Only such answers may warm the realtime cache.
     */
    public boolean latestAsStreamed() {
        return !groupedOrderbook() && !tradeHistory() && tradesTo == null && convertingPriceUnit == null;
    }

    /**
     * Whether a cached item (the stream's latest, converted to REST shape) is exactly what the exchange answers for
     * these parameters: not for a grouped orderbook, not when the item's unit count differs from the count asked
     * (the exchange sums {@code total_ask_size} over the units it answers, so a trimmed book is not its answer),
     * not for trade history and not with a price conversion.
     */
    public boolean cacheMayAnswer(MarketDataType type, com.fasterxml.jackson.databind.JsonNode item) {
        return switch (type) {
            case ORDERBOOK -> !groupedOrderbook() && (orderbookUnits == null
                    || (item != null && item.path("orderbook_units").size() == orderbookUnits));
            case TRADES -> !tradeHistory() && tradesTo == null;
            case CANDLES -> convertingPriceUnit == null;
            case TICKER -> true;
        };
    }
}
