package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.ws.MarketUpdateInterest;
import io.upbitrouter.ws.MarketUpdateInterestPolicy;
import io.upbitrouter.ws.StreamIngest;
import io.upbitrouter.ws.SubscriptionDemand;

import java.time.Duration;
import java.util.Set;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market-update tap hands each stored item to its queue as the cached Jackson tree; the
 * {@code upbit-forward-market-updates} template sends the items of its type and symbols on as JSON text, from a queue
 * of its own the stream feeds. The stream taps an item to the market updates only when a consuming route wants it: a
 * route that declares tickers gets tickers, a route of the user's own that declares nothing gets every item.
 */
class MarketDataTapsIT {

    private static final ObjectMapper JSON = io.upbitrouter.protocol.ExactJson.MAPPER;
    private UpbitSimulator sim;
    private RunningModule module;

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    @Test
    void should_hand_the_tree_to_the_queue_and_forward_json_text() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(5).tradesPerSecond(20)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of("camel.main.routes-include-pattern", "file:routes/keep-warm.yaml",
                "test.forward.symbols", "KRW-ETH"));
        module.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_UPDATES).routeId("test-raw-updates").to("mock:raw");
            }
        });
        TemplatedRouteBuilder.builder(module.context(), UpbitRouteTemplates.FORWARD_MARKET_UPDATES)
                .routeId("test-forward-eth").parameter("type", "ticker")
                // a placeholder, as a YAML file may give it: the stream's feed selects with its value
                .parameter("symbols", "{{test.forward.symbols}}")
                .parameter("to", "mock:forwarded").add();
        MockEndpoint raw = module.context().getEndpoint("mock:raw", MockEndpoint.class);
        MockEndpoint forwarded = module.context().getEndpoint("mock:forwarded", MockEndpoint.class);
        raw.expectedMinimumMessageCount(3);
        forwarded.expectedMinimumMessageCount(2);

        MockEndpoint.assertIsSatisfied(15, java.util.concurrent.TimeUnit.SECONDS, raw, forwarded);

        for (Exchange update : raw.getReceivedExchanges()) {
            ObjectNode item = assertInstanceOf(ObjectNode.class, update.getMessage().getBody());
            assertEquals(update.getMessage().getHeader("UpbitSymbol"), item.get("market").asText());
        }
        for (Exchange update : forwarded.getReceivedExchanges()) {
            String text = assertInstanceOf(String.class, update.getMessage().getBody());
            JsonNode item = JSON.readTree(text);
            assertEquals("KRW-ETH", item.get("market").asText());
            assertEquals("KRW-ETH", update.getMessage().getHeader("UpbitSymbol"));
            assertEquals("ticker", update.getMessage().getHeader("UpbitType"));
        }
    }

    @Test
    void should_tap_for_declared_routes_only_what_they_asked_for_and_everything_for_an_undeclared_route() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(7).tradesPerSecond(20)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of("camel.main.routes-include-pattern", "file:routes/keep-warm.yaml"));
        CamelContext context = module.context();
        SubscriptionDemand demand = context.getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, SubscriptionDemand.class);
        MarketUpdateInterest interest = context.getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST, MarketUpdateInterest.class);
        for (String market : List.of("KRW-BTC", "KRW-ETH")) {
            demand.demand(MarketDataType.TRADES, null, market);
            demand.demand(MarketDataType.ORDERBOOK, null, market);
        }
        StreamIngest ingest = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
        int handOvers = ingest.handOvers();
        TemplatedRouteBuilder.builder(context, UpbitRouteTemplates.FORWARD_MARKET_UPDATES)
                .routeId("test-forward-tickers").parameter("type", "ticker").parameter("to", "mock:tickers").add();
        assertEquals(handOvers + 1, ingest.handOvers(), "the template's route is fed by the stream through a queue of its own");
        assertFalse(context.getRoute("test-forward-tickers").getEndpoint().getEndpointUri().contains("upbit-market-updates"));
        // a route of the user's own that declares tickers (the policy the template and the Kamelets use): what the
        // queue carries reaches it unfiltered, so it sees exactly what the stream taps
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_UPDATES).routeId("test-declared-tickers")
                        .routePolicy(new MarketUpdateInterestPolicy("ticker", null, "all")).to("mock:declared");
            }
        });
        MockEndpoint forwarded = context.getEndpoint("mock:tickers", MockEndpoint.class);
        MockEndpoint declared = context.getEndpoint("mock:declared", MockEndpoint.class);

        // trades and orderbooks flow (the cache stores them) while only declared routes consume
        RealtimeCache cache = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        Await.until("a trade and an orderbook stored", Duration.ofSeconds(15),
                () -> cache.get(MarketKey.trade("KRW-ETH")).isPresent() && cache.get(MarketKey.orderbook("KRW-ETH")).isPresent());
        long tradeTime = cache.get(MarketKey.trade("KRW-ETH")).map(CachedMarketData::eventTimeMillis).orElseThrow();
        Await.until("later trades stored", Duration.ofSeconds(15),
                () -> cache.get(MarketKey.trade("KRW-ETH")).map(e -> e.eventTimeMillis() > tradeTime).orElse(false));
        forwarded.expectedMinimumMessageCount(5);
        declared.expectedMinimumMessageCount(5);
        MockEndpoint.assertIsSatisfied(15, java.util.concurrent.TimeUnit.SECONDS, forwarded, declared);
        assertEquals(Set.of("ticker"), types(declared), "no trade or orderbook was tapped for routes that asked for tickers");
        assertFalse(interest.wanted(MarketKey.trade("KRW-ETH")));
        assertEquals(Set.of("ticker"), types(forwarded));

        // a route of the user's own that declares nothing gets every item, as before (and so then does every route)
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_UPDATES).routeId("test-all-updates").to("mock:all");
            }
        });
        MockEndpoint all = context.getEndpoint("mock:all", MockEndpoint.class);
        Await.until("trades, orderbooks and tickers on the undeclared route", Duration.ofSeconds(15),
                () -> types(all).containsAll(Set.of("ticker", "trade", "orderbook")));
        Await.until("the declared route too now", Duration.ofSeconds(15), () -> types(declared).contains("trade"));
        assertEquals(Set.of("ticker"), types(forwarded), "the template's route still gets tickers only");

        context.getRouteController().stopRoute("test-forward-tickers");
        context.removeRoute("test-forward-tickers");
        assertEquals(handOvers, ingest.handOvers(), "a removed route is no longer fed");
    }

    private static Set<String> types(MockEndpoint mock) {
        Set<String> types = new java.util.TreeSet<>();
        List.copyOf(mock.getReceivedExchanges()).forEach(e -> types.add(e.getMessage().getHeader(UpbitRouterConstants.TYPE, String.class)));
        return types;
    }

}
