package io.upbitrouter.routing;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.RoutingReason;

/**
 * The decision for one symbol of a request.
 *
 * @param symbol the market code
 * @param action where to get it
 * @param reason the rule that decided (for {@link Action#AWAIT_STREAM}: the fallback reason if the stream
 *               does not deliver in time; STREAM_SNAPSHOT replaces it when it does)
 * @param entry  the cache entry served (for {@link Action#CACHE}), else the stale entry seen or null
 * @param demand whether the symbol is to be reported wanted on the stream
 */
public record SymbolDecision(String symbol, Action action, RoutingReason reason, CachedMarketData entry,
                             boolean demand) {

    /** Where one symbol's data comes from. */
    public enum Action {
        /** The realtime cache, now. */
        CACHE,
        /** Wait a bounded time for the stream's next snapshot, then REST. */
        AWAIT_STREAM,
        /** The exchange's REST API. */
        REST
    }
}
