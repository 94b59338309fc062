package io.upbitrouter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * A caller owns its answer: changing an item it got, from the stream cache or from the closed-candle store,
 * changes nothing another caller gets next.
 */
class AnswersAreCopiesIT {

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static SmartRouter router;

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(3).tradesPerSecond(0).requestsPerSecond(1000)
                .build().start();
        module = new RunningModule(sim, Map.of());
        router = module.context().getRegistry().lookupByNameAndType("upbitSmartRouter", SmartRouter.class);
    }

    @AfterAll
    static void stop() {
        module.close();
        sim.stop();
    }

    private static SymbolResult ticker() {
        try {
            return router.getTicker(List.of("KRW-BTC")).get(20, TimeUnit.SECONDS).results().get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_not_let_a_caller_change_what_the_stream_cache_serves_next() {
        RunningModule.awaitUntil("a ticker from the stream cache", Duration.ofSeconds(15),
                () -> ticker().source() == DataSource.WEBSOCKET_CACHE);
        SymbolResult first = ticker();
        String price = first.items().get(0).get("trade_price").asText();

        ((ObjectNode) first.items().get(0)).put("trade_price", 1).put("market", "KRW-CHANGED");

        SymbolResult next = ticker();
        assertEquals(DataSource.WEBSOCKET_CACHE, next.source());
        assertEquals(price, next.items().get(0).get("trade_price").asText());
        assertEquals("KRW-BTC", next.items().get(0).get("market").asText());
        assertNotSame(first.items().get(0), next.items().get(0));
    }

    @Test
    void should_not_let_a_caller_change_the_closed_candles_held_for_history() throws Exception {
        MarketDataResponse first = router.getCandles(List.of("KRW-BTC"), "1m", 5, null).get(20, TimeUnit.SECONDS);
        String open = first.results().get(0).items().get(4).get("opening_price").asText();
        first.results().get(0).items().forEach(item -> ((ObjectNode) item).put("opening_price", -1));

        MarketDataResponse next = router.getCandles(List.of("KRW-BTC"), "1m", 5, null).get(20, TimeUnit.SECONDS);
        assertEquals(open, next.results().get(0).items().get(4).get("opening_price").asText());
        assertNotEquals("-1", next.results().get(0).items().get(0).get("opening_price").asText());
    }
}
