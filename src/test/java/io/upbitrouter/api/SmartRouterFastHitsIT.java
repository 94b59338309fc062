package io.upbitrouter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.ops.UpbitMetrics;
import io.upbitrouter.routing.RoutingDecisionCounter;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HeldClock;
import io.upbitrouter.testsupport.RunningModule;
import io.upbitrouter.testsupport.SwitchedModules;
import io.upbitrouter.ws.StreamHealth;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java API's fast path ({@code upbit.api.fast-hits}) on the assembled module against the simulator: a
 * {@link SmartRouter} call the route would answer wholly from the cache is answered without the route's exchange, with
 * the answer the route gives for the same entries (items the caller's own), counted as the route counts it; everything
 * the route decides otherwise (a miss, LOW priority, a stalled stream, a stale entry, a refused request, a stopped
 * route) still goes to {@code upbit-market-data}. Two modules on one simulator, the fast path on (the default) and off.
 * Which path answered is read from the route's own exchange count.
 */
class SmartRouterFastHitsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ROUTE = UpbitRouterConstants.MARKET_DATA_ROUTE_ID;
    private static final List<String> BOTH = List.of("KRW-BTC", "KRW-ETH");

    private static final HeldClock CLOCK = new HeldClock();
    private static SwitchedModules modules;
    private static UpbitSimulator sim;
    private static RunningModule fast;
    private static RunningModule routed;

    @BeforeAll
    static void start() throws Exception {
        modules = SwitchedModules.start(11, CLOCK, Map.of(
                "upbit.http.enabled", "false",
                // a call while upbit-market-data is stopped fails after this (Camel's default: 30 s)
                "camel.component.direct.timeout", "2000"), UpbitRouterConstants.PROPERTY_API_FAST_HITS);
        sim = modules.sim();
        fast = modules.on();
        routed = modules.off();
    }

    @AfterAll
    static void stop() {
        if (modules != null) {
            modules.close();
        }
    }

    @Test
    void should_answer_a_cache_hit_without_the_route_as_the_route_answers_it() throws Exception {
        warm(fast, BOTH);
        CLOCK.hold();
        try {
            long before = settledExchanges(fast);
            MarketDataResponse hit = router(fast).getTicker(BOTH).get(10, TimeUnit.SECONDS);
            MarketDataResponse viaRoute = fast.context().createProducerTemplate().requestBody(
                    UpbitRouterConstants.MARKET_DATA, ticker(BOTH, RealtimePriority.NORMAL), MarketDataResponse.class);
            assertEquals(before + 1, settledExchanges(fast), "only the call sent to the endpoint went through the route");
            assertEquals(viaRoute, hit, "the same answer, ages included (the clock held)");
            for (SymbolResult r : hit.results()) {
                assertEquals(DataSource.WEBSOCKET_CACHE, r.source(), r.toString());
                assertEquals(RoutingReason.CACHE_FRESH, r.reason(), r.toString());
                assertEquals(1, r.items().size(), r.toString());
            }
            assertEquals(BOTH, hit.results().stream().map(SymbolResult::symbol).toList(), "in the order asked");
        } finally {
            CLOCK.release();
        }
    }

    @Test
    void should_answer_as_the_module_with_the_fast_path_off_answers() throws Exception {
        for (MarketDataType type : List.of(MarketDataType.TICKER, MarketDataType.ORDERBOOK, MarketDataType.TRADES)) {
            MarketDataRequest request = new MarketDataRequest(type, List.of("KRW-SOL"), null, 1, null, RealtimePriority.NORMAL);
            warm(fast, request);
            warm(routed, request);
            long fastBefore = settledExchanges(fast);
            long routedBefore = settledExchanges(routed);
            MarketDataResponse hit = router(fast).request(request).get(10, TimeUnit.SECONDS);
            MarketDataResponse throughRoute = router(routed).request(request).get(10, TimeUnit.SECONDS);
            assertEquals(fastBefore, settledExchanges(fast), type + ": the fast path answered without the route");
            assertEquals(routedBefore + 1, settledExchanges(routed), type + ": with the switch off the route answered");
            // one simulator without live trades: both modules hold the same items (received at other instants)
            assertEquals(throughRoute.results().get(0).items(), hit.results().get(0).items(), type.name());
            assertEquals(throughRoute.results().get(0).reason(), hit.results().get(0).reason(), type.name());
        }
    }

    @Test
    void should_give_each_caller_items_of_its_own() throws Exception {
        warm(fast, List.of("KRW-XRP"));
        MarketDataResponse first = router(fast).getTicker(List.of("KRW-XRP")).get(10, TimeUnit.SECONDS);
        String asAnswered = first.results().get(0).items().get(0).toString();
        ((ObjectNode) first.results().get(0).items().get(0)).put("trade_price", -1);
        MarketDataResponse second = router(fast).getTicker(List.of("KRW-XRP")).get(10, TimeUnit.SECONDS);
        assertEquals(DataSource.WEBSOCKET_CACHE, second.results().get(0).source());
        assertEquals(asAnswered, second.results().get(0).items().get(0).toString(), "a caller's change reaches nobody else");
    }

    @Test
    void should_count_a_fast_hit_as_the_route_counts_a_cache_answer() throws Exception {
        for (RunningModule module : List.of(fast, routed)) {
            warm(module, BOTH);
            long exchanges = settledExchanges(module);
            RoutingDecisionCounter counter = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_DECISION_COUNTER, RoutingDecisionCounter.class);
            UpbitMetrics metrics = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_METRICS, UpbitMetrics.class);
            long fresh = counter.count(RoutingReason.CACHE_FRESH);
            long hits = metrics.cacheHits();
            for (int i = 0; i < 3; i++) {
                assertEquals(RoutingReason.CACHE_FRESH,
                        router(module).getTicker(BOTH).get(10, TimeUnit.SECONDS).results().get(1).reason());
            }
            String which = module == fast ? "fast path on" : "fast path off";
            assertEquals(fresh + 6, counter.count(RoutingReason.CACHE_FRESH), which + ": decisions by reason");
            assertEquals(hits + 6, metrics.cacheHits(), which + ": upbit.cache.hits");
            assertEquals(exchanges + (module == fast ? 0 : 3), settledExchanges(module), which);
        }
    }

    @Test
    void should_send_a_fast_hit_to_the_decisions_tap() throws Exception {
        List<String> records = new CopyOnWriteArrayList<>();
        fast.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.DECISIONS).routeId("test-api-decisions-consumer")
                        .process(e -> records.add(e.getMessage().getBody(String.class)));
            }
        });
        try {
            warm(fast, List.of("KRW-ETH", "KRW-BTC"));
            long before = settledExchanges(fast);
            router(fast).getTicker(List.of("KRW-ETH", "KRW-BTC")).get(10, TimeUnit.SECONDS);
            assertEquals(before, settledExchanges(fast), "answered by the fast path");
            RunningModule.awaitUntil("the fast hit's decision record", WAIT, () -> records.stream()
                    .anyMatch(r -> r.contains("\"results\":[{\"symbol\":\"KRW-ETH\",\"source\":\"websocket\",\"reason\":\"CACHE_FRESH\"")));
        } finally {
            fast.context().getRouteController().stopRoute("test-api-decisions-consumer");
            fast.context().removeRoute("test-api-decisions-consumer");
        }
    }

    @Test
    void should_leave_misses_low_priority_stalled_and_stale_symbols_to_the_route() throws Exception {
        warm(fast, BOTH);
        assertRouted(RoutingReason.LOW_PRIORITY, ticker(BOTH, RealtimePriority.LOW));
        // a symbol no other test asks for: a miss beside a hit, one answer of both sources through the route
        MarketDataResponse mixed = assertRouted(null, ticker(List.of("KRW-BTC", "KRW-ADA"), RealtimePriority.NORMAL));
        assertEquals(RoutingReason.CACHE_MISS, mixed.results().get(1).reason(), mixed.toString());

        StreamHealth health = fast.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS,
                StreamHealth.class);
        health.markStalled(List.of("KRW-ETH"));
        assertRouted(RoutingReason.WS_STALLED, ticker(List.of("KRW-ETH"), RealtimePriority.NORMAL));
        sim.market().publishTrade("KRW-ETH", 5_100_000, 0.1, "BID");
        warm(fast, BOTH);

        // past the freshness limit (20 s here): stale, from REST; the clock only moves on
        CLOCK.advance(Duration.ofSeconds(21));
        assertRouted(RoutingReason.CACHE_STALE, ticker(List.of("KRW-BTC"), RealtimePriority.NORMAL));
        warm(fast, BOTH);
    }

    @Test
    void should_refuse_a_bad_request_as_the_route_refuses_it() throws Exception {
        warm(fast, BOTH);
        for (List<String> symbols : List.of(List.of("KRW-NOPE"), List.of("btc"), List.of("KRW-BTC", "KRW-BTC"), List.<String>of())) {
            long before = settledExchanges(fast);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> router(fast).getTicker(symbols).get(10, TimeUnit.SECONDS), symbols.toString());
            ExecutionException reference = assertThrows(ExecutionException.class,
                    () -> router(routed).getTicker(symbols).get(10, TimeUnit.SECONDS), symbols.toString());
            MarketDataException error = assertInstanceOf(MarketDataException.class, failed.getCause());
            MarketDataException expected = assertInstanceOf(MarketDataException.class, reference.getCause());
            assertEquals(expected.httpStatus(), error.httpStatus(), symbols.toString());
            assertEquals(expected.errorName(), error.errorName(), symbols.toString());
            assertEquals(expected.getMessage(), error.getMessage(), symbols.toString());
            assertEquals(before + 1, settledExchanges(fast), symbols + " went through the route");
        }
    }

    @Test
    void should_answer_nothing_while_the_route_is_stopped() throws Exception {
        warm(fast, BOTH);
        fast.context().getRouteController().stopRoute(ROUTE);
        try {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> router(fast).getTicker(BOTH).get(10, TimeUnit.SECONDS));
            assertInstanceOf(MarketDataException.class, failed.getCause());
        } finally {
            fast.context().getRouteController().startRoute(ROUTE);
        }
        warm(fast, BOTH);
        long before = settledExchanges(fast);
        assertEquals(DataSource.WEBSOCKET_CACHE, router(fast).getTicker(BOTH).get(10, TimeUnit.SECONDS).results().get(0).source(),
                "answered again once started");
        assertEquals(before, settledExchanges(fast), "by the fast path");
    }

    // ---- helpers

    /** The call goes through the route and, with a reason given, every symbol is answered for that reason. */
    private static MarketDataResponse assertRouted(RoutingReason reason, MarketDataRequest request) throws Exception {
        io.upbitrouter.rest.RestBudget budget = fast.context().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REST_BUDGET, io.upbitrouter.rest.RestBudget.class);
        // while the group is rate-limited a fresh entry answers whatever the priority
        RunningModule.awaitUntil("the ticker group has REST budget", WAIT,
                () -> !budget.isRateLimited(io.upbitrouter.rest.RestGroup.TICKER));
        long before = settledExchanges(fast);
        MarketDataResponse answer = router(fast).request(request).get(10, TimeUnit.SECONDS);
        assertEquals(before + 1, settledExchanges(fast), request + " went through the route: " + answer);
        if (reason != null) {
            for (SymbolResult r : answer.results()) {
                assertEquals(reason, r.reason(), answer.toString());
                assertNotEquals(DataSource.WEBSOCKET_CACHE, r.source(), answer.toString());
            }
        }
        return answer;
    }

    private static MarketDataRequest ticker(List<String> symbols, RealtimePriority priority) {
        return new MarketDataRequest(MarketDataType.TICKER, symbols, null, 1, null, priority);
    }

    private static SmartRouter router(RunningModule module) {
        return module.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_SMART_ROUTER, SmartRouter.class);
    }

    private static void warm(RunningModule module, List<String> symbols) {
        warm(module, ticker(symbols, RealtimePriority.NORMAL));
    }

    /**
     * Asks (HIGH: a miss waits for the stream's snapshot) until every symbol comes from the stream cache; while one does
     * not, a trade of each market asked for brings fresh entries.
     */
    private static void warm(RunningModule module, MarketDataRequest request) {
        MarketDataRequest high = new MarketDataRequest(request.type(), request.symbols(), request.interval(),
                request.count(), request.to(), RealtimePriority.HIGH);
        long[] traded = {0};
        RunningModule.awaitUntil(request.symbols() + " answered from the stream cache", WAIT, () -> {
            MarketDataResponse answer = answer(module, high);
            if (answer.results().stream().allMatch(r -> r.reason() == RoutingReason.CACHE_FRESH)) {
                return true;
            }
            if (System.nanoTime() - traded[0] > 500_000_000L) {
                traded[0] = System.nanoTime();
                request.symbols().forEach(market -> sim.market().step(market));
            }
            return false;
        });
    }

    private static MarketDataResponse answer(RunningModule module, MarketDataRequest request) {
        try {
            return router(module).request(request).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(request + " failed", e);
        }
    }

    private static long settledExchanges(RunningModule module) {
        return module.settledExchanges(ROUTE);
    }
}
