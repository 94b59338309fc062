package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.model.UpstreamErrorException;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Java API on the assembled module against the simulator: answers, priorities and failed futures. */
class SmartRouterIT {

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static SmartRouter router;
    private static HttpAnswers upstream;

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(5).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of("upbit.ws.enabled", "false"));
        router = module.context().getRegistry().lookupByNameAndType("upbitSmartRouter", SmartRouter.class);
        upstream = new HttpAnswers("http://127.0.0.1:" + sim.port());
    }

    @AfterAll
    static void stop() {
        module.close();
        sim.stop();
    }

    private static MarketDataResponse await(CompletableFuture<MarketDataResponse> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static void assertItemsAsUpstream(String pathAndQuery, SymbolResult result) {
        JsonNode expected = HttpAnswers.json(upstream.get(pathAndQuery));
        assertEquals(expected.size(), result.items().size(), pathAndQuery);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), result.items().get(i), pathAndQuery + " item " + i);
        }
    }

    @Test
    void should_answer_tickers_in_the_order_asked() throws Exception {
        MarketDataResponse response = await(router.getTicker(List.of("KRW-ETH", "KRW-BTC")));

        assertEquals(List.of("KRW-ETH", "KRW-BTC"), response.results().stream().map(SymbolResult::symbol).toList());
        assertItemsAsUpstream("/v1/ticker?markets=KRW-ETH", response.results().get(0));
        assertEquals(RoutingReason.WS_DISABLED, response.results().get(0).reason());
    }

    @Test
    void should_answer_candles_with_count_and_to() throws Exception {
        JsonNode latest = HttpAnswers.json(upstream.get("/v1/candles/minutes/1?market=KRW-BTC&count=2"));
        String to = latest.get(1).get("candle_date_time_utc").asText();

        MarketDataResponse response = await(router.getCandles(List.of("KRW-BTC"), CandleInterval.MINUTES_1, 3,
                Instant.parse(to + "Z")));

        assertItemsAsUpstream("/v1/candles/minutes/1?market=KRW-BTC&count=3&to=" + to, response.results().get(0));
        assertEquals(DataSource.REST, response.results().get(0).source());
    }

    @Test
    void should_answer_candles_by_interval_code_trades_and_orderbook() throws Exception {
        assertItemsAsUpstream("/v1/candles/days?market=KRW-ETH&count=2",
                await(router.getCandles(List.of("KRW-ETH"), "1d", 2, null)).results().get(0));
        assertItemsAsUpstream("/v1/trades/ticks?market=KRW-ETH&count=4",
                await(router.getTrades(List.of("KRW-ETH"), 4, null)).results().get(0));
        assertItemsAsUpstream("/v1/orderbook?markets=KRW-BTC",
                await(router.getOrderbook(List.of("KRW-BTC"), RealtimePriority.HIGH)).results().get(0));
    }

    @Test
    void should_fail_the_future_with_the_router_exception() {
        ExecutionException invalid = assertThrows(ExecutionException.class,
                () -> await(router.getCandles(List.of("KRW-BTC"), CandleInterval.MINUTES_1, 0, null)));
        assertEquals("count", assertInstanceOf(InvalidRequestException.class, invalid.getCause()).field());

        ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> await(router.getTicker(List.of("KRW-NOPE"))));
        assertEquals(404, assertInstanceOf(UpstreamErrorException.class, unknown.getCause()).httpStatus());

        ExecutionException interval = assertThrows(ExecutionException.class,
                () -> await(router.getCandles(List.of("KRW-BTC"), "7m", 1, null)));
        assertEquals(400, assertInstanceOf(MarketDataException.class, interval.getCause()).httpStatus());
    }
}
