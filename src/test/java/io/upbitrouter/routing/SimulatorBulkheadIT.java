package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.testsupport.Await;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that wait for the exchange (the simulator's slow-REST fault) fill a small bulkhead (2 threads, 2 queued):
 * the next such request is refused at once with 429 and a Retry-After, and a cache hit is answered while they
 * all still wait.
 */
class SimulatorBulkheadIT extends SlowExchangeTestSupport {

    @Override
    protected long deadlineMillis() {
        return 60000;
    }

    @Test
    void should_refuse_past_the_bulkhead_and_answer_cache_hits_while_it_is_full() throws Exception {
        long now = System.currentTimeMillis();
        cache.offer(new CachedMarketData(MarketKey.of(MarketDataType.TICKER, null, "KRW-BTC"),
                JsonNodeFactory.instance.objectNode().put("market", "KRW-BTC"), now, now, null));
        sim.faults().slowRest(Duration.ofSeconds(10));

        List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(template.asyncSend(UpbitRouterConstants.MARKET_DATA, ex -> ex.getMessage().setBody(lowTrades("KRW-ETH"))));
        }
        // two on the bulkhead's threads (the group's first call at the exchange, the next one waiting for its answer
        // before the budget lets a second go), two in its queue
        Await.until("a request at the exchange and 4 in the request route", Duration.ofSeconds(10),
                () -> sim.counters().requests("trade") == 1
                        && context.getInflightRepository().size(UpbitRouterConstants.MARKET_DATA_ROUTE_ID) == 4);

        RateLimitedException full = assertThrows(RateLimitedException.class, () -> ask(lowTrades("KRW-BTC")));
        assertEquals(429, full.httpStatus());
        assertEquals(1000, full.retryAfterMillis());

        MarketDataResponse cached = ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null));
        assertEquals(DataSource.WEBSOCKET_CACHE, cached.results().get(0).source());
        // the slow exchange has not answered any of the four: the cache hit did not wait behind them
        assertEquals(4, context.getInflightRepository().size(UpbitRouterConstants.MARKET_DATA_ROUTE_ID));
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));
        assertEquals(1, sim.counters().requests("trade"), "nothing more went upstream");
    }
}
