package io.upbitrouter.ws;

import io.upbitrouter.support.Backoff;
import io.upbitrouter.protocol.MarketKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamSubscriptionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StreamSubscriptions subscriptions = new StreamSubscriptions(clock, 60_000, List.of("KRW-BTC"),
            List.of(CandleInterval.MINUTES_1));

    @Test
    void should_send_the_warm_set_in_one_message_with_ticket_types_and_format() throws Exception {
        JsonNode message = new ObjectMapper().readTree(subscriptions.nextMessage());
        assertTrue(message.get(0).has("ticket"));
        assertEquals("candle.1m", message.get(1).get("type").asText());
        assertEquals("orderbook", message.get(2).get("type").asText());
        assertEquals("ticker", message.get(3).get("type").asText());
        assertEquals("trade", message.get(4).get("type").asText());
        assertEquals("DEFAULT", message.get(5).get("format").asText());
        assertEquals("KRW-BTC", message.get(3).get("codes").get(0).asText());
        assertNull(subscriptions.nextMessage(), "nothing changed since");
    }

    @Test
    void should_coalesce_many_demands_into_one_full_message() throws Exception {
        subscriptions.nextMessage();
        for (int i = 0; i < 50; i++) {
            subscriptions.demand(MarketDataType.TICKER, null, "KRW-C" + i);
        }
        subscriptions.demand(MarketDataType.CANDLES, CandleInterval.MINUTES_5, "KRW-ETH");
        subscriptions.demand(MarketDataType.CANDLES, CandleInterval.DAYS, "KRW-ETH");
        String message = subscriptions.nextMessage();
        assertNotNull(message);
        assertNull(subscriptions.nextMessage());
        assertEquals(51, subscriptions.codes("ticker").size());
        assertEquals(Set.of("KRW-ETH"), subscriptions.codes("candle.5m"));
        assertTrue(message.contains("\"candle.5m\""));
        assertFalse(message.contains("candle.1d"), "days are never streamed");
    }

    @Test
    void should_resend_the_full_set_on_every_new_connection() {
        subscriptions.nextMessage();
        subscriptions.sent();
        assertTrue(subscriptions.isSubscribed());
        subscriptions.onConnected();
        assertFalse(subscriptions.isSubscribed());
        assertNotNull(subscriptions.nextMessage());
    }

    @Test
    void should_offer_the_set_again_after_a_failed_send() {
        subscriptions.nextMessage();
        subscriptions.sendFailed();
        assertNotNull(subscriptions.nextMessage());
    }

    @Test
    void should_drop_streams_nobody_asked_for_within_the_idle_time_but_keep_warm_ones() {
        subscriptions.demand(MarketDataType.TICKER, null, "KRW-ETH");
        subscriptions.demand(MarketDataType.TRADES, null, "KRW-XRP");
        subscriptions.nextMessage();
        clock.advance(Duration.ofSeconds(40));
        subscriptions.touch(MarketKey.trade("KRW-XRP"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, subscriptions.dropIdle());
        assertEquals(Set.of("KRW-BTC"), subscriptions.codes("ticker"));
        assertEquals(Set.of("KRW-BTC", "KRW-XRP"), subscriptions.codes("trade"));
        assertNotNull(subscriptions.nextMessage(), "the smaller set is sent");
    }

    @Test
    void should_keep_within_5_messages_a_second_and_100_a_minute_per_connection() {
        int sent = 0;
        for (int i = 0; i < 10; i++) {
            subscriptions.demand(MarketDataType.TICKER, null, "KRW-A" + i);
            if (subscriptions.nextMessage() != null) {
                subscriptions.sent();
                sent++;
            }
        }
        assertEquals(5, sent, "5 in the same second");
        int minute = sent;
        for (int second = 1; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 10; i++) {
                subscriptions.demand(MarketDataType.TICKER, null, "KRW-B" + second + "-" + i);
                if (subscriptions.nextMessage() != null) {
                    subscriptions.sent();
                    minute++;
                }
            }
        }
        assertEquals(100, minute, "100 within the minute");
        // the first messages count for a minute plus the margin for arrivals that bunch up at the exchange
        clock.advance(Duration.ofMillis(1000 + StreamSubscriptions.DEFAULT_WINDOW_MARGIN_MILLIS));
        assertNotNull(subscriptions.nextMessage(), "what waited goes out when the budget allows");
        subscriptions.onConnected();
        assertNotNull(subscriptions.nextMessage(), "a new connection has its own budget");
    }

    @Test
    void should_compute_backoff_with_jitter_within_bounds() {
        Backoff backoff = new Backoff(100, 1000);
        java.util.Random random = new java.util.Random(1);
        for (int attempt = 0; attempt < 20; attempt++) {
            long cap = Math.min(1000, 100L << Math.min(attempt, 30));
            long delay = backoff.delayMillis(attempt, random);
            assertTrue(delay >= cap / 2 && delay <= cap, "attempt " + attempt + " delay " + delay);
        }
    }

    @Test
    void should_want_a_connection_only_with_demand_or_a_warm_set_and_tell_when_that_changes() {
        StreamSubscriptions cold = new StreamSubscriptions(clock, 60_000, List.of(), List.of());
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        cold.onWantedChange(changes::incrementAndGet);
        assertFalse(cold.anythingWanted(), "no warm set, no demand");

        cold.demand(MarketDataType.CANDLES, CandleInterval.DAYS, "KRW-BTC");
        assertFalse(cold.anythingWanted(), "days are not streamed: no demand on the stream");
        assertEquals(0, changes.get());

        cold.demand(MarketDataType.TICKER, null, "KRW-BTC");
        cold.demand(MarketDataType.TICKER, null, "KRW-BTC");
        assertTrue(cold.anythingWanted());
        assertEquals(1, changes.get(), "told once, for the new stream");

        clock.advance(Duration.ofMillis(60_001));
        assertEquals(1, cold.dropIdle());
        assertFalse(cold.anythingWanted());
        assertEquals(2, changes.get(), "told when the last stream went");

        assertTrue(subscriptions.anythingWanted(), "a warm set is always wanted");
    }
}
