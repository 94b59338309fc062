package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.model.UpstreamErrorException;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestSettings;
import io.upbitrouter.rest.UpbitHttpClientConfigurer;
import io.upbitrouter.rest.UpbitRestClient;
import io.upbitrouter.rest.UpbitRestRoutes;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade's own logic through a real HTTP client: Upbit parameters become the right request,
 * answers keep Upbit's shape and carry the source headers, failures become Upbit's error JSON with
 * the right status, and client headers never travel on. The router is replaced by a recording
 * route here; {@code UpbitFacadeAgainstSimulatorIT} runs the facade with the real router.
 */
class UpbitHttpFacadeRoutesIT extends CamelTestSupport {

    private static final ObjectMapper JSON = io.upbitrouter.protocol.ExactJson.MAPPER;
    private static final Instant NOW = Instant.parse("2025-06-24T05:00:00Z");

    private final int port = FreePort.find();
    private final HttpAnswers http = new HttpAnswers("http://127.0.0.1:" + port);
    private final List<MarketDataRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> headersSeenByRouter = new CopyOnWriteArrayList<>();
    private volatile Function<MarketDataRequest, MarketDataResponse> router;
    private HttpServer upstream;
    private final Map<String, String> upstreamHeaders = new ConcurrentHashMap<>();
    private volatile int upstreamStatus = 200;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/market/all", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> upstreamHeaders.put(k.toLowerCase(), String.join(",", v)));
            upstreamHeaders.put("query", String.valueOf(exchange.getRequestURI().getQuery()));
            byte[] body = (upstreamStatus == 200
                    ? "[{\"market\":\"KRW-BTC\",\"korean_name\":\"비트코인\",\"english_name\":\"Bitcoin\"}]"
                    : "{\"error\":{\"name\":404,\"message\":\"Code not found\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Remaining-Req", "group=market; min=600; sec=9");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(upstreamStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();

        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("upbit.facade.enabled", "true");
        context.getPropertiesComponent().addInitialProperty("upbit.facade.priority.orderbook", "high");
        context.getPropertiesComponent().addInitialProperty("upbit.rest.base-url",
                "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1");
        MutableClock clock = new MutableClock(NOW);
        context.getRegistry().bind("upbitClock", clock);
        context.getRegistry().bind("upbitHttpClientConfigurer", new UpbitHttpClientConfigurer());
        context.getRegistry().bind("upbitRestClient", new UpbitRestClient(new RestBudget(clock, 10, 1000, 0),
                new RestSettings(0, 0, 0, 0, 60_000)));
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        return context;
    }

    @AfterEach
    void stopUpstream() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new UpbitFacadeErrors(), new UpbitHttpFacadeRoutes(), new UpbitRestRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upbit-market-data").routeId("recording-router").process(e -> {
                    headersSeenByRouter.add(Map.copyOf(e.getMessage().getHeaders()));
                    MarketDataRequest request = e.getMessage().getBody(MarketDataRequest.class);
                    requests.add(request);
                    e.getMessage().setBody(router.apply(request));
                });
            }
        }};
    }

    private static List<ObjectNode> fixture(String name) {
        try (InputStream in = UpbitHttpFacadeRoutesIT.class.getResourceAsStream("/fixtures/" + name)) {
            List<ObjectNode> items = new ArrayList<>();
            JSON.readTree(in).forEach(n -> items.add((ObjectNode) n));
            return items;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answerWith(DataSource source, RoutingReason reason, long age, String fixture, String remainingReq) {
        router = request -> {
            List<SymbolResult> results = new ArrayList<>();
            for (String symbol : request.symbols()) {
                List<ObjectNode> items = new ArrayList<>();
                for (ObjectNode item : fixture(fixture)) {
                    items.add(item.put("market", symbol));
                }
                results.add(new SymbolResult(symbol, source, reason, age, items, remainingReq));
            }
            return new MarketDataResponse(request, results);
        };
    }

    private void failWith(RuntimeException failure) {
        router = request -> {
            throw failure;
        };
    }

    private MarketDataRequest onlyRequest() {
        assertEquals(1, requests.size(), "requests seen by the router");
        return requests.get(0);
    }

    @Test
    void should_answer_ticker_in_upbit_shape_with_source_headers() throws Exception {
        answerWith(DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 120, "rest_ticker.json", null);

        HttpResponse<String> response = http.get("/v1/ticker?markets=KRW-BTC");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("websocket", response.headers().firstValue("X-Data-Source").orElseThrow());
        assertEquals("120", response.headers().firstValue("X-Data-Age-Ms").orElseThrow());
        assertEquals("CACHE_FRESH", response.headers().firstValue("X-Routing-Reason").orElseThrow());
        assertFalse(response.headers().firstValue("Remaining-Req").isPresent(), "no REST call, no Remaining-Req");
        JsonNode expected = JSON.valueToTree(fixture("rest_ticker.json"));
        assertEquals(expected, HttpAnswers.json(response));
        MarketDataRequest request = onlyRequest();
        assertEquals(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null,
                RealtimePriority.NORMAL), request);
    }

    @Test
    void should_keep_market_order_and_describe_each_symbol_for_multi_market_ticker() {
        router = request -> new MarketDataResponse(request, List.of(
                new SymbolResult("KRW-ETH", DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 300,
                        List.of(fixture("rest_ticker.json").get(0).put("market", "KRW-ETH")), null),
                new SymbolResult("KRW-BTC", DataSource.REST, RoutingReason.CACHE_MISS, 0,
                        List.of(fixture("rest_ticker.json").get(0).put("market", "KRW-BTC")),
                        "group=ticker; min=600; sec=8")));

        HttpResponse<String> response = http.get("/v1/ticker?markets=KRW-ETH,KRW-BTC");

        assertEquals(200, response.statusCode());
        assertEquals(List.of("KRW-ETH", "KRW-BTC"), onlyRequest().symbols());
        JsonNode body = HttpAnswers.json(response);
        assertEquals("KRW-ETH", body.get(0).get("market").asText());
        assertEquals("KRW-BTC", body.get(1).get("market").asText());
        assertEquals("mixed", response.headers().firstValue("X-Data-Source").orElseThrow());
        assertEquals("300", response.headers().firstValue("X-Data-Age-Ms").orElseThrow());
        assertEquals("KRW-ETH=websocket;age=300;reason=CACHE_FRESH, KRW-BTC=rest;age=0;reason=CACHE_MISS",
                response.headers().firstValue("X-Data-Detail").orElseThrow());
        assertEquals("group=ticker; min=600; sec=8", response.headers().firstValue("Remaining-Req").orElseThrow());
    }

    @Test
    void should_map_every_candle_path_to_its_interval() {
        answerWith(DataSource.REST, RoutingReason.MULTIPLE_ITEMS, 0, "rest_candles_minutes_1.json",
                "group=candles; min=600; sec=9");
        Map<String, CandleInterval> paths = Map.of(
                "/v1/candles/seconds", CandleInterval.SECONDS_1,
                "/v1/candles/minutes/1", CandleInterval.MINUTES_1,
                "/v1/candles/minutes/240", CandleInterval.MINUTES_240,
                "/v1/candles/days", CandleInterval.DAYS,
                "/v1/candles/weeks", CandleInterval.WEEKS,
                "/v1/candles/months", CandleInterval.MONTHS,
                "/v1/candles/years", CandleInterval.YEARS);
        paths.forEach((path, interval) -> {
            requests.clear();
            HttpResponse<String> response = http.get(path + "?market=KRW-BTC&count=3&to=2025-06-24%2004:56:53");
            assertEquals(200, response.statusCode(), path);
            assertEquals("group=candles; min=600; sec=9", response.headers().firstValue("Remaining-Req").orElseThrow());
            assertEquals(new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), interval, 3,
                    Instant.parse("2025-06-24T04:56:53Z"), RealtimePriority.NORMAL), onlyRequest(), path);
        });
    }

    @Test
    void should_read_to_with_an_offset_as_the_same_instant() {
        answerWith(DataSource.REST, RoutingReason.HISTORY_REQUESTED, 0, "rest_candles_minutes_1.json", null);

        assertEquals(200, http.get("/v1/candles/minutes/5?market=KRW-BTC&to=2025-06-24T13:56:53%2B09:00").statusCode());

        assertEquals(Instant.parse("2025-06-24T04:56:53Z"), onlyRequest().to());
        assertEquals(CandleInterval.MINUTES_5, onlyRequest().interval());
        assertEquals(1, onlyRequest().count());
    }

    @Test
    void should_read_trade_ticks_time_of_day_and_days_ago_as_utc_instant_and_keep_them_for_the_exchange() {
        answerWith(DataSource.REST, RoutingReason.HISTORY_REQUESTED, 0, "rest_trades_ticks.json", null);

        HttpResponse<String> response = http.get("/v1/trades/ticks?market=KRW-BTC&count=5&to=04:30:00&days_ago=2");

        assertEquals(200, response.statusCode());
        assertEquals(new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 5,
                Instant.parse("2025-06-22T04:30:00Z"), RealtimePriority.NORMAL,
                new ExchangeParameters(null, null, "043000", 2, null, null)), onlyRequest());
        JsonNode body = HttpAnswers.json(response);
        assertEquals(fixture("rest_trades_ticks.json").size(), body.size());
        assertEquals(fixture("rest_trades_ticks.json").get(1).put("market", "KRW-BTC"), body.get(1));
    }

    @Test
    void should_pass_orderbook_count_and_level_to_the_router_and_answer_its_items_unchanged() {
        answerWith(DataSource.REST, RoutingReason.EXCHANGE_PARAMETERS, 0, "rest_orderbook.json", null);

        HttpResponse<String> response = http.get("/v1/orderbook?markets=KRW-BTC&count=2&level=1000");
        HttpResponse<String> defaults = http.get("/v1/orderbook?markets=KRW-BTC");

        assertEquals(200, response.statusCode());
        assertEquals(new ExchangeParameters(new java.math.BigDecimal("1000"), 2, null, null, null, null), requests.get(0).exchange());
        assertEquals(new ExchangeParameters(null, 30, null, null, null, null), requests.get(1).exchange(),
                "no count is the exchange's 30 units");
        // trimming is the exchange's: its totals cover the units it answers, which a trimmed copy would not
        assertEquals(fixture("rest_orderbook.json").get(0).put("market", "KRW-BTC"), HttpAnswers.json(response).get(0));
    }

    @Test
    void should_pass_trade_cursor_and_day_candle_conversion_to_the_router() {
        answerWith(DataSource.REST, RoutingReason.HISTORY_REQUESTED, 0, "rest_trades_ticks.json", null);

        assertEquals(200, http.get("/v1/trades/ticks?market=KRW-BTC&cursor=17000000000001").statusCode());
        assertEquals(200, http.get("/v1/candles/days?market=BTC-ETH&converting_price_unit=krw").statusCode());
        assertEquals(200, http.get("/v1/candles/minutes/1?market=BTC-ETH&converting_price_unit=KRW").statusCode());

        assertEquals(new ExchangeParameters(null, null, null, null, "17000000000001", null), requests.get(0).exchange());
        assertEquals(null, requests.get(0).to(), "a cursor alone names no instant");
        assertEquals(new ExchangeParameters(null, null, null, null, null, "KRW"), requests.get(1).exchange());
        assertEquals(ExchangeParameters.NONE, requests.get(2).exchange(), "Upbit converts day candles only");
    }

    @Test
    void should_take_priority_from_header_or_parameter() {
        answerWith(DataSource.REST, RoutingReason.LOW_PRIORITY, 0, "rest_ticker.json", null);

        assertEquals(200, http.get("/v1/ticker?markets=KRW-BTC", Map.of("X-Priority", "high")).statusCode());
        assertEquals(200, http.get("/v1/ticker?markets=KRW-BTC&priority=LOW").statusCode());

        assertEquals(RealtimePriority.HIGH, requests.get(0).priority());
        assertEquals(RealtimePriority.LOW, requests.get(1).priority());
    }

    @Test
    void should_apply_the_configured_priority_per_type_when_the_request_names_none() {
        answerWith(DataSource.REST, RoutingReason.CACHE_MISS, 0, "rest_orderbook.json", null);

        assertEquals(200, http.get("/v1/orderbook?markets=KRW-BTC").statusCode());
        assertEquals(200, http.get("/v1/orderbook?markets=KRW-BTC&priority=low").statusCode());
        assertEquals(200, http.get("/v1/ticker?markets=KRW-BTC").statusCode());

        assertEquals(RealtimePriority.HIGH, requests.get(0).priority(), "upbit.facade.priority.orderbook");
        assertEquals(RealtimePriority.LOW, requests.get(1).priority(), "an explicit priority wins");
        assertEquals(RealtimePriority.NORMAL, requests.get(2).priority(), "default for ticker");
    }

    @Test
    void should_never_pass_client_headers_towards_the_router() {
        answerWith(DataSource.REST, RoutingReason.CACHE_MISS, 0, "rest_ticker.json", null);

        http.get("/v1/ticker?markets=KRW-BTC", Map.of("Origin", "https://evil.example", "X-Custom", "1"));

        assertEquals(1, headersSeenByRouter.size());
        assertTrue(headersSeenByRouter.get(0).isEmpty(), "headers the router saw: " + headersSeenByRouter.get(0));
    }

    @Test
    void should_refuse_bad_input_with_400_naming_the_field() {
        answerWith(DataSource.REST, RoutingReason.CACHE_MISS, 0, "rest_ticker.json", null);
        Map<String, String> badRequests = Map.ofEntries(
                Map.entry("/v1/ticker", "markets"),
                Map.entry("/v1/ticker?markets=btc", "markets"),
                Map.entry("/v1/candles/minutes/7?market=KRW-BTC", "unit"),
                Map.entry("/v1/candles/days?market=KRW-BTC&count=0", "count"),
                Map.entry("/v1/candles/days?market=KRW-BTC&count=x", "count"),
                Map.entry("/v1/candles/days?market=KRW-BTC&to=yesterday", "to"),
                Map.entry("/v1/trades/ticks?market=KRW-BTC&to=25:00:00", "to"),
                Map.entry("/v1/orderbook?markets=KRW-BTC&level=-1", "level"),
                Map.entry("/v1/orderbook?markets=KRW-BTC&count=31", "count"),
                Map.entry("/v1/trades/ticks?market=KRW-BTC&cursor=1e5", "cursor"),
                Map.entry("/v1/trades/ticks?market=KRW-BTC&days_ago=8", "days_ago"),
                Map.entry("/v1/candles/days?market=KRW-BTC&converting_price_unit=1", "converting_price_unit"),
                Map.entry("/v1/ticker?markets=KRW-BTC&priority=urgent", "priority"));
        badRequests.forEach((path, field) -> {
            HttpResponse<String> response = http.get(path);
            assertEquals(400, response.statusCode(), path);
            JsonNode error = HttpAnswers.json(response).get("error");
            assertEquals("invalid_parameter", error.get("name").asText(), path);
            assertTrue(error.get("message").asText().startsWith(field + ":"), path + " -> " + error);
        });
        assertTrue(requests.isEmpty(), "nothing reached the router");
    }

    @Test
    void should_answer_400_when_the_router_refuses_the_request() {
        failWith(new InvalidRequestException("count", "too many"));

        HttpResponse<String> response = http.get("/v1/candles/minutes/1?market=KRW-BTC&count=5000");

        assertEquals(400, response.statusCode());
        assertEquals("count: too many", HttpAnswers.json(response).at("/error/message").asText());
    }

    @Test
    void should_pass_the_exchange_404_for_an_unknown_market() {
        String upbit404 = "{\"error\":{\"name\":404,\"message\":\"Code not found\"}}";
        failWith(new UpstreamErrorException(404, "404", "upstream answered 404", upbit404));

        HttpResponse<String> response = http.get("/v1/ticker?markets=KRW-NOPE");

        assertEquals(404, response.statusCode());
        assertEquals(upbit404, response.body());
    }

    @Test
    void should_answer_429_with_retry_after_when_rate_limited() {
        failWith(new RateLimitedException("ticker", 1500, null));

        HttpResponse<String> response = http.get("/v1/ticker?markets=KRW-BTC");

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("too_many_requests", HttpAnswers.json(response).at("/error/name").asText());
    }

    @Test
    void should_answer_503_when_upstream_is_banned_or_unreachable() {
        failWith(new UpstreamUnavailableException("upstream_banned", "banned for 60 s", 60_000, null));
        HttpResponse<String> banned = http.get("/v1/orderbook?markets=KRW-BTC");
        assertEquals(503, banned.statusCode());
        assertEquals("60", banned.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("upstream_banned", HttpAnswers.json(banned).at("/error/name").asText());

        failWith(new IllegalStateException("wrapped", new java.net.ConnectException("Connection refused")));
        HttpResponse<String> unreachable = http.get("/v1/orderbook?markets=KRW-BTC");
        assertEquals(503, unreachable.statusCode());
        assertEquals("upstream_unreachable", HttpAnswers.json(unreachable).at("/error/name").asText());
    }

    @Test
    void should_answer_500_in_upbit_error_shape_for_an_unexpected_failure() {
        failWith(new IllegalStateException("boom"));

        HttpResponse<String> response = http.get("/v1/ticker?markets=KRW-BTC");

        assertEquals(500, response.statusCode());
        assertEquals("internal_error", HttpAnswers.json(response).at("/error/name").asText());
        assertFalse(response.headers().firstValue("X-Data-Source").isPresent());
    }

    @Test
    void should_pass_market_all_through_without_client_headers() {
        HttpResponse<String> response = http.get("/v1/market/all?is_details=true",
                Map.of("Origin", "https://evil.example", "X-Custom", "1"));

        assertEquals(200, response.statusCode());
        assertEquals("비트코인", HttpAnswers.json(response).get(0).get("korean_name").asText());
        assertEquals("group=market; min=600; sec=9", response.headers().firstValue("Remaining-Req").orElseThrow());
        assertEquals("is_details=true", upstreamHeaders.get("query"));
        assertNull(upstreamHeaders.get("origin"), "Origin reached upstream: " + upstreamHeaders);
        assertNull(upstreamHeaders.get("x-custom"), "X-Custom reached upstream: " + upstreamHeaders);
    }

    @Test
    void should_relay_upstream_refusal_of_market_all() {
        upstreamStatus = 404;

        HttpResponse<String> response = http.get("/v1/market/all");

        assertEquals(404, response.statusCode());
        assertEquals(404, HttpAnswers.json(response).at("/error/name").asInt());
    }

    @Test
    void should_answer_503_when_market_all_upstream_is_unreachable() {
        upstream.stop(0);
        upstream = null;

        HttpResponse<String> response = http.get("/v1/market/all");

        assertEquals(503, response.statusCode());
        assertEquals("upstream_unavailable", HttpAnswers.json(response).at("/error/name").asText());
    }
}
