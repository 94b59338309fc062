package io.upbitrouter.cache;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.protocol.MarketKey;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaffeineRealtimeCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CaffeineRealtimeCache cache = new CaffeineRealtimeCache(CaffeineRealtimeCache.newEntries(clock, 60, 100));

    private CachedMarketData ticker(long timestamp) {
        return new CachedMarketData(MarketKey.ticker("KRW-BTC"), JsonNodeFactory.instance.objectNode().put("timestamp", timestamp),
                timestamp, clock.millis(), null);
    }

    private CachedMarketData candle(String candleTime, long timestamp) {
        return new CachedMarketData(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC"), JsonNodeFactory.instance.objectNode().put("timestamp", timestamp),
                timestamp, clock.millis(), candleTime);
    }

    @Test
    void should_replace_only_with_newer_entries() {
        assertTrue(cache.offer(ticker(1000)));
        assertFalse(cache.offer(ticker(999)), "older never replaces");
        assertFalse(cache.offer(ticker(1000)), "equal is not newer");
        assertTrue(cache.offer(ticker(1001)));
        assertEquals(1001, cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow().eventTimeMillis());
    }

    @Test
    void should_let_in_progress_candle_updates_replace_each_other_but_never_roll_back_the_candle() {
        assertTrue(cache.offer(candle("2026-01-01T00:01:00", 61_000)));
        assertTrue(cache.offer(candle("2026-01-01T00:01:00", 62_000)));
        assertTrue(cache.offer(candle("2026-01-01T00:02:00", 120_500)));
        assertFalse(cache.offer(candle("2026-01-01T00:01:00", 119_000)), "a late update of the previous candle");
        assertEquals("2026-01-01T00:02:00", cache.get(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC")).orElseThrow().candleTimeUtc());
    }

    @Test
    void should_expire_entries_after_write_by_the_injected_clock() {
        cache.offer(ticker(1000));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(cache.get(MarketKey.ticker("KRW-BTC")).isPresent());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(cache.get(MarketKey.ticker("KRW-BTC")).isEmpty(), "61 s after write the entry is gone");
    }

    @Test
    void should_not_extend_the_lifetime_of_an_entry_when_an_older_offer_is_rejected() {
        cache.offer(ticker(1000));
        clock.advance(Duration.ofSeconds(50));
        assertFalse(cache.offer(ticker(900)));
        clock.advance(Duration.ofSeconds(11));
        assertTrue(cache.get(MarketKey.ticker("KRW-BTC")).isEmpty());
    }

    @Test
    void should_hold_at_most_the_size_bound() {
        for (int i = 0; i < 500; i++) {
            cache.offer(new CachedMarketData(MarketKey.ticker("M-" + i), JsonNodeFactory.instance.objectNode(), i, 0, null));
        }
        cache.cleanUp();
        assertTrue(cache.figures().size() <= 100, "size " + cache.figures().size());
        assertTrue(cache.figures().evictions() >= 400);
    }

    @Test
    void should_keep_the_newest_under_concurrent_writers() throws Exception {
        int writers = 8;
        int perWriter = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Long> stamps = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                stamps.add((long) (i * writers + w));
            }
            Collections.shuffle(stamps);
            done.add(pool.submit(() -> {
                start.await();
                stamps.forEach(ts -> cache.offer(ticker(ts)));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals((long) writers * perWriter - 1, cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow().eventTimeMillis());
    }

    @Test
    void should_complete_awaitNext_with_the_next_stored_entry_or_empty_on_timeout() throws Exception {
        CompletableFuture<Optional<CachedMarketData>> next = cache.awaitNext(MarketKey.ticker("KRW-BTC"), Duration.ofSeconds(5));
        assertFalse(next.isDone());
        cache.offer(ticker(5));
        assertEquals(5, next.get(1, TimeUnit.SECONDS).orElseThrow().eventTimeMillis());

        CompletableFuture<Optional<CachedMarketData>> none = cache.awaitNext(MarketKey.ticker("KRW-ETH"), Duration.ofMillis(20));
        assertTrue(none.get(5, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void should_count_hits_and_misses() {
        cache.offer(ticker(1));
        cache.get(MarketKey.ticker("KRW-BTC"));
        cache.get(MarketKey.ticker("KRW-XRP"));
        CacheFigures figures = cache.figures();
        assertEquals(1, figures.hits());
        assertEquals(1, figures.misses());
        assertEquals(1, figures.size());
    }

    @Test
    void should_peek_without_counting_a_read_and_without_seeing_an_expired_entry() {
        List<MarketKey> reads = new ArrayList<>();
        cache.onRead(reads::add);
        cache.offer(ticker(1000));

        assertEquals(1000, cache.peek(MarketKey.ticker("KRW-BTC")).orElseThrow().eventTimeMillis());
        assertTrue(cache.peek(MarketKey.ticker("KRW-ETH")).isEmpty());
        assertEquals(List.of(), reads, "a peek tells no read listener");
        assertEquals(0, cache.figures().hits());
        assertEquals(0, cache.figures().misses());

        clock.advance(Duration.ofSeconds(61));
        assertTrue(cache.peek(MarketKey.ticker("KRW-BTC")).isEmpty(), "an expired entry is absent to a peek too");
    }

    @Test
    void should_write_an_entrys_json_once_and_a_newer_entry_its_own() {
        cache.offer(ticker(1000));
        CachedMarketData first = cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow();
        byte[] bytes = first.restJson();
        assertEquals("{\"timestamp\":1000}", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(bytes == first.restJson(), "the same array: written once");

        cache.offer(ticker(1001));
        assertEquals("{\"timestamp\":1001}", new String(cache.get(MarketKey.ticker("KRW-BTC")).orElseThrow().restJson(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(first, ticker(1000), "equality ignores the written bytes");
    }
}
