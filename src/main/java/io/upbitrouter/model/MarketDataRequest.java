package io.upbitrouter.model;

import java.time.Instant;
import java.util.List;

/**
 * One request for market data: what type, for which markets, and (for candles and trades) how much
 * history. Instances are built through {@code RequestValidator} (package {@code routing}), which
 * refuses bad input with an error naming the field; the canonical constructor only normalises.
 *
 * @param type     what to fetch
 * @param symbols  Upbit market codes such as {@code KRW-BTC}, answered in this order
 * @param interval candle interval, null for other types
 * @param count    how many items per symbol (1 = the latest)
 * @param to       exclusive upper bound of history, or null for the latest
 * @param priority how strongly the caller prefers the stream
 * @param exchange Upbit's own parameters beyond these ({@link ExchangeParameters#NONE} when none is given)
 */
public record MarketDataRequest(MarketDataType type, List<String> symbols, CandleInterval interval, int count,
                                Instant to, RealtimePriority priority, ExchangeParameters exchange) {

    public MarketDataRequest {
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        priority = priority == null ? RealtimePriority.NORMAL : priority;
        exchange = exchange == null ? ExchangeParameters.NONE : exchange;
    }

    /** A request with no parameter beyond type, symbols, interval, count and {@code to}. */
    public MarketDataRequest(MarketDataType type, List<String> symbols, CandleInterval interval, int count,
                             Instant to, RealtimePriority priority) {
        this(type, symbols, interval, count, to, priority, ExchangeParameters.NONE);
    }

    /** The same request at another priority. */
    public MarketDataRequest withPriority(RealtimePriority other) {
        return new MarketDataRequest(type, symbols, interval, count, to, other, exchange);
    }
}
