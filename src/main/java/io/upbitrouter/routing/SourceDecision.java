package io.upbitrouter.routing;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.routing.SymbolDecision.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every routing rule, in one place, in the order they apply. Pure: it reads only its inputs, so the
 * rule table is tested without servers.
 *
 * <p>Stage 1, per request (the hard rules; all force REST):
 * <ol>
 *   <li>CANDLES or TRADES with {@code to}, TRADES with {@code cursor} or {@code days_ago}:
 *       {@link RoutingReason#HISTORY_REQUESTED};</li>
 *   <li>CANDLES or TRADES with count above 1: {@link RoutingReason#MULTIPLE_ITEMS};</li>
 *   <li>a candle interval Upbit does not stream (days and longer): {@link RoutingReason#NOT_STREAMABLE};</li>
 *   <li>an orderbook grouped by price or a candle price conversion: {@link RoutingReason#EXCHANGE_PARAMETERS};</li>
 *   <li>the WebSocket path switched off: {@link RoutingReason#WS_DISABLED}.</li>
 * </ol>
 * Stage 2, per symbol (a single latest item); an entry is fresh when younger than the freshness limit, and an
 * entry that is not what the exchange answers for the request's parameters (an orderbook of another unit count than
 * the {@code count} asked, see {@link io.upbitrouter.model.ExchangeParameters#cacheMayAnswer}) counts as no entry:
 * <ol start="5">
 *   <li>the REST group is rate-limited now: a fresh entry wins ({@link RoutingReason#CACHE_FRESH}), whatever
 *       the priority or the stream's health; without one, REST after a bounded wait for budget
 *       ({@link RoutingReason#RATE_LIMITED}). Checked first so that a rate limit never turns a fresh answer into an error;</li>
 *   <li>priority LOW: REST ({@link RoutingReason#LOW_PRIORITY});</li>
 *   <li>stream unhealthy (or absent): REST ({@link RoutingReason#WS_UNHEALTHY}); an idle stream (nothing wanted
 *       yet, so not connected on purpose) is not unhealthy; the stream stalled for the
 *       symbol (connected, answering PING, but the exchange has newer data than it delivered): REST
 *       ({@link RoutingReason#WS_STALLED}). A stalled symbol's entries are never fresh, rate-limited or not;</li>
 *   <li>a fresh entry (for HIGH, younger than the HIGH freshness limit when one is set): the cache
 *       ({@link RoutingReason#CACHE_FRESH});</li>
 *   <li>HIGH without a fresh entry: wait for the stream's next snapshot ({@link RoutingReason#STREAM_SNAPSHOT}),
 *       falling back to REST as below;</li>
 *   <li>no entry: REST ({@link RoutingReason#CACHE_MISS}); a stale entry: REST ({@link RoutingReason#CACHE_STALE});</li>
 *   <li>when in doubt (the cache could not be read): REST ({@link RoutingReason#DEFAULT_REST}).</li>
 * </ol>
 * Stage 2 reports every symbol but LOW ones as wanted on the stream, so that the next request hits the
 * cache and the stream side knows what is still asked for. Nothing is ever served past the freshness limit.
 */
public class SourceDecision {

    private final long freshnessMillis;
    private final long highFreshnessMillis;

    /**
     * @param freshnessMillis     an entry younger than this is fresh ({@code upbit.cache.freshness-ms})
     * @param highFreshnessMillis the tighter limit HIGH uses; 0 or more than {@code freshnessMillis} means the same
     */
    public SourceDecision(long freshnessMillis, long highFreshnessMillis) {
        if (freshnessMillis <= 0) {
            throw new IllegalArgumentException("freshness must be positive");
        }
        this.freshnessMillis = freshnessMillis;
        this.highFreshnessMillis = highFreshnessMillis <= 0 ? freshnessMillis : Math.min(highFreshnessMillis, freshnessMillis);
    }

    public long freshnessMillis() {
        return freshnessMillis;
    }

    public long highFreshnessMillis() {
        return highFreshnessMillis;
    }

    /** Whether a cache entry is exactly what the exchange answers for the request's parameters. */
    public boolean answers(MarketDataRequest request, CachedMarketData entry) {
        return request.exchange().cacheMayAnswer(request.type(), entry.restShape());
    }

    /** The Stage 1 reason that forces REST for the whole request, if any. */
    public Optional<RoutingReason> stageOne(MarketDataRequest request, boolean wsEnabled) {
        boolean history = request.type() == MarketDataType.CANDLES || request.type() == MarketDataType.TRADES;
        if (history && (request.to() != null || request.exchange().tradeHistory())) {
            return Optional.of(RoutingReason.HISTORY_REQUESTED);
        }
        if (history && request.count() > 1) {
            return Optional.of(RoutingReason.MULTIPLE_ITEMS);
        }
        if (request.type() == MarketDataType.CANDLES && !request.interval().streamable()) {
            return Optional.of(RoutingReason.NOT_STREAMABLE);
        }
        if (request.exchange().groupedOrderbook() || request.exchange().convertingPriceUnit() != null) {
            return Optional.of(RoutingReason.EXCHANGE_PARAMETERS);
        }
        if (!wsEnabled) {
            return Optional.of(RoutingReason.WS_DISABLED);
        }
        return Optional.empty();
    }

    /** Decides every symbol of a validated request. */
    public RoutingPlan decide(MarketDataRequest request, DecisionInputs in) {
        List<SymbolDecision> decisions = new ArrayList<>(request.symbols().size());
        Optional<RoutingReason> forced = stageOne(request, in.wsEnabled());
        if (forced.isPresent()) {
            for (String symbol : request.symbols()) {
                decisions.add(new SymbolDecision(symbol, Action.REST, forced.get(), null, false));
            }
            boolean candleHistory = request.type() == MarketDataType.CANDLES
                    && (forced.get() == RoutingReason.HISTORY_REQUESTED || forced.get() == RoutingReason.MULTIPLE_ITEMS);
            return new RoutingPlan(request, decisions, candleHistory ? RoutingPlan.Path.HISTORY : RoutingPlan.Path.REST);
        }
        for (String symbol : request.symbols()) {
            decisions.add(decideSymbol(request, symbol, in));
        }
        return new RoutingPlan(request, decisions, pathOf(decisions));
    }

    private SymbolDecision decideSymbol(MarketDataRequest request, String symbol, DecisionInputs in) {
        RealtimePriority priority = request.priority();
        boolean demand = priority != RealtimePriority.LOW;
        CachedMarketData entry;
        try {
            entry = in.cache().apply(MarketKey.of(request.type(), request.interval(), symbol))
                    .filter(e -> answers(request, e)).orElse(null);
        } catch (RuntimeException brokenCache) {
            return new SymbolDecision(symbol, Action.REST, RoutingReason.DEFAULT_REST, null, demand);
        }
        boolean stalled = in.stalled().test(symbol);
        long age = entry == null || stalled ? Long.MAX_VALUE : entry.ageMillis(in.nowMillis());
        boolean fresh = age < freshnessMillis;
        if (in.restRateLimited()) {
            return fresh ? new SymbolDecision(symbol, Action.CACHE, RoutingReason.CACHE_FRESH, entry, demand)
                    : new SymbolDecision(symbol, Action.REST, RoutingReason.RATE_LIMITED, entry, demand);
        }
        if (priority == RealtimePriority.LOW) {
            return new SymbolDecision(symbol, Action.REST, RoutingReason.LOW_PRIORITY, entry, false);
        }
        if (!in.streamHealthy()) {
            return new SymbolDecision(symbol, Action.REST, RoutingReason.WS_UNHEALTHY, entry, demand);
        }
        if (stalled) {
            return new SymbolDecision(symbol, Action.REST, RoutingReason.WS_STALLED, entry, demand);
        }
        long limit = priority == RealtimePriority.HIGH ? highFreshnessMillis : freshnessMillis;
        if (age < limit) {
            return new SymbolDecision(symbol, Action.CACHE, RoutingReason.CACHE_FRESH, entry, demand);
        }
        RoutingReason fallback = entry == null ? RoutingReason.CACHE_MISS : RoutingReason.CACHE_STALE;
        if (priority == RealtimePriority.HIGH) {
            return new SymbolDecision(symbol, Action.AWAIT_STREAM, fallback, entry, demand);
        }
        return new SymbolDecision(symbol, Action.REST, fallback, entry, demand);
    }

    private static RoutingPlan.Path pathOf(List<SymbolDecision> decisions) {
        boolean anyCache = false;
        boolean anyRest = false;
        for (SymbolDecision d : decisions) {
            switch (d.action()) {
                case AWAIT_STREAM -> {
                    return RoutingPlan.Path.STREAM_WAIT;
                }
                case CACHE -> anyCache = true;
                case REST -> anyRest = true;
            }
        }
        if (anyCache && anyRest) {
            return RoutingPlan.Path.SPLIT;
        }
        return anyCache ? RoutingPlan.Path.CACHE : RoutingPlan.Path.REST;
    }
}
