package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.rest.CandleHistory;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestItems;
import io.upbitrouter.rest.UpbitQuotation;
import io.upbitrouter.ws.StreamStatus;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Carries out the decision for the {@code upbit-market-data} route: {@link #plan} reads the world and asks
 * {@link SourceDecision}; the {@code answer*} methods, one per branch of the route's {@code choice()},
 * fetch each symbol where its decision says and answer in the order asked, each result with its source,
 * reason and age. REST symbols of ticker and orderbook go out in one call; trades and candles one call per
 * market. The optional beans {@code upbitStreamStatus}, {@code upbitRealtimeCache} and {@code upbitSubscriptionDemand} are
 * looked up per request until found (then kept), so they may be bound after start; absent, the stream counts as unhealthy and
 * the cache as empty. Runs on the caller's thread (it may wait for budget or a snapshot): never on a
 * Vert.x event loop.
 */
public class MarketDataRouter implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataRouter.class);

    private final SourceDecision decision;
    private final UpbitQuotation quotation;
    private final CandleHistory history;
    private final RestBudget budget;
    private final RoutingDecisionCounter counter;
    private final Clock clock;
    private final boolean wsEnabled;
    private final long highPriorityWaitMillis;
    private final boolean warmCacheFromRest;
    private CamelContext camelContext;
    // the optional beans once they are bound (looked up per request until then)
    private final Map<String, Object> found = new java.util.concurrent.ConcurrentHashMap<>();

    public MarketDataRouter(SourceDecision decision, UpbitQuotation quotation, CandleHistory history, RestBudget budget,
                            RoutingDecisionCounter counter, Clock clock, boolean wsEnabled, long highPriorityWaitMillis,
                            boolean warmCacheFromRest) {
        this.decision = decision;
        this.quotation = quotation;
        this.history = history;
        this.budget = budget;
        this.counter = counter;
        this.clock = clock;
        this.wsEnabled = wsEnabled;
        this.highPriorityWaitMillis = highPriorityWaitMillis;
        this.warmCacheFromRest = warmCacheFromRest;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Decides every symbol of a validated request and reports the wanted ones to the stream side. */
    public RoutingPlan plan(MarketDataRequest request) {
        RealtimeCache cache = lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        RoutingPlan plan = decision.decide(request, inputs(request,
                key -> cache == null ? Optional.empty() : cache.get(key)));
        demand(plan);
        return plan;
    }

    /**
     * The cache-only answer of the fast paths ({@code upbit.facade.fast-hits}, {@code upbit.api.fast-hits}), on the
     * caller's thread (for the facade a Vert.x event loop: nothing here blocks or waits): the request decided by the same {@link SourceDecision} on the
     * same inputs as {@link #plan}, and answered only when every symbol is decided CACHE. Then the route's side
     * effects follow as {@link #plan} makes them (each entry's read counted by the cache, the wanted symbols reported
     * to the stream side) and the answer is described as {@link #answerFromCache} describes it, from the entries the
     * decision judged. Otherwise null, with nothing read or reported (the decision looks with
     * {@link RealtimeCache#peek}): the request goes to the route, which decides it again and counts it once.
     * Counting the answer ({@link #record}) is the caller's, once it is sure to answer. With {@code items} the results
     * carry the items, copies of the caller's own as the route's answers do; without, none (the facade writes each
     * entry's bytes).
     */
    public CacheHit cacheHit(MarketDataRequest request, boolean items) {
        RealtimeCache cache = lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        if (cache == null) {
            return null;
        }
        RoutingPlan plan = decision.decide(request, inputs(request, cache::peek));
        if (plan.path() != RoutingPlan.Path.CACHE) {
            return null;
        }
        for (SymbolDecision d : plan.decisions()) {
            // the read plan() counts: the cache's hit and its read listener (a read keeps the symbol subscribed)
            cache.get(key(request, d.symbol()));
        }
        demand(plan);
        return new CacheHit(plan, fromCache(plan, items));
    }

    /** What the decision reads about the world now, with the cache read through the given function. */
    private DecisionInputs inputs(MarketDataRequest request, Function<MarketKey, Optional<CachedMarketData>> cache) {
        StreamStatus status = lookup(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamStatus.class);
        // An idle stream (nothing wanted, so not connected on purpose) is not unhealthy: this request's demand
        // connects it, and its symbols, with no cache entries, are cache misses.
        return new DecisionInputs(wsEnabled, status != null && (status.isHealthy() || status.isIdle()), cache,
                budget.isRateLimited(RestGroup.of(request.type())), clock.millis(),
                status == null ? symbol -> false : status::isStalled);
    }

    /** Reports the plan's wanted symbols to the stream side. */
    private void demand(RoutingPlan plan) {
        SubscriptionDemand demand = wsEnabled ? lookup(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, SubscriptionDemand.class) : null;
        if (demand != null) {
            MarketDataRequest request = plan.request();
            for (SymbolDecision d : plan.decisions()) {
                if (d.demand()) {
                    demand.demand(request.type(), request.interval(), d.symbol());
                }
            }
        }
    }

    /**
     * Branch CACHE, on the caller's thread: every symbol answered from the entry the decision read. The decision
     * already holds those entries (it judged their freshness on them), so they are served as judged, without a
     * second cache read that could see a different entry.
     */
    public MarketDataResponse answerFromCache(RoutingPlan plan) {
        return fromCache(plan, true);
    }

    /** Every symbol of a plan decided CACHE answered from its entry, with its items (the caller's own copies) or none. */
    private MarketDataResponse fromCache(RoutingPlan plan, boolean items) {
        List<SymbolDecision> decisions = plan.decisions();
        long now = clock.millis();
        SymbolResult[] results = new SymbolResult[decisions.size()];
        for (int i = 0; i < results.length; i++) {
            SymbolDecision d = decisions.get(i);
            if (d.action() != SymbolDecision.Action.CACHE || d.entry() == null) {
                throw new IllegalStateException("the CACHE branch got a symbol decided " + d.action() + ": " + d.symbol());
            }
            results[i] = fromCache(d.symbol(), d.entry(), d.reason(), now, items);
        }
        return new MarketDataResponse(plan.request(), List.of(results));
    }

    /**
     * First step of the branches that may wait: the symbols decided CACHE are answered from the entries the
     * decision read, those decided REST are listed for the REST step, and HIGH-priority symbols start waiting for
     * the stream's next snapshot (registered now, so a snapshot arriving before the wait step is not missed).
     */
    public AnswerInProgress begin(RoutingPlan plan) {
        AnswerInProgress answer = new AnswerInProgress(plan);
        MarketDataRequest request = plan.request();
        List<SymbolDecision> decisions = plan.decisions();
        RealtimeCache cache = lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        long now = clock.millis();
        for (int i = 0; i < decisions.size(); i++) {
            SymbolDecision d = decisions.get(i);
            switch (d.action()) {
                case CACHE -> answer.answer(i, fromCache(d.symbol(), d.entry(), d.reason(), now));
                case REST -> answer.rest().put(i, d.reason());
                case AWAIT_STREAM -> {
                    if (cache == null) {
                        answer.rest().put(i, d.reason());
                    } else {
                        answer.waits().put(i, cache.awaitNext(key(request, d.symbol()), Duration.ofMillis(highPriorityWaitMillis)));
                    }
                }
            }
        }
        return answer;
    }

    /**
     * Branch STREAM_WAIT's wait: each waiting symbol gets the stream's snapshot if one fresh enough arrives within
     * {@code upbit.router.high-priority-wait-ms} (one bound for all of them), else it is left to REST.
     */
    public AnswerInProgress awaitStream(AnswerInProgress answer) {
        if (answer.waits().isEmpty()) {
            return answer;
        }
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("HIGH priority waits for the stream: send requests from a worker thread, not a Vert.x event loop");
        }
        MarketDataRequest request = answer.plan().request();
        List<SymbolDecision> decisions = answer.plan().decisions();
        RealtimeCache cache = lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(highPriorityWaitMillis);
        for (Map.Entry<Integer, CompletableFuture<Optional<CachedMarketData>>> w : answer.waits().entrySet()) {
            int i = w.getKey();
            SymbolDecision d = decisions.get(i);
            // an entry may have landed between the decision and the wait's registration
            Optional<CachedMarketData> got = cache == null ? Optional.empty() : cache.get(key(request, d.symbol()))
                    .filter(e -> e.ageMillis(clock.millis()) < decision.highFreshnessMillis());
            if (got.isEmpty()) {
                got = waitFor(w.getValue(), deadline);
            }
            Optional<CachedMarketData> fresh = got.filter(e -> e.ageMillis(clock.millis()) < decision.highFreshnessMillis())
                    .filter(e -> decision.answers(request, e));
            if (fresh.isPresent()) {
                answer.answer(i, fromCache(d.symbol(), fresh.get(), RoutingReason.STREAM_SNAPSHOT, clock.millis()));
            } else {
                answer.rest().put(i, d.reason());
            }
        }
        answer.waits().clear();
        return answer;
    }

    /**
     * The REST step: the symbols left to REST, ticker and orderbook in one call for all of them (Upbit takes
     * several markets), trades and the latest candle one call per market. Runs within the request's deadline.
     */
    public AnswerInProgress fetchRest(AnswerInProgress answer) {
        if (!answer.rest().isEmpty()) {
            fromRest(answer, lookup(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class));
            answer.rest().clear();
        }
        return answer;
    }

    /**
     * Branch HISTORY's paging: each symbol's candles through {@link CandleHistory} (pages of 200 walked back with
     * {@code to}, closed candles from the store where they cover the range). Types other than candles go to REST.
     */
    public AnswerInProgress pageHistory(AnswerInProgress answer) {
        MarketDataRequest request = answer.plan().request();
        if (request.type() != MarketDataType.CANDLES) {
            return fetchRest(answer);
        }
        for (Map.Entry<Integer, RoutingReason> r : answer.rest().entrySet()) {
            String symbol = request.symbols().get(r.getKey());
            answer.answer(r.getKey(), fromHistory(request, symbol, r.getValue()));
        }
        answer.rest().clear();
        return answer;
    }

    /** Last step of a branch: the response, every symbol in the order asked. */
    public MarketDataResponse complete(AnswerInProgress answer) {
        return answer.toResponse();
    }

    /** Counts a failed request once per symbol decision (by the reason that sent it where it failed). */
    public void recordFailure(RoutingPlan plan, RuntimeException failure) {
        plan.decisions().forEach(d -> counter.recordFailure(d.reason()));
        LOG.debug("{} {} failed: {}", plan.request().type(), plan.request().symbols(), failure.toString());
    }

    /** Counts and logs the decisions of an answer; returns it unchanged. */
    public MarketDataResponse record(MarketDataResponse response) {
        counter.record(response);
        if (LOG.isDebugEnabled()) {
            List<String> reasons = new ArrayList<>();
            response.results().forEach(r -> reasons.add(r.symbol() + "=" + r.source().wireName() + "/" + r.reason()));
            LOG.debug("{} {}", response.request().type(), reasons);
        }
        return response;
    }

    private static Optional<CachedMarketData> waitFor(CompletableFuture<Optional<CachedMarketData>> future, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            // the cache completes the future itself at its timeout; a little slack on top avoids a race with it
            Optional<CachedMarketData> got = future.get(Math.max(0, left) + TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.NANOSECONDS);
            return got == null ? Optional.empty() : got;
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void fromRest(AnswerInProgress into, RealtimeCache cache) {
        RoutingPlan plan = into.plan();
        Map<Integer, RoutingReason> rest = into.rest();
        MarketDataRequest request = plan.request();
        List<Integer> idx = new ArrayList<>(rest.keySet());
        switch (request.type()) {
            case TICKER, ORDERBOOK -> {
                List<String> markets = idx.stream().map(i -> request.symbols().get(i)).toList();
                RestItems answer = request.type() == MarketDataType.TICKER ? quotation.tickers(markets)
                        : quotation.orderbooks(markets, request.exchange());
                Map<String, ObjectNode> byMarket = new HashMap<>();
                answer.items().forEach(item -> byMarket.putIfAbsent(item.path("market").asText(), item));
                for (int i : idx) {
                    String symbol = request.symbols().get(i);
                    ObjectNode item = byMarket.get(symbol);
                    into.answer(i, new SymbolResult(symbol, DataSource.REST, rest.get(i), 0,
                            item == null ? List.of() : List.of(item), answer.remainingReq()));
                    warm(request, symbol, item, rest.get(i), cache);
                }
            }
            case TRADES -> {
                for (int i : idx) {
                    String symbol = request.symbols().get(i);
                    RestItems answer = quotation.trades(symbol, request.count(), request.to(), request.exchange());
                    into.answer(i, new SymbolResult(symbol, DataSource.REST, rest.get(i), 0, answer.items(), answer.remainingReq()));
                    if (request.count() == 1 && request.to() == null && !answer.items().isEmpty()) { // warm() checks the parameters
                        warm(request, symbol, answer.items().get(0), rest.get(i), cache);
                    }
                }
            }
            case CANDLES -> {
                for (int i : idx) {
                    String symbol = request.symbols().get(i);
                    if (plan.path() == RoutingPlan.Path.HISTORY) {
                        into.answer(i, fromHistory(request, symbol, rest.get(i)));
                    } else {
                        RestItems answer = quotation.page(symbol, request.interval(), null, 1,
                                request.exchange().convertingPriceUnit());
                        into.answer(i, new SymbolResult(symbol, DataSource.REST, rest.get(i), 0, answer.items(),
                                answer.remainingReq()));
                        if (!answer.items().isEmpty()) {
                            warm(request, symbol, answer.items().get(0), rest.get(i), cache);
                        }
                    }
                }
            }
        }
    }

    private SymbolResult fromHistory(MarketDataRequest request, String symbol, RoutingReason reason) {
        CandleHistory.Result r = history.fetch(symbol, request.interval(), request.count(), request.to(),
                request.exchange().convertingPriceUnit());
        if (r.upstreamPages() == 0) {
            long age = Math.max(0, clock.millis() - r.oldestReceivedMillis());
            return new SymbolResult(symbol, DataSource.HISTORY_CACHE, RoutingReason.HISTORY_CACHED, age, r.candles(), null);
        }
        return new SymbolResult(symbol, DataSource.REST, reason, 0, r.candles(), r.remainingReq());
    }

    /** Offers a REST answer of a single latest item to the realtime cache (ordering rule applies). */
    private void warm(MarketDataRequest request, String symbol, ObjectNode item, RoutingReason reason, RealtimeCache cache) {
        if (!warmCacheFromRest || !wsEnabled || cache == null || item == null || !item.has("timestamp")
                || !request.exchange().latestAsStreamed()) {
            return;
        }
        try {
            cache.offer(CachedMarketData.of(key(request, symbol), item, clock.millis()));
        } catch (RuntimeException e) {
            LOG.debug("could not warm the realtime cache for {} ({}): {}", symbol, reason, e.toString());
        }
    }

    private SymbolResult fromCache(String symbol, CachedMarketData entry, RoutingReason reason, long now) {
        return fromCache(symbol, entry, reason, now, true);
    }

    /** A symbol answered from an entry; without items for a description whose items are written from the entry's bytes. */
    private static SymbolResult fromCache(String symbol, CachedMarketData entry, RoutingReason reason, long now, boolean items) {
        return new SymbolResult(symbol, DataSource.WEBSOCKET_CACHE, reason, entry.ageMillis(now),
                items ? List.of(entry.restShape()) : List.of(), null);
    }

    private static MarketKey key(MarketDataRequest request, String symbol) {
        return MarketKey.of(request.type(), request.interval(), symbol);
    }

    private <T> T lookup(String name, Class<T> type) {
        // found once, kept: three registry look-ups per request cost more than the rest of a cache hit's decision
        Object known = found.get(name);
        if (known != null && type.isInstance(known)) {
            return type.cast(known);
        }
        if (camelContext == null) {
            return null;
        }
        try {
            T bean = camelContext.getRegistry().lookupByNameAndType(name, type);
            if (bean != null) {
                found.put(name, bean);
            }
            return bean;
        } catch (RuntimeException wrongType) {
            return null;
        }
    }
}
