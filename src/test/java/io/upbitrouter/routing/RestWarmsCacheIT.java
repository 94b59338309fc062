package io.upbitrouter.routing;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.rest.FakeUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code upbit.router.warm-cache-from-rest}, single latest items fetched by REST are offered to the realtime cache. */
class RestWarmsCacheIT extends RouterTestSupport {

    private static FakeUpstream upstream;
    private final TestRealtimeCache cache = new TestRealtimeCache();
    private final TestStream stream = new TestStream();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", upstream.baseUrl());
        p.setProperty("upbit.router.warm-cache-from-rest", "true");
        return p;
    }

    @Override
    protected void bindStreamBeans(org.apache.camel.spi.Registry registry) {
        registry.bind("upbitRealtimeCache", cache);
        registry.bind("upbitStreamStatus", stream);
    }

    @Test
    void should_offer_a_rest_answer_to_the_cache_with_the_items_timestamp_and_not_history() {
        stream.healthy = false;
        var r = ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null));
        assertEquals(RoutingReason.WS_UNHEALTHY, r.results().get(0).reason());
        CachedMarketData entry = cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow();
        assertEquals(r.results().get(0).items().get(0).get("timestamp").asLong(), entry.eventTimeMillis());
        assertEquals(r.results().get(0).items().get(0), entry.restShape());

        ask(new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.MINUTES_1, 1, null, null));
        assertTrue(cache.get(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC")).isPresent());
        ask(new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-ETH"), CandleInterval.MINUTES_1, 5, null, null));
        assertTrue(cache.get(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-ETH")).isEmpty(), "history is not the latest item");
    }
}
