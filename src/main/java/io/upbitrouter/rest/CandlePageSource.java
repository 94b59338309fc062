package io.upbitrouter.rest;

import io.upbitrouter.model.CandleInterval;

import java.time.Instant;

/** Where candle pages come from: the exchange's REST API, or a fake in tests. */
public interface CandlePageSource {

    /**
     * Up to {@code count} (at most 200) candles of a market starting before {@code to} (exclusive; null =
     * the latest, the forming candle included), newest first, as the exchange answers them.
     */
    RestItems page(String market, CandleInterval interval, Instant to, int count);

    /**
     * The same page with day candles' {@code converting_price_unit} (null: none, the plain page). A source that
     * cannot convert refuses a non-null unit.
     */
    default RestItems page(String market, CandleInterval interval, Instant to, int count, String convertingPriceUnit) {
        if (convertingPriceUnit != null) {
            throw new UnsupportedOperationException("this candle source does not convert prices");
        }
        return page(market, interval, to, count);
    }
}
