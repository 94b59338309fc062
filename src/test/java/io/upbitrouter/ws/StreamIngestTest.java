package io.upbitrouter.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-step ingest and its per-stream duplicate filter, on real frames, decoder, cache and health. */
class StreamIngestTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CaffeineRealtimeCache cache = new CaffeineRealtimeCache(CaffeineRealtimeCache.newEntries(clock, 60, 1000));
    private final StreamHealth health = new StreamHealth(clock, 30_000, () -> true);
    private final StreamDuplicateFilter duplicates = new StreamDuplicateFilter();
    private final StreamIngest ingest = new StreamIngest(health, new StreamFrameDecoder(ExactJson.MAPPER, clock), duplicates, cache);

    /** A trade frame of KRW-BTC at this time with this sequential_id and price, as the exchange sends it. */
    private static byte[] trade(long timestamp, long sequentialId, long price) throws Exception {
        ObjectNode trade = (ObjectNode) io.upbitrouter.protocol.RestShapeTest.fixture("ws_trade_default.json");
        trade.put("trade_timestamp", timestamp).put("timestamp", timestamp).put("sequential_id", sequentialId)
                .put("trade_price", price);
        return trade.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long storedSequentialId() {
        return cache.get(MarketKey.trade("KRW-BTC")).orElseThrow().restShape().get("sequential_id").asLong();
    }

    @Test
    void should_store_new_data_skip_a_repeat_and_an_older_item_and_count_each() throws Exception {
        health.connected();
        assertEquals(StreamFrame.Outcome.STORED, ingest.ingest(trade(1_000, 10, 100)).outcome());
        assertEquals(StreamFrame.Outcome.DUPLICATE, ingest.ingest(trade(1_000, 10, 100)).outcome());
        assertEquals(StreamFrame.Outcome.STORED, ingest.ingest(trade(2_000, 20, 200)).outcome());
        assertEquals(StreamFrame.Outcome.DUPLICATE, ingest.ingest(trade(1_000, 10, 100)).outcome(), "older, late");
        assertEquals(20, storedSequentialId());

        StreamFrame status = ingest.ingest("{\"status\":\"UP\"}");
        assertTrue(status.isStatus());
        assertTrue(ingest.needsRoute(status), "a keepalive answer goes on to the route");
        assertTrue(ingest.needsRoute(ingest.ingest("{not json")), "so does an undecodable frame");

        assertEquals(new StreamIngest.Figures(6, 4, 2, 2, 0), ingest.figures());
        assertEquals(1, duplicates.size(), "one stream key remembered, however many frames");
        assertTrue(health.delivered("KRW-BTC").isPresent(), "the stall watch saw the stored data");
    }

    @Test
    void should_keep_the_last_of_several_fills_in_one_millisecond_whatever_their_order() throws Exception {
        health.connected();
        ingest.ingest(trade(5_000, 51, 100));
        ingest.ingest(trade(5_000, 53, 300));
        assertEquals(StreamFrame.Outcome.DUPLICATE, ingest.ingest(trade(5_000, 52, 200)).outcome());
        assertEquals(53, storedSequentialId());
    }

    @Test
    void should_refuse_as_older_what_the_cache_already_holds_newer_from_rest() throws Exception {
        health.connected();
        ObjectNode rest = (ObjectNode) ExactJson.MAPPER.readTree(trade(9_000, 90, 900));
        rest.put("market", "KRW-BTC");
        cache.offer(CachedMarketData.of(MarketKey.trade("KRW-BTC"), rest, clock.millis()));

        assertEquals(StreamFrame.Outcome.OLDER, ingest.ingest(trade(8_000, 80, 800)).outcome());
        assertEquals(90, storedSequentialId());
        assertEquals(1, ingest.figures().older());
    }

    @Test
    void should_accept_the_snapshot_of_a_new_connection_even_when_it_repeats_the_last_item() throws Exception {
        health.connected();
        ingest.ingest(trade(1_000, 10, 100));
        clock.advance(Duration.ofSeconds(61));
        cache.cleanUp();
        assertTrue(cache.get(MarketKey.trade("KRW-BTC")).isEmpty(), "expired while the market was quiet");

        assertEquals(StreamFrame.Outcome.DUPLICATE, ingest.ingest(trade(1_000, 10, 100)).outcome(), "same connection");
        health.disconnected();
        health.connected();
        assertEquals(StreamFrame.Outcome.STORED, ingest.ingest(trade(1_000, 10, 100)).outcome(), "the new connection's snapshot");
        assertEquals(10, storedSequentialId());
    }

    @Test
    void should_pass_a_stored_item_to_the_route_only_when_a_consumer_of_its_updates_wants_it() throws Exception {
        health.connected();
        StreamFrame stored = ingest.ingest(trade(1_000, 10, 100));
        StreamFrame repeat = ingest.ingest(trade(1_000, 10, 100));
        assertFalse(ingest.needsRoute(stored));
        ingest.storedItemsWanted(key -> key.equals(MarketKey.ticker("KRW-BTC")));
        assertFalse(ingest.needsRoute(stored), "tickers wanted, not trades");
        ingest.storedItemsWanted(key -> key.equals(MarketKey.trade("KRW-BTC")));
        assertTrue(ingest.needsRoute(stored), "no tap set: the route's wire tap hands it over");
        List<CachedMarketData> tapped = new ArrayList<>();
        ingest.storedItemsTap(tapped::add);
        assertTrue(ingest.tapIfWanted(stored), "the tap takes it on this thread");
        assertFalse(ingest.tapIfWanted(repeat));
        assertEquals(List.of(stored.entry()), tapped);
        ingest.storedItemsWanted(key -> false);
        assertFalse(ingest.tapIfWanted(stored), "nobody wants it");
        ingest.storedItemsTap(item -> false);
        ingest.storedItemsWanted(key -> true);
        assertFalse(ingest.tapIfWanted(stored));
        assertTrue(ingest.needsRoute(stored), "a tap that does not run leaves it to the route");
        assertFalse(ingest.needsRoute(repeat), "a duplicate never reaches the tap");
        assertSame(stored, ingest.ingest(stored), "a frame already taken passes through unchanged");
        assertEquals(2, ingest.figures().frames());
    }

    @Test
    void should_hand_a_stored_item_to_a_queue_that_wants_its_key_on_every_path() throws Exception {
        health.connected();
        List<CachedMarketData> handed = new ArrayList<>();
        ingest.handStoredItems(key -> key.equals(MarketKey.trade("KRW-BTC")), handed::add);
        StreamFrame stored = ingest.ingest(trade(1_000, 10, 100));
        ingest.ingest(trade(1_000, 10, 100));
        StreamFrame fromElsewhere = new StreamFrameDecoder(ExactJson.MAPPER, clock).decode(trade(2_000, 20, 200));
        ingest.store(fromElsewhere);

        assertEquals(2, handed.size(), "the stored ones, not the duplicate: " + handed);
        assertSame(stored.entry(), handed.get(0));
        assertSame(fromElsewhere.entry(), handed.get(1), "an item stored through the store route too");
        assertFalse(ingest.tapIfWanted(stored), "the market updates' own tap is apart");
    }

    @Test
    void should_tell_exactly_one_of_many_threads_that_the_same_item_is_new() throws Exception {
        CachedMarketData item = new StreamFrameDecoder(ExactJson.MAPPER, clock).decode(trade(1_000, 10, 100)).entry();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                StreamDuplicateFilter filter = new StreamDuplicateFilter();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return filter.accept(item, 1);
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> answer : answers) {
                    accepted += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, accepted, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
