package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole module under Camel Main against the simulator: a ticker asked twice is answered first from REST
 * (a miss, which subscribes the symbol), then from the cache the stream filled, and each answer says so.
 */
class RealtimeEndToEndIT {

    private static final String REQUESTS = "direct:upbit-market-data";

    @Test
    void should_answer_a_ticker_first_from_rest_then_from_the_stream_cache() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).historyDays(1)
                .build().start()) {
            Main main = new Main();
            UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
            UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
            main.addOverrideProperty("upbit.rest.base-url", sim.restBaseUrl());
            main.addOverrideProperty("upbit.ws.url", sim.wsUrl());
            main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:none-for-this-test/*.yaml");
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                StreamStatus status = context.getRegistry().lookupByNameAndType("upbitStreamStatus", StreamStatus.class);
                // nothing asked yet: the stream is idle, not connected, and the first request is a plain cache miss
                assertTrue(status.isIdle());
                MarketDataRequest ticker = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null);

                SymbolResult first = context.createProducerTemplate().requestBody(REQUESTS, ticker, MarketDataResponse.class)
                        .results().get(0);
                assertEquals(DataSource.REST, first.source());
                assertEquals(RoutingReason.CACHE_MISS, first.reason());

                RealtimeCache cache = context.getRegistry().lookupByNameAndType("upbitRealtimeCache", RealtimeCache.class);
                awaitUntil(() -> cache.get(MarketKey.ticker("KRW-BTC")).isPresent() && status.isHealthy());
                SymbolResult second = context.createProducerTemplate().requestBody(REQUESTS, ticker, MarketDataResponse.class)
                        .results().get(0);
                assertEquals(DataSource.WEBSOCKET_CACHE, second.source());
                assertEquals(RoutingReason.CACHE_FRESH, second.reason());
                assertEquals("KRW-BTC", second.items().get(0).get("market").asText());
                assertEquals(first.items().get(0).get("trade_price").asDouble(), second.items().get(0).get("trade_price").asDouble());
                assertTrue(second.items().get(0).has("trade_date_kst") && !second.items().get(0).has("code"));
            } finally {
                main.stop();
            }
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        io.upbitrouter.testsupport.Await.until("condition", Duration.ofSeconds(15), condition);
    }
}
