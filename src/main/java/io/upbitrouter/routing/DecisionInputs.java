package io.upbitrouter.routing;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the decision reads about the world at one instant.
 *
 * @param wsEnabled      the WebSocket path is switched on ({@code upbit.ws.enabled})
 * @param streamHealthy  the stream is connected and not silent, or idle (nothing wanted yet, so not connected on
 *                       purpose: the request's demand connects it); false when no stream status is bound
 * @param cache          the realtime cache entry for a key (empty when no {@code upbitRealtimeCache} is bound);
 *                       may throw when the cache is broken, which counts as doubt
 * @param restRateLimited the REST group of the request could not send right now (budget, back-off or ban)
 * @param nowMillis      now, by {@code upbitClock}
 * @param stalled        whether the stream has stalled for a symbol (connected, but the exchange is ahead of it)
 */
public record DecisionInputs(boolean wsEnabled, boolean streamHealthy, Function<MarketKey, Optional<CachedMarketData>> cache,
                             boolean restRateLimited, long nowMillis, Predicate<String> stalled) {

    /** Inputs where no symbol's stream has stalled. */
    public DecisionInputs(boolean wsEnabled, boolean streamHealthy, Function<MarketKey, Optional<CachedMarketData>> cache,
                          boolean restRateLimited, long nowMillis) {
        this(wsEnabled, streamHealthy, cache, restRateLimited, nowMillis, symbol -> false);
    }
}
