package io.upbitrouter.ws;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;

/**
 * Where the router reports that a symbol is wanted on the stream. Calls are cheap and
 * non-blocking; subscription changes are batched and sent by the stream side.
 */
public interface SubscriptionDemand {

    /** Marks the symbol as wanted now (subscribing it if needed); interval is null except for candles. */
    void demand(MarketDataType type, CandleInterval interval, String symbol);
}
