package io.upbitrouter.api;

import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.ops.UpbitMetrics;
import io.upbitrouter.routing.RoutingDecisionCounter;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HeldClock;
import io.upbitrouter.testsupport.RunningModule;
import io.upbitrouter.testsupport.SwitchedModules;
import io.upbitrouter.ws.StreamHealth;
import io.upbitrouter.ws.StreamSubscriptions;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade's fast path ({@code upbit.facade.fast-hits}) on the assembled module against the simulator: a cache hit
 * it answers has the bytes and headers the facade's route gives for the same entries, is counted as the route counts
 * it (decisions, meters, the cache's reads, the decisions tap, the stream demand), and everything the route must
 * decide otherwise (a miss, a stale entry, a stalled stream, LOW priority, a bad or unknown parameter, another method,
 * a missing token) still goes to the route, with the route's answer. Two modules on one simulator: one as shipped (the
 * fast path on), one with it off. Which path answered is read from the facade route's own exchange count.
 */
class UpbitFacadeFastHitsIT {

    private static final String TOKEN = "fast-hits-test-token";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TICKER_ROUTE = UpbitRouterConstants.FACADE_TICKER_ROUTE_ID;
    private static final String BOTH = "/v1/ticker?markets=KRW-BTC,KRW-ETH";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final HeldClock CLOCK = new HeldClock();
    private static SwitchedModules modules;
    private static UpbitSimulator sim;
    /** The fast path on (the default), on a clock the tests hold and move. */
    private static RunningModule fast;
    /** The fast path off: every request through the facade's routes. */
    private static RunningModule routed;

    @BeforeAll
    static void start() throws Exception {
        modules = SwitchedModules.start(7, CLOCK, Map.of(
                "upbit.http.auth-token", TOKEN,
                "upbit.ws.idle-unsubscribe-ms", "30000"), UpbitRouterConstants.PROPERTY_FACADE_FAST_HITS);
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

    // ---- a hit: the route's bytes and headers

    @Test
    void should_answer_a_cache_hit_with_the_bytes_and_headers_the_route_answers_for_the_same_entries() throws Exception {
        warm(fast, BOTH);
        CLOCK.hold();
        try {
            long before = settledExchanges(fast, TICKER_ROUTE);
            HttpResponse<byte[]> hit = get(fast, BOTH, AUTH);
            // an unknown parameter: the fast path leaves it to the route, which ignores it, as the exchange does
            HttpResponse<byte[]> viaRoute = get(fast, BOTH + "&via=route", AUTH);
            assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE), "only the second request went through the route");

            assertEquals(200, hit.statusCode(), text(hit));
            assertEquals("websocket", hit.headers().firstValue("X-Data-Source").orElseThrow());
            assertEquals("CACHE_FRESH", hit.headers().firstValue("X-Routing-Reason").orElseThrow());
            assertArrayEquals(viaRoute.body(), hit.body(), "the same bytes: " + text(hit) + " / " + text(viaRoute));
            assertEquals(viaRoute.headers().map(), hit.headers().map(), "the same headers, ages included (the clock held)");
            assertTrue(text(hit).startsWith("[{\"market\":\"KRW-BTC\""), text(hit));
            assertFalse(text(hit).matches("(?s).*[0-9][eE][+-]?[0-9].*"), "numbers plain: " + text(hit));
        } finally {
            CLOCK.release();
        }
    }

    @Test
    void should_answer_as_the_module_with_the_fast_path_off_answers() throws Exception {
        warm(fast, BOTH);
        warm(routed, BOTH);
        long fastBefore = settledExchanges(fast, TICKER_ROUTE);
        long routedBefore = settledExchanges(routed, TICKER_ROUTE);

        HttpResponse<byte[]> hit = get(fast, BOTH, AUTH);
        HttpResponse<byte[]> throughRoute = get(routed, BOTH, AUTH);

        assertEquals(fastBefore, settledExchanges(fast, TICKER_ROUTE), "the fast path answered without the route");
        assertEquals(routedBefore + 1, settledExchanges(routed, TICKER_ROUTE), "with the switch off the route answered");
        assertEquals("websocket", throughRoute.headers().firstValue("X-Data-Source").orElseThrow());
        // one simulator without live trades: both modules hold the same items (received at other instants: ages differ)
        assertArrayEquals(throughRoute.body(), hit.body(), text(hit) + " / " + text(throughRoute));
        assertEquals(withoutAges(throughRoute), withoutAges(hit));
    }

    @Test
    void should_answer_orderbook_and_latest_trade_hits_as_their_routes_do() throws Exception {
        for (String[] path : List.of(
                new String[] {"/v1/orderbook?markets=KRW-SOL", UpbitRouterConstants.FACADE_ORDERBOOK_ROUTE_ID},
                new String[] {"/v1/orderbook?markets=KRW-SOL&count=30&priority=HIGH", UpbitRouterConstants.FACADE_ORDERBOOK_ROUTE_ID},
                new String[] {"/v1/trades/ticks?market=KRW-SOL", UpbitRouterConstants.FACADE_TRADES_ROUTE_ID},
                new String[] {"/v1/trades/ticks?market=KRW-SOL&count=1", UpbitRouterConstants.FACADE_TRADES_ROUTE_ID})) {
            warm(fast, path[0]);
            CLOCK.hold();
            try {
                long before = settledExchanges(fast, path[1]);
                HttpResponse<byte[]> hit = get(fast, path[0], AUTH);
                HttpResponse<byte[]> viaRoute = get(fast, path[0] + "&via=route", AUTH);
                assertEquals(before + 1, settledExchanges(fast, path[1]), path[0] + ": only the second through the route");
                assertEquals("websocket", hit.headers().firstValue("X-Data-Source").orElseThrow(), path[0]);
                assertArrayEquals(viaRoute.body(), hit.body(), path[0] + ": " + text(hit) + " / " + text(viaRoute));
                assertEquals(viaRoute.headers().map(), hit.headers().map(), path[0]);
            } finally {
                CLOCK.release();
            }
        }
        // a book of another depth than the stream's is not the exchange's answer: REST, through the route
        long before = settledExchanges(fast, UpbitRouterConstants.FACADE_ORDERBOOK_ROUTE_ID);
        assertTrue(source(get(fast, "/v1/orderbook?markets=KRW-SOL&count=15", AUTH)).startsWith("rest/"));
        assertEquals(before + 1, settledExchanges(fast, UpbitRouterConstants.FACADE_ORDERBOOK_ROUTE_ID));
    }

    @Test
    void should_answer_the_new_bytes_once_an_entry_is_replaced() throws Exception {
        warm(fast, "/v1/ticker?markets=KRW-XRP");
        sim.market().publishTrade("KRW-XRP", 4321.5, 0.25, "BID");
        RunningModule.awaitUntil("the fast path answers the new trade price", WAIT,
                () -> text(get(fast, "/v1/ticker?markets=KRW-XRP", AUTH)).contains("\"trade_price\":4321.5"));
        CLOCK.hold();
        try {
            long before = settledExchanges(fast, TICKER_ROUTE);
            HttpResponse<byte[]> hit = get(fast, "/v1/ticker?markets=KRW-XRP", AUTH);
            HttpResponse<byte[]> viaRoute = get(fast, "/v1/ticker?markets=KRW-XRP&via=route", AUTH);
            assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE));
            assertArrayEquals(viaRoute.body(), hit.body(), text(hit) + " / " + text(viaRoute));
            assertEquals(viaRoute.headers().map(), hit.headers().map());
        } finally {
            CLOCK.release();
        }
    }

    // ---- a hit is counted as the route counts it

    @Test
    void should_count_a_fast_hit_as_the_route_counts_a_cache_answer() throws Exception {
        for (RunningModule module : List.of(fast, routed)) {
            warm(module, BOTH);
            long exchanges = settledExchanges(module, TICKER_ROUTE);
            Counts before = Counts.of(module);
            for (int i = 0; i < 3; i++) {
                assertEquals("websocket/CACHE_FRESH", source(get(module, BOTH, AUTH)));
            }
            Counts after = Counts.of(module);
            String which = module == fast ? "fast path on" : "fast path off";
            assertEquals(before.cacheFresh + 6, after.cacheFresh, which + ": decisions by reason");
            assertEquals(before.websocket + 6, after.websocket, which + ": decisions by source");
            assertEquals(before.meterHits + 6, after.meterHits, which + ": upbit.cache.hits");
            assertEquals(before.cacheHits + 6, after.cacheHits, which + ": the cache's own read statistics");
            assertEquals(before.scraped + 6, after.scraped, which + ": upbit_router_decisions_total in /observe/metrics");
            assertEquals(before.cacheMisses, after.cacheMisses, which + ": no miss counted");
            assertEquals(exchanges + (module == fast ? 0 : 3), settledExchanges(module, TICKER_ROUTE), which);
        }
    }

    @Test
    void should_send_a_fast_hit_to_the_decisions_tap_as_the_route_does() throws Exception {
        List<String> records = new CopyOnWriteArrayList<>();
        fast.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.DECISIONS).routeId("test-decisions-consumer")
                        .process(e -> records.add(e.getMessage().getBody(String.class)));
            }
        });
        try {
            warm(fast, BOTH);
            // asked in the other order: told apart from the records of the warm-up's requests, which may still be on
            // their way (the queue's consumers are fed through Camel's parallel multicast)
            String reversed = "/v1/ticker?markets=KRW-ETH,KRW-BTC";
            java.util.function.Supplier<List<String>> ours = () -> records.stream()
                    .filter(r -> r.contains("\"results\":[{\"symbol\":\"KRW-ETH\"")).toList();
            CLOCK.hold();
            try {
                long before = settledExchanges(fast, TICKER_ROUTE);
                assertEquals("websocket/CACHE_FRESH", source(get(fast, reversed, AUTH)));
                assertEquals(before, settledExchanges(fast, TICKER_ROUTE), "answered by the fast path");
                RunningModule.awaitUntil("the fast hit's decision record", WAIT, () -> ours.get().size() == 1);
                get(fast, reversed + "&via=route", AUTH);
                RunningModule.awaitUntil("the route's decision record", WAIT, () -> ours.get().size() == 2);
                assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE));
            } finally {
                CLOCK.release();
            }
            List<String> both = ours.get();
            assertEquals(both.get(1), both.get(0), "the same record from both paths");
            assertTrue(both.get(0).contains("\"source\":\"websocket\",\"reason\":\"CACHE_FRESH\""), both.get(0));
        } finally {
            fast.context().getRouteController().stopRoute("test-decisions-consumer");
            fast.context().removeRoute("test-decisions-consumer");
        }
    }

    @Test
    void should_keep_a_symbol_read_through_the_fast_path_subscribed() throws Exception {
        warm(fast, "/v1/ticker?markets=KRW-BTC");
        warm(fast, "/v1/ticker?markets=KRW-ETH");
        StreamSubscriptions subscriptions = fast.context().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
        StreamSubscriptions.Stream btc = new StreamSubscriptions.Stream("ticker", "KRW-BTC");
        StreamSubscriptions.Stream eth = new StreamSubscriptions.Stream("ticker", "KRW-ETH");
        // both last wanted by now; then new entries of both, received from here on
        long tradedAt = CLOCK.millis();
        sim.market().step("KRW-BTC");
        sim.market().step("KRW-ETH");
        CaffeineRealtimeCache cache = fast.context().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, CaffeineRealtimeCache.class);
        RunningModule.awaitUntil("new tickers of both stored", WAIT, () -> List.of("KRW-BTC", "KRW-ETH").stream().allMatch(
                m -> cache.peek(io.upbitrouter.protocol.MarketKey.ticker(m)).map(e -> e.receiveTimeMillis() >= tradedAt).orElse(false)));
        // 18 s on (fresh still, under the 20 s limit), only KRW-BTC is read, by the fast path
        CLOCK.advance(Duration.ofSeconds(18));
        long before = settledExchanges(fast, TICKER_ROUTE);
        assertEquals("websocket/CACHE_FRESH", source(get(fast, "/v1/ticker?markets=KRW-BTC", AUTH)));
        assertEquals(before, settledExchanges(fast, TICKER_ROUTE), "answered by the fast path");
        // 18 s more: 36 s since KRW-ETH was wanted (idle after 30 s), 18 s since KRW-BTC was read
        CLOCK.advance(Duration.ofSeconds(18));
        subscriptions.dropIdle();
        assertTrue(subscriptions.wanted().contains(btc), "the read kept KRW-BTC subscribed: " + subscriptions.wanted());
        assertFalse(subscriptions.wanted().contains(eth), "KRW-ETH, not read, went idle: " + subscriptions.wanted());
        warm(fast, BOTH);
    }

    // ---- what the route decides otherwise goes to the route

    @Test
    void should_leave_misses_low_priority_stalled_and_stale_symbols_to_the_route() throws Exception {
        warm(fast, BOTH);
        assertRouted("rest/LOW_PRIORITY", BOTH + "&priority=LOW", Map.of());
        assertRouted("rest/LOW_PRIORITY", BOTH, Map.of("X-Priority", "low"));
        // a symbol no other test asks for: a miss; with a cached one it is one answer of both sources
        assertRouted("mixed/mixed", "/v1/ticker?markets=KRW-BTC,KRW-ADA", Map.of());

        StreamHealth health = fast.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS,
                StreamHealth.class);
        health.markStalled(List.of("KRW-ETH"));
        assertRouted("rest/WS_STALLED", "/v1/ticker?markets=KRW-ETH", Map.of());
        assertRouted("mixed/mixed", BOTH, Map.of());
        sim.market().publishTrade("KRW-ETH", 5_100_000, 0.1, "BID");
        warm(fast, BOTH);

        // past the freshness limit (20 s here): stale, from REST (a HIGH request waits for the stream first); the clock
        // only moves on (moved back, the REST budget would count calls made "later" as still in its window)
        CLOCK.advance(Duration.ofSeconds(21));
        assertRouted("rest/CACHE_STALE", "/v1/ticker?markets=KRW-BTC", Map.of());
        assertRouted("rest/CACHE_STALE", "/v1/ticker?markets=KRW-BTC&priority=HIGH", Map.of());
        warm(fast, BOTH);
    }

    @Test
    void should_leave_bad_or_unknown_requests_to_the_route_and_answer_them_as_it_does() throws Exception {
        warm(fast, BOTH);
        for (String path : List.of(BOTH + "&count=2", BOTH + "&to=2025-01-01T00:00:00Z",
                "/v1/ticker?markets=KRW-BTC&markets=KRW-ETH", "/v1/ticker?markets=KRW-BTC%00", "/v1/ticker?markets=btc",
                "/v1/ticker?markets=KRW-NOPE", BOTH + "&priority=URGENT", "/v1/ticker", "/v1/ticker?markets=KRW-BTC,KRW-BTC")) {
            long before = settledExchanges(fast, TICKER_ROUTE);
            HttpResponse<byte[]> answer = get(fast, path, AUTH);
            HttpResponse<byte[]> reference = get(routed, path, AUTH);
            assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE), path + " went through the route");
            assertEquals(reference.statusCode(), answer.statusCode(), path + ": " + text(answer));
            assertTrue(answer.statusCode() >= 400, path + ": " + text(answer));
            assertEquals(text(reference), text(answer), path);
        }
        // several X-Priority headers: left to the route
        long before = settledExchanges(fast, TICKER_ROUTE);
        HttpResponse<byte[]> twice = send(HttpRequest.newBuilder(URI.create(fast.baseUrl() + BOTH))
                .header("Authorization", "Bearer " + TOKEN).header("X-Priority", "NORMAL").header("X-Priority", "NORMAL").GET());
        assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE), text(twice));
    }

    @Test
    void should_keep_the_front_door_and_the_method_answers_for_cached_symbols() throws Exception {
        warm(fast, BOTH);
        HttpResponse<byte[]> noToken = get(fast, BOTH, Map.of());
        assertEquals(401, noToken.statusCode(), text(noToken));
        assertEquals("Bearer", noToken.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<byte[]> wrongToken = get(fast, BOTH, Map.of("Authorization", "Bearer not-" + TOKEN));
        assertEquals(401, wrongToken.statusCode(), text(wrongToken));

        for (String method : List.of("HEAD", "POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(URI.create(fast.baseUrl() + BOTH))
                    .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()));
            HttpResponse<byte[]> reference = send(HttpRequest.newBuilder(URI.create(routed.baseUrl() + BOTH))
                    .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()));
            assertEquals(reference.statusCode(), answer.statusCode(), method);
            assertEquals(405, answer.statusCode(), method + ": " + text(answer));
            assertEquals(text(reference), text(answer), method);
            assertEquals(reference.headers().firstValue("Allow"), answer.headers().firstValue("Allow"), method);
        }
        // a GET with a body is left to the route (which ignores the body) and answered as before
        long before = settledExchanges(fast, TICKER_ROUTE);
        HttpResponse<byte[]> withBody = send(HttpRequest.newBuilder(URI.create(fast.baseUrl() + BOTH))
                .header("Authorization", "Bearer " + TOKEN).method("GET", HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals("websocket/CACHE_FRESH", source(withBody));
        assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE));
    }

    // ---- helpers

    /**
     * The request goes through the facade's ticker route and is answered with this source and reason. Asked once the
     * ticker group's REST budget has room: while it is rate-limited a fresh entry answers whatever the priority.
     */
    private static void assertRouted(String sourceAndReason, String path, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(AUTH);
        all.putAll(headers);
        io.upbitrouter.rest.RestBudget budget = fast.context().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REST_BUDGET, io.upbitrouter.rest.RestBudget.class);
        RunningModule.awaitUntil("the ticker group has REST budget", WAIT,
                () -> !budget.isRateLimited(io.upbitrouter.rest.RestGroup.TICKER));
        long before = settledExchanges(fast, TICKER_ROUTE);
        HttpResponse<byte[]> answer = get(fast, path, all);
        assertEquals(sourceAndReason, source(answer), path + " " + headers + ": " + text(answer));
        assertEquals(before + 1, settledExchanges(fast, TICKER_ROUTE), path + " " + headers + " went through the route");
    }

    /**
     * Asks until the answer comes from the stream cache. The first asks subscribe the symbols; while the answer is not
     * fresh (the simulator trades only when told, and the tests move the clock on), a trade of each market asked for
     * brings fresh entries.
     */
    private static void warm(RunningModule module, String path) {
        String[] last = {""};
        long[] traded = {0};
        try {
            RunningModule.awaitUntil(path + " answered from the stream cache", WAIT, () -> {
                // HIGH: a miss waits for the stream's snapshot rather than asking REST at every poll (which would
                // spend the REST budget, and a rate-limited group lets fresh entries answer even LOW requests)
                last[0] = source(get(module, path, Map.of("Authorization", "Bearer " + TOKEN, "X-Priority", "HIGH")));
                if (last[0].equals("websocket/CACHE_FRESH")) {
                    return true;
                }
                if (System.nanoTime() - traded[0] > 500_000_000L) {
                    traded[0] = System.nanoTime();
                    markets(path).forEach(market -> sim.market().step(market));
                }
                return false;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answered " + last[0], e);
        }
    }

    private static List<String> markets(String path) {
        Matcher m = Pattern.compile("markets?=([A-Z0-9,-]+)").matcher(path);
        return m.find() ? List.of(m.group(1).split(",")) : List.of();
    }

    private static long settledExchanges(RunningModule module, String routeId) {
        return module.settledExchanges(routeId);
    }

    private static HttpResponse<byte[]> get(RunningModule module, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(module.baseUrl() + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static String source(HttpResponse<byte[]> answer) {
        return answer.headers().firstValue("X-Data-Source").orElse("") + "/"
                + answer.headers().firstValue("X-Routing-Reason").orElse("");
    }

    /** The headers with every age written as {@code _}: two modules received the same items at other instants. */
    private static Map<String, List<String>> withoutAges(HttpResponse<byte[]> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.put("x-data-age-ms", List.of("_"));
        headers.computeIfPresent("x-data-detail", (k, v) -> v.stream().map(d -> d.replaceAll("age=[0-9]+", "age=_")).toList());
        return headers;
    }

    /** What a cache answer counts, read at one moment. */
    private record Counts(long cacheFresh, long websocket, long meterHits, long cacheMisses, long cacheHits, long scraped) {

        private static final Pattern DECISIONS = Pattern.compile(
                "(?m)^upbit_router_decisions_total\\{reason=\"CACHE_FRESH\",source=\"websocket\",type=\"TICKER\"} ([0-9.E]+)$");

        static Counts of(RunningModule module) {
            RoutingDecisionCounter counter = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_DECISION_COUNTER, RoutingDecisionCounter.class);
            UpbitMetrics metrics = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_METRICS, UpbitMetrics.class);
            CaffeineRealtimeCache cache = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, CaffeineRealtimeCache.class);
            String scrape = text(get(module, "/observe/metrics", AUTH));
            Matcher m = DECISIONS.matcher(scrape);
            long scraped = m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
            return new Counts(counter.count(RoutingReason.CACHE_FRESH), counter.count(DataSource.WEBSOCKET_CACHE),
                    metrics.cacheHits(), metrics.cacheMisses(), cache.figures().hits(), scraped);
        }
    }
}
