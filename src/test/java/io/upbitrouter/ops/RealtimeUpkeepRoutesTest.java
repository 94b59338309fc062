package io.upbitrouter.ops;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.ws.RealtimeTestSupport;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.caffeine.CaffeineConstants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled upkeep routes and the caffeine-cache endpoint working on the realtime cache's own entries. */
class RealtimeUpkeepRoutesTest extends RealtimeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = baseProperties("ws://127.0.0.1:9/websocket/v1");
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.cache.upkeep-period-ms", "50");
        p.setProperty("upbit.ws.idle-check-period-ms", "50");
        p.setProperty("upbit.ws.idle-unsubscribe-ms", "60000");
        return p;
    }

    private CachedMarketData ticker(String market, long timestamp) {
        return new CachedMarketData(MarketKey.ticker(market), JsonNodeFactory.instance.objectNode().put("market", market),
                timestamp, clock.millis(), null);
    }

    @Test
    void should_read_the_realtime_entries_through_the_caffeine_cache_endpoint() {
        CachedMarketData entry = ticker("KRW-BTC", 1);
        cache().offer(entry);
        Object read = template.requestBodyAndHeaders(UpbitRouterConstants.REALTIME_CACHE, null,
                Map.of(CaffeineConstants.ACTION, CaffeineConstants.ACTION_GET, CaffeineConstants.KEY, "ticker:KRW-BTC")); // the key's text, as a YAML route sets it
        assertSame(entry, read);
    }

    @Test
    void should_clean_up_expired_entries_and_report_figures() {
        cache().offer(ticker("KRW-BTC", 1));
        cache().offer(ticker("KRW-ETH", 1));
        cache().get(MarketKey.ticker("KRW-BTC"));
        cache().get(MarketKey.ticker("KRW-XRP"));
        clock.advance(Duration.ofSeconds(61));
        NotifyBuilder cleaned = new NotifyBuilder(context).fromRoute("upbit-cache-upkeep").whenDone(1).create();
        assertTrue(cleaned.matches(10, TimeUnit.SECONDS));
        assertEquals(0, cache().figures().size());
        assertEquals(2, cache().figures().evictions());
        assertEquals(1, cache().figures().hits());
        assertEquals(1, cache().figures().misses());
    }

    @Test
    void should_unsubscribe_symbols_nobody_asked_for_within_the_idle_time() {
        subscriptions().demand(MarketDataType.TICKER, null, "KRW-ETH");
        subscriptions().demand(MarketDataType.TICKER, null, "KRW-BTC");
        clock.advance(Duration.ofSeconds(50));
        cache().get(MarketKey.ticker("KRW-BTC")); // a read keeps the symbol wanted
        clock.advance(Duration.ofSeconds(11));
        NotifyBuilder checked = new NotifyBuilder(context).fromRoute("upbit-ws-idle-unsubscribe").whenDone(1).create();
        assertTrue(checked.matches(10, TimeUnit.SECONDS));
        assertEquals(java.util.Set.of("KRW-BTC"), subscriptions().codes("ticker"));
    }
}
