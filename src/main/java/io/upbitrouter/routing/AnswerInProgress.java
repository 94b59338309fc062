package io.upbitrouter.routing;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The body between the steps of a branch sub-route: a request's answer being filled in, one slot per symbol in
 * the order asked. {@link MarketDataRouter#begin} fills the cached slots and lists the rest; the branch's steps
 * (stream wait, REST calls, candle pages) fill those; {@link MarketDataRouter#complete} turns it into the
 * response. Used by one exchange at a time, on one thread at a time: not thread-safe.
 */
public final class AnswerInProgress {

    private final RoutingPlan plan;
    private final SymbolResult[] results;
    /** Positions still to fetch from REST, with the reason, in request order. */
    private final TreeMap<Integer, RoutingReason> rest = new TreeMap<>();
    /** Positions waiting for the stream's snapshot (HIGH priority). */
    private final Map<Integer, CompletableFuture<Optional<CachedMarketData>>> waits = new HashMap<>();

    AnswerInProgress(RoutingPlan plan) {
        this.plan = plan;
        this.results = new SymbolResult[plan.decisions().size()];
    }

    public RoutingPlan plan() {
        return plan;
    }

    /** Positions left to REST, in the order asked (a live view: steps remove what they answer). */
    TreeMap<Integer, RoutingReason> rest() {
        return rest;
    }

    Map<Integer, CompletableFuture<Optional<CachedMarketData>>> waits() {
        return waits;
    }

    void answer(int position, SymbolResult result) {
        results[position] = result;
    }

    /** Whether every symbol has its answer. */
    public boolean isComplete() {
        for (SymbolResult r : results) {
            if (r == null) {
                return false;
            }
        }
        return true;
    }

    MarketDataResponse toResponse() {
        if (!isComplete()) {
            throw new IllegalStateException("symbols left unanswered: " + rest.keySet() + " / " + waits.keySet());
        }
        return new MarketDataResponse(plan.request(), List.of(results));
    }
}
