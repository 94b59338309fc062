package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.Trade;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.MutableClock;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realtime path through the real (supervised) vertx-websocket component against the exchange simulator:
 * deduplication, ordering, candle updates, TTL, reconnects, the watchdog and the dead-letter route.
 */
class StreamSimulatorIT extends RealtimeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final MutableClock simClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private UpbitSimulator sim;

    @Override
    protected Properties testProperties() {
        sim = UpbitSimulator.builder()
                .markets(List.of("KRW-BTC", "KRW-ETH"))
                .seed(42).tradesPerSecond(0).historyDays(1)
                .clock(simClock).rateLimitClock(Clock.systemUTC())
                .build();
        sim.start();
        Properties p = baseProperties(sim.wsUrl());
        // Only the watchdog test wants PING answers out of the way; a long keepalive keeps frames countable.
        p.setProperty("upbit.ws.keepalive-ms", "600000");
        return p;
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @AfterEach
    void stopSimulator() {
        context.stop();
        sim.stop();
    }

    private MockEndpoint stored;

    /**
     * Starts the context with a route consuming the market updates, so every stored item is published to
     * {@code mock:stored} (it also sends stored items from the consumer's fast path through the ingest route).
     */
    private void startWithTaps() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_UPDATES).routeId("test-stored-items").to("mock:stored");
            }
        });
        context.start();
        stored = getMockEndpoint("mock:stored");
    }

    private StreamIngest ingest() {
        return context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
    }

    /**
     * Demands the stream and waits until it really flows: the simulator applies a subscription asynchronously,
     * so probe trades are published until one reaches the cache.
     */
    private void subscribeAndWait(MarketDataType type, CandleInterval interval) throws InterruptedException {
        subscriptions().demand(type, interval, "KRW-BTC");
        MarketKey key = MarketKey.of(type, interval, "KRW-BTC");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long probe = trade(1_000).sequentialId();
            long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < until) {
                if (health().isConnected() && cache().entries().asMap().containsKey(key.toString())
                        && (type != MarketDataType.TRADES
                            || cache().entries().asMap().get(key.toString()).restShape().get("sequential_id").asLong() == probe)) {
                    return;
                }
                Thread.sleep(10);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream " + key + " not flowing");
            }
        }
    }

    private void awaitAllSentFramesProcessed() throws InterruptedException {
        awaitUntil("every data frame the simulator sent was ingested", WAIT,
                () -> ingest().figures().dataFrames() == sim.counters().messagesSent());
        awaitUntil("every stored item was published", WAIT,
                () -> stored.getReceivedCounter() == ingest().figures().stored());
    }

    /** The stored items' identities (key and same-millisecond order) as published, in order. */
    private List<String> storedTrades() {
        return stored.getExchanges().stream()
                .filter(e -> "trade".equals(e.getMessage().getHeader(UpbitRouterConstants.TYPE, String.class)))
                .map(e -> e.getMessage().getHeader(UpbitRouterConstants.KEY, String.class) + "|"
                        + e.getMessage().getBody(ObjectNode.class).get("sequential_id").asText())
                .toList();
    }

    private Trade trade(double price) {
        simClock.advance(Duration.ofMillis(100));
        return sim.market().publishTrade("KRW-BTC", price, 1.0, "BID");
    }

    @Test
    void should_never_deliver_an_injected_duplicate_twice() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TRADES, null);
        sim.faults().duplicates(true);
        Trade last = null;
        for (int i = 0; i < 30; i++) {
            last = trade(100_000 + i);
        }
        awaitAllSentFramesProcessed();

        StreamIngest.Figures figures = ingest().figures();
        assertEquals(30, figures.duplicates(), "each of the 30 trades was sent twice: " + figures);
        assertEquals(sim.counters().messagesSent() - 30, figures.dataFrames() - figures.duplicates());
        List<String> delivered = storedTrades();
        assertEquals(delivered.size(), new HashSet<>(delivered).size(), "a trade stored twice: " + delivered);
        assertTrue(delivered.size() >= 30, "the 30 trades stored once each: " + delivered);
        assertEquals(last.sequentialId(),
                cache().get(MarketKey.trade("KRW-BTC")).orElseThrow().restShape().get("sequential_id").asLong());
    }

    @Test
    void should_never_let_an_older_message_replace_a_newer_one() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        subscribeAndWait(MarketDataType.TRADES, null);
        sim.faults().outOfOrder(true);
        Trade last = null;
        for (int i = 0; i < 20; i++) {
            last = trade(200_000 + i);
        }
        sim.faults().outOfOrder(false);
        awaitAllSentFramesProcessed();

        assertEquals(last.sequentialId(),
                cache().get(MarketKey.trade("KRW-BTC")).orElseThrow().restShape().get("sequential_id").asLong());
        ObjectNode ticker = cache().get(MarketKey.ticker("KRW-BTC")).orElseThrow().restShape();
        assertEquals(200_019, ticker.get("trade_price").asLong());
        StreamIngest.Figures figures = ingest().figures();
        System.out.println("OUT_OF_ORDER rejected-as-older=" + (figures.duplicates() + figures.older()) + " of " + figures.dataFrames());
    }

    /**
     * Fills in one millisecond (the simulator's clock stands still), their sequential_ids increasing. The final
     * state is what must hold, however the frames arrive.
     */
    private Trade fillsInOneMillisecond(int n, int firstPrice) {
        simClock.advance(Duration.ofMillis(100));
        Trade last = null;
        for (int i = 0; i < n; i++) {
            last = sim.market().publishTrade("KRW-BTC", firstPrice + i, 1.0, "BID");
        }
        return last;
    }

    private void assertLatestIs(Trade last) {
        CachedMarketData trade = cache().get(MarketKey.trade("KRW-BTC")).orElseThrow();
        assertEquals(last.sequentialId(), trade.restShape().get("sequential_id").asLong());
        assertEquals(last.timestamp(), trade.eventTimeMillis());
        ObjectNode ticker = cache().get(MarketKey.ticker("KRW-BTC")).orElseThrow().restShape();
        assertEquals((long) last.price(), ticker.get("trade_price").asLong(), "the ticker after the last fill");
    }

    @Test
    void should_keep_the_last_of_several_fills_in_one_millisecond_delivered_in_order() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        subscribeAndWait(MarketDataType.TRADES, null);
        Trade last = fillsInOneMillisecond(6, 610_000);
        awaitAllSentFramesProcessed();

        assertLatestIs(last);
    }

    @Test
    void should_keep_the_last_of_several_fills_in_one_millisecond_delivered_out_of_order() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        subscribeAndWait(MarketDataType.TRADES, null);
        sim.faults().outOfOrder(true);
        Trade last = fillsInOneMillisecond(6, 620_000);
        sim.faults().outOfOrder(false);
        awaitAllSentFramesProcessed();

        assertLatestIs(last);
        // how many were refused depends on how the simulator shuffled them: reported, not asserted
        StreamIngest.Figures figures = ingest().figures();
        System.out.println("SAME_MILLISECOND out-of-order refused-as-older=" + (figures.duplicates() + figures.older()) + " of " + figures.dataFrames());
    }

    @Test
    void should_leave_the_cache_at_the_last_of_50_updates_of_one_candle() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.CANDLES, CandleInterval.MINUTES_1);
        simClock.set(Instant.parse("2026-01-01T00:05:00.500Z"));
        Trade last = null;
        for (int i = 0; i < 50; i++) {
            last = trade(300_000 + i);
        }
        awaitAllSentFramesProcessed();

        CachedMarketData candle = cache().get(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC")).orElseThrow();
        assertEquals("2026-01-01T00:05:00", candle.candleTimeUtc());
        assertEquals(last.timestamp(), candle.eventTimeMillis());
        assertEquals(300_049, candle.restShape().get("trade_price").asLong());
        assertEquals(50.0, candle.restShape().get("candle_acc_trade_volume").asDouble(), 1e-9);
        assertEquals(1, candle.restShape().get("unit").asInt());
    }

    @Test
    void should_not_serve_a_ticker_61_seconds_old() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        trade(123_456);
        awaitUntil("ticker cached", WAIT, () -> cache().get(MarketKey.ticker("KRW-BTC"))
                .map(e -> e.restShape().get("trade_price").asLong() == 123_456).orElse(false));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(cache().get(MarketKey.ticker("KRW-BTC")).isPresent());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(cache().get(MarketKey.ticker("KRW-BTC")).isEmpty());
    }

    @Test
    void should_keep_exactly_one_connection_and_the_subscription_after_20_forced_drops() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        for (int i = 0; i < 20; i++) {
            long connectsBefore = health().connects();
            // the client counts a connection once its upgrade is answered, a moment before the simulator lists it:
            // a drop in between would find nothing to drop
            int drop = i + 1;
            awaitUntil("the simulator holds the connection before drop " + drop, WAIT,
                    () -> sim.counters().openConnections() == 1);
            sim.faults().dropAllConnections();
            awaitUntil("reconnected and subscribed after drop " + (i + 1), WAIT,
                    () -> health().connects() > connectsBefore && health().isConnected());
        }
        awaitUntil("one open connection", WAIT, () -> sim.counters().openConnections() == 1);
        Trade last = trade(777_777);
        awaitUntil("data flows on the new connection", WAIT, () -> cache().get(MarketKey.ticker("KRW-BTC"))
                .map(e -> e.restShape().get("trade_price").asLong() == 777_777).orElse(false));
        assertEquals(1, sim.counters().openConnections());
        assertEquals(21, health().connects());
        System.out.printf("DROP_TEST sockets-open=%d accepted=%d refused=%d subscriptions=%d attempts=%d last-trade=%d%n",
                sim.counters().openConnections(), sim.counters().connectionsAccepted(), sim.counters().connectionsRefused(),
                sim.counters().subscriptionsReceived(), supervisor().connectAttempts(), last.sequentialId());
    }

    @Test
    void should_mark_a_silent_stream_unhealthy_at_the_watchdog_limit_and_reconnect() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TICKER, null);
        awaitUntil("snapshot", WAIT, () -> cache().get(MarketKey.ticker("KRW-BTC")).isPresent());
        sim.faults().silent(true);
        assertTrue(health().isHealthy());
        clock.advance(Duration.ofMillis(5000));
        assertTrue(health().isHealthy(), "silence equal to the limit is still healthy");
        clock.advance(Duration.ofMillis(1));
        assertFalse(health().isHealthy(), "silent past the limit");
        awaitUntil("the watchdog forced a reconnect", WAIT,
                () -> supervisor().forcedReconnects() >= 1 && health().connects() >= 2 && health().isHealthy());
        assertEquals(1, sim.counters().openConnections());

        sim.faults().silent(false);
        trade(555_555);
        awaitUntil("data after the silence", WAIT, () -> cache().get(MarketKey.ticker("KRW-BTC"))
                .map(e -> e.restShape().get("trade_price").asLong() == 555_555).orElse(false));
    }

    @Test
    void should_lose_no_good_message_around_1000_malformed_frames() throws Exception {
        startWithTaps();
        subscribeAndWait(MarketDataType.TRADES, null);
        Set<Long> published = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            published.add(trade(400_000 + i).sequentialId());
        }
        sim.faults().malformedFrames(1000);
        // An exchange error on the same socket: a producer on the consumer's URI writes there.
        template.sendBody(UpbitRouterConstants.STREAM, "[{\"ticket\":\"bad\"}]");
        for (int i = 10; i < 20; i++) {
            published.add(trade(400_000 + i).sequentialId());
        }
        awaitAllSentFramesProcessed();
        awaitUntil("all malformed frames counted", WAIT,
                () -> deadLetters().count("undecodable") == 1000 && deadLetters().count("exchange-error:NO_TYPE") == 1);

        // every good frame was taken as data (none lost among the dead letters), and the last one is what the cache holds
        assertEquals(sim.counters().messagesSent(), ingest().figures().dataFrames());
        long last = published.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(last, cache().get(MarketKey.trade("KRW-BTC")).orElseThrow().restShape().get("sequential_id").asLong());
        if (((SupervisedClientConsumer) context.getRoute(UpbitRouterConstants.WS_INGEST_ROUTE_ID).getConsumer()).takesFramesItself()) {
            // taken in arrival order on the socket's thread: each of them was newer, so each was stored and published
            Set<Long> delivered = new HashSet<>();
            storedTrades().forEach(identity -> delivered.add(Long.parseLong(identity.substring(identity.lastIndexOf('|') + 1))));
            assertTrue(delivered.containsAll(published), "missing: " + published.stream().filter(id -> !delivered.contains(id)).toList());
        }
        assertTrue(health().isConnected());
        System.out.println("DEAD_LETTERS " + deadLetters().snapshot() + " malformed-sent=" + sim.counters().malformedSent());
    }
}
