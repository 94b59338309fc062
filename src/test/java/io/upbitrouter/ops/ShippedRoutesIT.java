package io.upbitrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each YAML file shipped in {@code routes/} loads through {@code camel.main.routes-include-pattern}
 * into the running module and does what its comment says. The files are used as shipped; only the
 * target endpoints their placeholders name are pointed at mock endpoints.
 */
class ShippedRoutesIT {

    private static final ObjectMapper JSON = io.upbitrouter.protocol.ExactJson.MAPPER;
    private UpbitSimulator sim;
    private RunningModule module;

    @BeforeEach
    void startSimulator() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP")).seed(9).tradesPerSecond(20)
                .requestsPerSecond(1000).build().start();
    }

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
        sim.stop();
    }

    private void startWith(String files, Map<String, String> extra) throws Exception {
        assertTrue(new File("routes").isDirectory(), "run from the project root");
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.put("camel.main.routes-include-pattern", files);
        module = new RunningModule(sim, properties);
    }

    @Test
    void should_ship_only_files_that_load_together() throws Exception {
        startWith("file:routes/*.yaml", Map.of());

        for (String routeId : List.of("upbit-example-keep-warm", "upbit-example-ticker-updates",
                "upbit-example-ticker-line", "upbit-example-ticker-throughput", "upbit-example-decisions",
                "upbit-example-decisions-log")) {
            assertTrue(module.context().getRouteController().getRouteStatus(routeId).isStarted(), routeId);
        }
    }

    @Test
    void should_keep_the_listed_symbols_in_the_cache_without_any_request() throws Exception {
        startWith("file:routes/keep-warm.yaml", Map.of("upbit.examples.warm-symbols", "KRW-ETH,KRW-XRP"));
        RealtimeCache cache = module.context().getRegistry().lookupByNameAndType("upbitRealtimeCache", RealtimeCache.class);

        RunningModule.awaitUntil("warm tickers cached", Duration.ofSeconds(15),
                () -> cache.get(MarketKey.ticker("KRW-ETH")).isPresent() && cache.get(MarketKey.ticker("KRW-XRP")).isPresent());

        assertTrue(cache.get(MarketKey.ticker("KRW-BTC")).isEmpty(), "an unlisted market is not subscribed");
        assertEquals("websocket", module.http().get("/v1/ticker?markets=KRW-ETH,KRW-XRP")
                .headers().firstValue("X-Data-Source").orElseThrow());
    }

    @Test
    void should_forward_each_ticker_update_as_one_line() throws Exception {
        startWith("file:routes/keep-warm.yaml,file:routes/ticker-updates.yaml",
                Map.of("upbit.examples.ticker-updates.to", "mock:ticker-lines"));
        MockEndpoint lines = module.context().getEndpoint("mock:ticker-lines", MockEndpoint.class);
        lines.expectedMinimumMessageCount(3);

        lines.assertIsSatisfied(15_000);

        for (Exchange line : lines.getReceivedExchanges()) {
            String body = line.getMessage().getBody(String.class);
            assertEquals("ticker", line.getMessage().getHeader("UpbitType"));
            String symbol = line.getMessage().getHeader("UpbitSymbol", String.class);
            assertTrue(List.of("KRW-BTC", "KRW-ETH").contains(symbol), symbol);
            assertTrue(body.startsWith(symbol + " ticker at "), body);
            JsonNode item = JSON.readTree(body.substring(body.indexOf(": ") + 2));
            assertEquals(symbol, item.get("market").asText());
            assertTrue(item.has("trade_price") && item.has("acc_trade_volume_24h"), body);
        }
    }

    @Test
    void should_forward_each_routing_decision() throws Exception {
        startWith("file:routes/decisions.yaml", Map.of("upbit.examples.decisions.to", "mock:decisions",
                "upbit.ws.enabled", "false"));
        MockEndpoint decisions = module.context().getEndpoint("mock:decisions", MockEndpoint.class);
        decisions.expectedMessageCount(2);

        assertEquals(200, module.http().get("/v1/ticker?markets=KRW-BTC,KRW-ETH").statusCode());
        assertEquals(200, module.http().get("/v1/candles/days?market=KRW-XRP&count=2").statusCode());

        decisions.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        // the tap's seda consumers are fed through Camel's parallel multicast: records of two requests may arrive in either order
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (Exchange record : decisions.getReceivedExchanges()) {
            JsonNode decision = JSON.readTree(record.getMessage().getBody(String.class));
            byType.put(decision.get("type").asText(), decision);
        }
        assertEquals(java.util.Set.of("TICKER", "CANDLES"), byType.keySet());
        JsonNode ticker = byType.get("TICKER");
        assertEquals("KRW-ETH", ticker.at("/results/1/symbol").asText());
        assertEquals("WS_DISABLED", ticker.at("/results/0/reason").asText());
        JsonNode candles = byType.get("CANDLES");
        assertEquals("rest", candles.at("/results/0/source").asText());
    }

    @Test
    void should_log_the_decisions_beyond_the_cache_and_make_no_record_of_a_cache_hit() throws Exception {
        startWith("file:routes/keep-warm.yaml,file:routes/decisions.yaml", Map.of(
                "upbit.examples.decisions.to", "mock:decisions", "upbit.examples.warm-symbols", "KRW-ETH"));
        org.apache.camel.CamelContext context = module.context();
        RealtimeCache cache = context.getRegistry().lookupByNameAndType("upbitRealtimeCache", RealtimeCache.class);
        RunningModule.awaitUntil("the warm ticker cached", Duration.ofSeconds(15),
                () -> cache.get(MarketKey.ticker("KRW-ETH")).isPresent());
        MockEndpoint decisions = context.getEndpoint("mock:decisions", MockEndpoint.class);
        // the records the template's route takes, forwarded or not
        org.apache.camel.builder.NotifyBuilder takenFirst = new org.apache.camel.builder.NotifyBuilder(context)
                .fromRoute("upbit-example-decisions").whenDone(1).create();
        org.apache.camel.processor.FilterProcessor tapped =
                context.getProcessor("decisions-wanted", org.apache.camel.processor.FilterProcessor.class);
        org.apache.camel.ProducerTemplate producer = context.createProducerTemplate();
        io.upbitrouter.routing.RequestValidator validator = context.getRegistry().lookupByNameAndType(
                "upbitRequestValidator", io.upbitrouter.routing.RequestValidator.class);

        // through the route, on this thread: a hit is wanted by no consumer, so the route makes no record of it
        long before = tapped.getFilteredCount();
        io.upbitrouter.model.MarketDataResponse hit = producer.requestBody("direct:upbit-market-data",
                validator.fromStrings("TICKER", "KRW-ETH", null, null, null, "NORMAL"),
                io.upbitrouter.model.MarketDataResponse.class);
        assertEquals(io.upbitrouter.model.DataSource.WEBSOCKET_CACHE, hit.results().get(0).source());
        assertEquals(before, tapped.getFilteredCount(), "no record of a cache hit");
        assertEquals(200, module.http().get("/v1/candles/days?market=KRW-XRP&count=2").statusCode());
        assertEquals(before + 1, tapped.getFilteredCount(), "a record of an answer from REST");
        assertTrue(takenFirst.matches(10, TimeUnit.SECONDS), "the template's route took the record");

        // a user's own consumer of the queue declares nothing: records of hits are made for it, and the template's
        // route, which the queue hands them too, still forwards only what it asked for
        MockEndpoint all = context.getEndpoint("mock:all-decisions", MockEndpoint.class);
        all.expectedMessageCount(2);
        org.apache.camel.builder.NotifyBuilder taken = new org.apache.camel.builder.NotifyBuilder(context)
                .fromRoute("upbit-example-decisions").whenDone(2).create();
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from(io.upbitrouter.api.UpbitRouterConstants.DECISIONS).routeId("users-own-decisions").to("mock:all-decisions");
            }
        });
        java.net.http.HttpResponse<String> facadeHit = module.http().get("/v1/ticker?markets=KRW-ETH");
        assertEquals("websocket", facadeHit.headers().firstValue("X-Data-Source").orElseThrow());
        assertEquals(200, module.http().get("/v1/candles/days?market=KRW-BTC&count=2").statusCode());

        all.assertIsSatisfied(10_000);
        assertTrue(taken.matches(10, TimeUnit.SECONDS), "the template's route took both records");
        assertEquals(2, decisions.getReceivedCounter(), "the two answers from REST, not the hit");
        for (Exchange record : decisions.getReceivedExchanges()) {
            JsonNode decision = JSON.readTree(record.getMessage().getBody(String.class));
            assertEquals("CANDLES", decision.get("type").asText());
            assertEquals("rest", decision.at("/results/0/source").asText());
            assertEquals("rest", record.getMessage().getHeader("UpbitSources"));
        }
    }

    @Test
    void should_poll_with_the_template_and_run_the_readme_route(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("poll.yaml"), String.join("\n",
                "- templatedRoute:",
                "    routeTemplateRef: upbit-poll",
                "    routeId: poll-eth-candles",
                "    parameters:",
                "      - { name: type, value: CANDLES }",
                "      - { name: symbols, value: KRW-ETH }",
                "      - { name: interval, value: 5m }",
                "      - { name: count, value: \"3\" }",
                "      - { name: priority, value: LOW }",
                "      - { name: period, value: \"60000\" }",
                "      - { name: to, value: \"mock:polled\" }",
                "- route:",
                "    from:",
                "      uri: timer:btc?period=60000",
                "      steps:",
                "        - setBody:",
                "            expression:",
                "              simple:",
                "                expression: \"${bean:upbitRequestValidator?method=fromStrings('CANDLES','KRW-BTC','1m','5',null,'NORMAL')}\"",
                "        - to: direct:upbit-market-data",
                "        - to: mock:readme",
                ""));
        startWith("file:" + dir.toAbsolutePath() + "/*.yaml", Map.of("upbit.ws.enabled", "false"));
        MockEndpoint polled = module.context().getEndpoint("mock:polled", MockEndpoint.class);
        MockEndpoint readme = module.context().getEndpoint("mock:readme", MockEndpoint.class);
        polled.expectedMessageCount(1);
        readme.expectedMessageCount(1);

        MockEndpoint.assertIsSatisfied(10, TimeUnit.SECONDS, polled, readme);

        JsonNode candles = JSON.readTree(polled.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertEquals(3, candles.size());
        assertEquals("KRW-ETH", candles.get(0).get("market").asText());
        assertEquals(5, candles.get(0).get("unit").asInt());
        io.upbitrouter.model.MarketDataResponse response = readme.getReceivedExchanges().get(0).getMessage()
                .getBody(io.upbitrouter.model.MarketDataResponse.class);
        assertEquals(5, response.results().get(0).items().size());
    }
}
