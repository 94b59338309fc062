package io.upbitrouter.routing;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataResponse;

import java.util.List;

/**
 * A request answered wholly from the realtime cache without the route ({@link MarketDataRouter#cacheHit}): the plan,
 * every symbol decided CACHE on the entry it names, and the response that describes the answer (source, reason and
 * age per symbol, as the route's CACHE branch answers them). Asked with items (the Java API), the results carry the
 * caller's own copies of the items, as the route's answers do; asked without (the facade), none: whoever writes the
 * answer writes each entry's own bytes ({@link CachedMarketData#restJson()}), in the order asked.
 */
public record CacheHit(RoutingPlan plan, MarketDataResponse response) {

    /** The entries answered, one per symbol in the order asked. */
    public List<CachedMarketData> entries() {
        List<SymbolDecision> decisions = plan.decisions();
        CachedMarketData[] entries = new CachedMarketData[decisions.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = decisions.get(i).entry();
        }
        return List.of(entries);
    }
}
