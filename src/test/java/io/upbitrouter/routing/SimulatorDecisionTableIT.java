package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision table end to end: requests through {@code direct:upbit-market-data}, REST answers from the
 * simulator, cache entries put there by the test. The simulator's request counters show which rows went
 * upstream. Rate limits are raised here (the table is about decisions; the budget has its own tests),
 * and rate-limited rows are made by pausing the group's budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorDecisionTableIT extends RouterTestSupport {

    private static final List<String> MARKETS = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL");
    private UpbitSimulator sim;
    private final TestRealtimeCache cache = new TestRealtimeCache();
    private final TestStream stream = new TestStream();

    @BeforeAll
    void startSimulator() {
        sim = UpbitSimulator.builder().markets(MARKETS).seed(11).tradesPerSecond(0).requestsPerSecond(1000).build().start();
    }

    @AfterAll
    void stopSimulator() {
        sim.stop();
    }

    @Override
    protected java.util.Properties routerProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.ws.enabled", "true");
        p.setProperty("upbit.cache.freshness-ms", "60000");
        p.setProperty("upbit.router.high-priority-freshness-ms", "5000");
        p.setProperty("upbit.router.high-priority-wait-ms", "300");
        p.setProperty("upbit.rest.requests-per-second", "1000");
        p.setProperty("upbit.rest.max-budget-wait-ms", "2000");
        return p;
    }

    @Override
    protected void bindStreamBeans(org.apache.camel.spi.Registry registry) {
        registry.bind("upbitRealtimeCache", cache);
        registry.bind("upbitStreamStatus", stream);
        registry.bind("upbitSubscriptionDemand", stream);
    }

    @BeforeEach
    void resetWorld() {
        sim.counters().reset();
        sim.faults().reset();
        stream.healthy = true;
        stream.demanded.clear();
        cache.awaited.clear();
        budget().reset();
    }

    private long upstreamRequests() {
        return sim.counters().requestsByGroup().values().stream().mapToLong(Long::longValue).sum();
    }

    private CachedMarketData put(MarketDataType type, CandleInterval interval, String symbol, long ageMillis) {
        long now = System.currentTimeMillis();
        CachedMarketData e = new CachedMarketData(MarketKey.of(type, interval, symbol),
                JsonNodeFactory.instance.objectNode().put("market", symbol).put("from", "test-cache"),
                now - ageMillis, now - ageMillis, type == MarketDataType.CANDLES ? "2026-01-01T00:00:00" : null);
        // entries are replaced by the test, not by the ordering rule: start from a clean key
        cache.offer(e);
        return e;
    }

    /**
     * Columns: rule, type, interval, count, to, priority, stream healthy, cache entry age (-1 none; each row
     * uses its own symbol-type key), REST group paused (ms, 0 none), snapshot arrives while HIGH waits,
     * expected source, expected reason, expected upstream requests, expected demand.
     * {@code to} is a duration before now.
     */
    @ParameterizedTest(name = "[{index}] rule {0}: {1} {2} count={3} to={4} {5} healthy={6} age={7} paused={8} -> {10} {11}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "1 | CANDLES   | 1m   | 1  | PT2H                 | NORMAL | true  | 10    | 0   | false | REST            | HISTORY_REQUESTED | 1 | false",
            "1 | TRADES    | -    | 1  | PT2H                 | HIGH   | true  | 10    | 0   | false | REST            | HISTORY_REQUESTED | 1 | false",
            "2 | CANDLES   | 5m   | 20 | -                    | NORMAL | true  | 10    | 0   | false | REST            | MULTIPLE_ITEMS    | 1 | false",
            "2 | TRADES    | -    | 20 | -                    | HIGH   | true  | 10    | 0   | false | REST            | MULTIPLE_ITEMS    | 1 | false",
            "3 | CANDLES   | 1d   | 1  | -                    | HIGH   | true  | 10    | 0   | false | REST            | NOT_STREAMABLE    | 1 | false",
            "3 | CANDLES   | 1w   | 1  | -                    | NORMAL | true  | 10    | 0   | false | REST            | NOT_STREAMABLE    | 1 | false",
            "8 | TICKER    | -    | 1  | -                    | LOW    | false | 59000 | 500 | false | WEBSOCKET_CACHE | CACHE_FRESH       | 0 | false",
            "8 | ORDERBOOK | -    | 1  | -                    | NORMAL | true  | -1    | 300 | false | REST            | RATE_LIMITED      | 1 | true",
            "8 | TICKER    | -    | 1  | -                    | NORMAL | true  | 61000 | 300 | false | REST            | RATE_LIMITED      | 1 | true",
            "5 | TICKER    | -    | 1  | -                    | LOW    | true  | 10    | 0   | false | REST            | LOW_PRIORITY      | 1 | false",
            "6 | TICKER    | -    | 1  | -                    | NORMAL | false | 10    | 0   | false | REST            | WS_UNHEALTHY      | 1 | true",
            "6 | CANDLES   | 1m   | 1  | -                    | HIGH   | false | -1    | 0   | false | REST            | WS_UNHEALTHY      | 1 | true",
            "7 | TICKER    | -    | 1  | -                    | NORMAL | true  | 59000 | 0   | false | WEBSOCKET_CACHE | CACHE_FRESH       | 0 | true",
            "7 | TRADES    | -    | 1  | -                    | NORMAL | true  | 10    | 0   | false | WEBSOCKET_CACHE | CACHE_FRESH       | 0 | true",
            "7 | ORDERBOOK | -    | 1  | -                    | HIGH   | true  | 1000  | 0   | false | WEBSOCKET_CACHE | CACHE_FRESH       | 0 | true",
            "7 | CANDLES   | 1s   | 1  | -                    | NORMAL | true  | 10    | 0   | false | WEBSOCKET_CACHE | CACHE_FRESH       | 0 | true",
            "7 | TICKER    | -    | 1  | -                    | NORMAL | true  | -1    | 0   | false | REST            | CACHE_MISS        | 1 | true",
            "7 | CANDLES   | 15m  | 1  | -                    | NORMAL | true  | -1    | 0   | false | REST            | CACHE_MISS        | 1 | true",
            "7 | TICKER    | -    | 1  | -                    | NORMAL | true  | 61000 | 0   | false | REST            | CACHE_STALE       | 1 | true",
            "7 | TICKER    | -    | 1  | -                    | HIGH   | true  | -1    | 0   | true  | WEBSOCKET_CACHE | STREAM_SNAPSHOT   | 0 | true",
            "7 | TRADES    | -    | 1  | -                    | HIGH   | true  | 30000 | 0   | true  | WEBSOCKET_CACHE | STREAM_SNAPSHOT   | 0 | true",
            "7 | TICKER    | -    | 1  | -                    | HIGH   | true  | -1    | 0   | false | REST            | CACHE_MISS        | 1 | true",
            "7 | ORDERBOOK | -    | 1  | -                    | HIGH   | true  | 30000 | 0   | false | REST            | CACHE_STALE       | 1 | true",
    })
    void should_answer_each_rule_from_the_expected_source(String rule, MarketDataType type, String interval, int count,
                                                          String to, RealtimePriority priority, boolean healthy, long age,
                                                          long pausedMillis, boolean snapshotArrives, DataSource source,
                                                          RoutingReason reason, long upstream, boolean demand) throws Exception {
        CandleInterval ci = interval == null ? null : CandleInterval.fromCode(interval).orElseThrow();
        String symbol = MARKETS.get(Math.floorMod((rule + type + interval + age + priority).hashCode(), MARKETS.size()));
        MarketKey key = MarketKey.of(type, ci, symbol);
        cacheReplace(key, age < 0 ? null : put(type, ci, symbol, age));
        stream.healthy = healthy;
        if (pausedMillis > 0) {
            budget().onTooManyRequests(RestGroup.of(type), pausedMillis);
        }
        CompletableFuture<Void> snapshot = snapshotArrives ? CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!cache.awaited.contains(key) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            put(type, ci, symbol, 0);
        }) : CompletableFuture.completedFuture(null);
        long before = counter().count(reason);

        MarketDataResponse r = ask(new MarketDataRequest(type, List.of(symbol), ci, count,
                to == null ? null : Instant.now().minus(java.time.Duration.parse(to)), priority));
        snapshot.get(5, TimeUnit.SECONDS);

        SymbolResult result = r.results().get(0);
        assertEquals(source, result.source(), "source");
        assertEquals(reason, result.reason(), "reason");
        assertEquals(upstream, upstreamRequests(), "requests the simulator saw");
        assertEquals(demand, stream.demanded.stream().anyMatch(d -> d.endsWith(":" + symbol)), "reported wanted");
        assertEquals(before + 1, counter().count(reason), "counted by reason");
        assertFalse(result.items().isEmpty(), "an answer carries the item");
        if (source == DataSource.WEBSOCKET_CACHE) {
            assertEquals("test-cache", result.items().get(0).path("from").asText());
            assertTrue(result.ageMillis() < 60_000, "never served past freshness");
        } else {
            assertEquals(symbol, result.items().get(0).path("market").asText());
            assertEquals(0, result.ageMillis());
        }
    }

    private void cacheReplace(MarketKey key, CachedMarketData entry) {
        cache.replace(key, entry); // a fresh TestRealtimeCache per row would need a new context
    }

    @Test
    void should_fail_with_retry_after_when_rate_limited_without_a_fresh_entry_and_no_budget_in_time() {
        budget().onTooManyRequests(RestGroup.TICKER, 10_000);
        long decided = counter().count(RoutingReason.RATE_LIMITED);
        long failures = counter().failures();
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> ask(new MarketDataRequest(
                MarketDataType.TICKER, List.of("KRW-SOL"), null, 1, null, null)));
        assertTrue(e.retryAfterMillis() > 2000, e.getMessage());
        assertEquals(0, upstreamRequests());
        assertEquals(decided + 1, counter().count(RoutingReason.RATE_LIMITED), "a failed decision is counted too");
        assertEquals(failures + 1, counter().failures());
    }

    @Test
    void should_split_symbols_between_cache_and_one_rest_call_and_answer_in_the_order_asked() {
        put(MarketDataType.TICKER, null, "KRW-ETH", 100);
        put(MarketDataType.TICKER, null, "KRW-SOL", 100);
        cacheReplace(MarketKey.ticker("KRW-BTC"), null);
        cacheReplace(MarketKey.ticker("KRW-XRP"), put(MarketDataType.TICKER, null, "KRW-XRP", 120_000));
        Exchange answer = send(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-XRP", "KRW-ETH", "KRW-BTC", "KRW-SOL"),
                null, 1, null, null));
        assertEquals("SPLIT", answer.getMessage().getHeader(UpbitRouterConstants.ROUTING_PATH));
        MarketDataResponse r = answer.getMessage().getBody(MarketDataResponse.class);
        assertEquals(List.of("KRW-XRP", "KRW-ETH", "KRW-BTC", "KRW-SOL"), r.results().stream().map(SymbolResult::symbol).toList());
        assertEquals(List.of(DataSource.REST, DataSource.WEBSOCKET_CACHE, DataSource.REST, DataSource.WEBSOCKET_CACHE),
                r.results().stream().map(SymbolResult::source).toList());
        assertEquals(List.of(RoutingReason.CACHE_STALE, RoutingReason.CACHE_FRESH, RoutingReason.CACHE_MISS, RoutingReason.CACHE_FRESH),
                r.results().stream().map(SymbolResult::reason).toList());
        assertEquals(1, sim.counters().requests("ticker"), "both REST symbols in one call");
        assertEquals("KRW-XRP", r.results().get(0).items().get(0).path("market").asText());
        assertTrue(r.results().get(0).items().get(0).has("trade_price"));
        assertEquals("KRW-BTC", r.results().get(2).items().get(0).path("market").asText());
    }

    @Test
    void should_never_forward_a_callers_origin_which_the_exchange_limits_to_one_request_in_10_seconds() {
        for (int i = 0; i < 3; i++) {
            Exchange answer = template.send(UpbitRouterConstants.MARKET_DATA, ex -> {
                ex.getMessage().setHeader("Origin", "https://dashboard.example");
                ex.getMessage().setBody(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null,
                        RealtimePriority.LOW));
            });
            assertEquals(null, answer.getException());
        }
        assertEquals(3, sim.counters().requests("orderbook"));
        assertEquals(0, sim.counters().tooManyRequests(), "with Origin forwarded the 2nd and 3rd would be refused");
    }

    @Test
    void should_make_one_call_per_market_for_trades() {
        MarketDataResponse r = ask(new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-SOL", "KRW-BTC", "KRW-ETH"),
                null, 7, null, null));
        assertEquals(3, sim.counters().requests("trade"));
        assertEquals(List.of("KRW-SOL", "KRW-BTC", "KRW-ETH"), r.results().stream().map(SymbolResult::symbol).toList());
        r.results().forEach(s -> {
            assertTrue(s.items().size() <= 7 && !s.items().isEmpty());
            s.items().forEach(t -> assertEquals(s.symbol(), t.path("market").asText()));
        });
    }

    @Test
    void should_refuse_every_bad_input_with_nothing_reaching_the_simulator() {
        RequestValidator v = validator();
        List<Runnable> bad = List.of(
                () -> ask(v.fromStrings("QUOTE", "KRW-BTC", null, null, null, null)),
                () -> ask(v.fromStrings("CANDLES", "KRW-BTC", "2m", null, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of(), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("btc"), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC,KRW-ETH"), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC&level=1"), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC", "KRW-BTC"), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 0, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 2, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 501, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.MINUTES_1, 2001, null, null)),
                () -> ask(v.fromStrings("CANDLES", "KRW-BTC", "1m", "10", "2025-06-24T25:00:00Z", null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, Instant.now(), null)),
                () -> ask(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, Instant.now(), null)),
                () -> ask(new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 1,
                        Instant.now().minus(9, ChronoUnit.DAYS), null)),
                () -> ask(new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), null, 1, null, null)),
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), CandleInterval.DAYS, 1, null, null)));
        for (Runnable r : bad) {
            assertInstanceOf(InvalidRequestException.class, assertThrows(RuntimeException.class, r::run));
        }
        assertEquals(0, upstreamRequests(), "nothing reached the simulator");
        assertEquals(0, sim.counters().tooManyRequests());
    }
}
