package io.upbitrouter.model;

/**
 * Why the router chose the source it chose. One value per rule of the decision, so that every
 * answer, log line and metric names the rule that produced it.
 */
public enum RoutingReason {
    /** Stage 1: candles or trades with {@code to}: history only REST has. */
    HISTORY_REQUESTED,
    /** Stage 1: more than one item of candles or trades. */
    MULTIPLE_ITEMS,
    /** Stage 1: a candle interval Upbit does not stream (days and longer). */
    NOT_STREAMABLE,
    /**
     * Stage 1: a parameter the cache never answers for: an orderbook grouped by price ({@code level}), a day
     * candle's price conversion ({@code converting_price_unit}).
     */
    EXCHANGE_PARAMETERS,
    /** Stage 1: the WebSocket path is switched off in configuration. */
    WS_DISABLED,
    /** Stage 2: the caller asked for stability. */
    LOW_PRIORITY,
    /** Stage 2: the stream is not connected or has been silent past the watchdog limit. */
    WS_UNHEALTHY,
    /**
     * Stage 2: the stream is connected but stopped delivering this symbol's data while the exchange went on
     * (found by the stall probe: a REST ticker newer than anything the stream delivered); its entries are not fresh.
     */
    WS_STALLED,
    /** Stage 2: a cache entry younger than the freshness limit. */
    CACHE_FRESH,
    /** Stage 2: HIGH priority waited for the stream's first snapshot and got it in time. */
    STREAM_SNAPSHOT,
    /** Stage 2: no cache entry; REST, and the symbol is subscribed for next time. */
    CACHE_MISS,
    /** Stage 2: a cache entry older than the freshness limit; REST. */
    CACHE_STALE,
    /** Stage 2: REST is rate-limited and no fresh entry exists. */
    RATE_LIMITED,
    /** Closed candles answered from the history cache of earlier REST calls. */
    HISTORY_CACHED,
    /** The guide's last rule: when in doubt, REST. */
    DEFAULT_REST
}
