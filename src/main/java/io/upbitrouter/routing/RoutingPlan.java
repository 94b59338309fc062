package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;

import java.util.List;

/**
 * The decision for a whole request: one {@link SymbolDecision} per symbol, in the order asked, and the
 * path the {@code upbit-market-data} route's {@code choice()} takes.
 */
public record RoutingPlan(MarketDataRequest request, List<SymbolDecision> decisions, Path path) {

    public RoutingPlan {
        decisions = List.copyOf(decisions);
    }

    /** The branches of the decision route. */
    public enum Path {
        /** Stage 1 forced REST for candle history (count above 1 or {@code to}): paged, with the closed-candle store. */
        HISTORY,
        /** Every symbol is fresh in the realtime cache. */
        CACHE,
        /** At least one HIGH-priority symbol waits for the stream's first snapshot. */
        STREAM_WAIT,
        /** Some symbols from the cache, the others from REST. */
        SPLIT,
        /** Every symbol from REST. */
        REST
    }
}
