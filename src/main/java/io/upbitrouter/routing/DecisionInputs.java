package io.upbitrouter.routing;

import io.upbitrouter.cache.CachedMarketData;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the decision reads about the world at one instant.
 *
 * @param wsEnabled      the WebSocket path is switched on ({@code upbit.ws.enabled})
 * @param streamHealthy  the stream is connected and not silent (false when no {@code streamStatus} is bound)
 * @param cache          the realtime cache entry for a key (empty when no {@code realtimeCache} is bound);
 *                       may throw when the cache is broken, which counts as doubt
 * @param restRateLimited the REST group of the request could not send right now (budget, back-off or ban)
 * @param nowMillis      now, by {@code upbitClock}
 */
public record DecisionInputs(boolean wsEnabled, boolean streamHealthy, Function<String, Optional<CachedMarketData>> cache,
                             boolean restRateLimited, long nowMillis) {
}
