package io.upbitrouter.ws;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.MutableClock;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upbit's limit on subscription messages (5 a second, 100 a minute per connection, counted where they arrive)
 * holds with many markets: the exchange's own count (the simulator's counters) refuses none.
 */
class SubscriptionLimitIT {

    @Test
    void should_never_be_refused_while_999_markets_are_subscribed_one_after_another() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().syntheticMarkets(999).seed(1).tradesPerSecond(0.5).build().start();
             RunningModule module = new RunningModule(sim, Map.of("upbit.ws.subscribe-period-ms", "200"))) {
            StreamSubscriptions subscriptions = module.context().getRegistry()
                    .lookupByNameAndType("upbitSubscriptionDemand", StreamSubscriptions.class);
            // the stream connects on demand: the first market opens the connection
            subscriptions.demand(MarketDataType.TICKER, null, "KRW-SIM001");
            Await.until("the stream connected", Duration.ofSeconds(20), () -> sim.counters().openConnections() > 0);
            long start = System.nanoTime();
            // a new market every 30 ms (ticker, trade and orderbook; then 1m candles): the set changes before every
            // period, so the router sends as often as the limits let it, until 100 are out within the first minute
            int step = 0;
            while (subscriptions.messagesSent() < 100) {
                String code = String.format("KRW-SIM%03d", step % 999 + 1);
                if (step < 999) {
                    subscriptions.demand(MarketDataType.TICKER, null, code);
                    subscriptions.demand(MarketDataType.TRADES, null, code);
                    subscriptions.demand(MarketDataType.ORDERBOOK, null, code);
                } else {
                    subscriptions.demand(MarketDataType.CANDLES, CandleInterval.MINUTES_1, code);
                }
                step++;
                long next = start + step * 30_000_000L;
                Await.until("the next market's turn", Duration.ofSeconds(5), () -> System.nanoTime() >= next);
                assertTrue(System.nanoTime() - start < 58_000_000_000L, "100 messages within the first minute, "
                        + subscriptions.messagesSent() + " so far");
            }
            // go on changing the set for 3 s more: the minute's budget is spent, nothing more may go out
            long more = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < more) {
                subscriptions.demand(MarketDataType.CANDLES, CandleInterval.MINUTES_3, String.format("KRW-SIM%03d", step++ % 999 + 1));
                long next = System.nanoTime() + 30_000_000L;
                Await.until("the next stream's turn", Duration.ofSeconds(5), () -> System.nanoTime() >= next);
            }
            Await.until("every message arrived", Duration.ofSeconds(30),
                    () -> sim.counters().subscriptionsReceived() == subscriptions.messagesSent());

            assertEquals(0, sim.counters().subscriptionErrors(), "refused by the exchange (TOO_MANY_SUBSCRIBE)");
            assertEquals(1, sim.counters().connectionsAccepted(), "one connection all along");
            assertEquals(100, subscriptions.messagesSent(), "at most 100 a minute, and the limit was reached");
            System.out.printf("Subscription messages: %d sent, %d received and %d refused by the exchange, %d streams wanted%n",
                    subscriptions.messagesSent(), sim.counters().subscriptionsReceived(), sim.counters().subscriptionErrors(),
                    subscriptions.wanted().size());
        }
    }

    @Test
    void should_keep_every_arrival_window_within_the_limits_when_arrivals_spread_by_up_to_the_margin() {
        long margin = StreamSubscriptions.DEFAULT_WINDOW_MARGIN_MILLIS;
        List<Long> sends = sendTimes(margin);
        assertTrue(sends.size() >= 200, "still about 100 a minute: " + sends.size());

        Random random = new Random(11);
        for (LongUnaryOperator delay : List.<LongUnaryOperator>of(
                i -> 0, i -> (i % 2 == 0) ? margin : 0, i -> (i % 7 < 3) ? margin : 0, i -> random.nextLong(margin + 1))) {
            List<Long> arrivals = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                arrivals.add(sends.get(i) + delay.applyAsLong(i));
            }
            arrivals.sort(null);
            assertTrue(maxInAnyWindow(arrivals, 1000) <= 5, "5 a second: " + maxInAnyWindow(arrivals, 1000));
            assertTrue(maxInAnyWindow(arrivals, 60_000) <= 100, "100 a minute: " + maxInAnyWindow(arrivals, 60_000));
        }

        // without the margin, the same spread of arrivals pushes the exchange's windows over the limit
        List<Long> tight = sendTimes(0);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < tight.size(); i++) {
            arrivals.add(tight.get(i) + ((i % 2 == 0) ? margin : 0));
        }
        arrivals.sort(null);
        assertTrue(maxInAnyWindow(arrivals, 1000) > 5 || maxInAnyWindow(arrivals, 60_000) > 100);
    }

    /** Send times (clock millis) of a router whose wanted set changes every 10 ms, asked every 10 ms, for 130 s. */
    private static List<Long> sendTimes(long margin) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123Z"));
        StreamSubscriptions subscriptions = new StreamSubscriptions(clock, 600_000, List.of(), List.of(), margin);
        subscriptions.onConnected();
        List<Long> sends = new ArrayList<>();
        for (int step = 0; step < 13_000; step++) {
            subscriptions.demand(MarketDataType.TICKER, null, "KRW-M" + step);
            if (subscriptions.nextMessage() != null) {
                subscriptions.sent();
                sends.add(clock.millis());
            }
            clock.advance(Duration.ofMillis(10));
        }
        return sends;
    }

    private static int maxInAnyWindow(List<Long> sorted, long width) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= width) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
