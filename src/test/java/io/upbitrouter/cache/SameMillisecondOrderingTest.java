package io.upbitrouter.cache;

import io.upbitrouter.protocol.MarketKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several items in one millisecond: trades by {@code (timestamp, sequential_id)}, tickers by {@code acc_trade_volume},
 * candles by {@code candle_acc_trade_volume}, orderbooks by content; in order, out of order, and under racing writers.
 */
class SameMillisecondOrderingTest {

    private static final long MS = 1_700_000_000_123L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CaffeineRealtimeCache cache = new CaffeineRealtimeCache(CaffeineRealtimeCache.newEntries(clock, 60, 1000));

    private CachedMarketData trade(long timestamp, long sequentialId, String price) {
        ObjectNode item = ExactJson.MAPPER.createObjectNode().put("market", "KRW-BTC").put("timestamp", timestamp)
                .put("trade_price", new BigDecimal(price)).put("sequential_id", sequentialId);
        return CachedMarketData.of(MarketKey.trade("KRW-BTC"), item, clock.millis());
    }

    private CachedMarketData ticker(long timestamp, String accVolume) {
        ObjectNode item = ExactJson.MAPPER.createObjectNode().put("market", "KRW-BTC").put("timestamp", timestamp)
                .put("acc_trade_volume", new BigDecimal(accVolume));
        return CachedMarketData.of(MarketKey.ticker("KRW-BTC"), item, clock.millis());
    }

    private CachedMarketData orderbook(long timestamp, String bestAsk) {
        ObjectNode item = ExactJson.MAPPER.createObjectNode().put("market", "KRW-BTC").put("timestamp", timestamp);
        item.putArray("orderbook_units").addObject().put("ask_price", new BigDecimal(bestAsk));
        return CachedMarketData.of(MarketKey.orderbook("KRW-BTC"), item, clock.millis());
    }

    private long latestSequentialId() {
        return cache.get(MarketKey.trade("KRW-BTC")).orElseThrow().restShape().get("sequential_id").asLong();
    }

    @Test
    void should_keep_the_last_fill_of_a_millisecond_when_fills_arrive_in_order() {
        assertTrue(cache.offer(trade(MS, MS * 1000, "100")));
        assertTrue(cache.offer(trade(MS, MS * 1000 + 1, "101")), "a later fill in the same millisecond");
        assertTrue(cache.offer(trade(MS, MS * 1000 + 2, "102")));
        assertEquals(MS * 1000 + 2, latestSequentialId());
    }

    @Test
    void should_keep_the_last_fill_of_a_millisecond_when_fills_arrive_out_of_order() {
        assertTrue(cache.offer(trade(MS, MS * 1000 + 2, "102")));
        assertFalse(cache.offer(trade(MS, MS * 1000, "100")), "an earlier fill of the same millisecond, late");
        assertFalse(cache.offer(trade(MS, MS * 1000 + 1, "101")));
        assertFalse(cache.offer(trade(MS - 1, MS * 1000 + 9, "99")), "an earlier millisecond loses whatever its id");
        assertFalse(cache.offer(trade(MS, MS * 1000 + 2, "102")), "the same fill again is not newer");
        assertEquals(MS * 1000 + 2, latestSequentialId());
    }

    @Test
    void should_order_same_millisecond_tickers_by_the_volume_they_account_for() {
        assertTrue(cache.offer(ticker(MS, "10.5")));
        assertTrue(cache.offer(ticker(MS, "10.75")), "the ticker after one more fill in the same millisecond");
        assertFalse(cache.offer(ticker(MS, "10.6")), "the earlier ticker of that millisecond, late");
        assertFalse(cache.offer(ticker(MS, "10.750")), "the same state written with another scale");
        assertEquals(new BigDecimal("10.75"),
                cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow().restShape().get("acc_trade_volume").decimalValue());
    }

    @Test
    void should_take_a_changed_orderbook_of_the_same_millisecond_but_not_the_same_one_again() {
        assertTrue(cache.offer(orderbook(MS, "100")));
        assertTrue(cache.offer(orderbook(MS, "101")), "the book changed within the millisecond: the later frame wins");
        assertFalse(cache.offer(orderbook(MS, "101")), "an identical book is a duplicate");
        assertFalse(cache.offer(orderbook(MS - 1, "99")), "an older book never replaces");
    }

    @Test
    void should_give_two_fills_of_one_millisecond_two_identities_for_the_duplicate_filter() {
        assertNotEquals(trade(MS, MS * 1000, "100").identity(), trade(MS, MS * 1000 + 1, "100").identity());
        assertNotEquals(ticker(MS, "1").identity(), ticker(MS, "2").identity());
        assertNotEquals(orderbook(MS, "1").identity(), orderbook(MS, "2").identity());
        assertEquals(trade(MS, MS * 1000, "100").identity(), trade(MS, MS * 1000, "100").identity());
    }

    @Test
    void should_end_on_the_greatest_fill_whatever_order_racing_writers_offer_them_in() throws Exception {
        List<CachedMarketData> fills = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            fills.add(trade(MS + i / 100, (MS + i / 100) * 1000 + i % 100, "100"));
        }
        for (int round = 0; round < 5; round++) {
            cache.entries().invalidateAll();
            List<CachedMarketData> shuffled = new ArrayList<>(fills);
            Collections.shuffle(shuffled, new java.util.Random(round));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            for (int w = 0; w < 4; w++) {
                List<CachedMarketData> part = shuffled.subList(w * 500, (w + 1) * 500);
                writers.submit(() -> {
                    start.await();
                    part.forEach(cache::offer);
                    return null;
                });
            }
            start.countDown();
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals((MS + 19) * 1000 + 99, latestSequentialId(), "round " + round);
        }
    }
}
