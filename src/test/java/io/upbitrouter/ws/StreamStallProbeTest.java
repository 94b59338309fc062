package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall rule on an injected clock with a scripted exchange: silence alone is no alarm, the exchange being
 * ahead is; a whole-connection stall replaces the socket at most once per silence limit; a market stall sends the
 * subscription again; data clears the stall; a quiet subscription's cost in REST calls.
 */
class StreamStallProbeTest {

    private static final long SILENCE = 10_000;
    private static final long TOLERANCE = 2_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StreamSubscriptions subscriptions = new StreamSubscriptions(clock, 3_600_000, List.of(), List.of());
    private final StreamHealth health = new StreamHealth(clock, 30_000, subscriptions::isSubscribed);
    /** The exchange's latest trade time per market, as its REST ticker would answer. */
    private final Map<String, Long> exchangeTrades = new HashMap<>();
    private final List<List<String>> calls = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private boolean budget = true;
    private final StreamStallProbe probe = new StreamStallProbe(clock, health, subscriptions, markets -> {
        if (!budget) {
            return Optional.empty();
        }
        calls.add(markets);
        Map<String, Long> answer = new HashMap<>();
        markets.forEach(m -> answer.put(m, exchangeTrades.get(m)));
        return Optional.of(answer);
    }, replaced::add, SILENCE, TOLERANCE, 20);

    @BeforeEach
    void connectAndSubscribe() {
        subscriptions.demand(MarketDataType.TICKER, null, "KRW-BTC");
        subscriptions.demand(MarketDataType.TICKER, null, "KRW-ETH");
        subscriptions.nextMessage();
        subscriptions.sent();
        health.connected();
    }

    /** The stream stores a ticker for the market that says the exchange traded at {@code tradeTime}. */
    private void streamDelivers(String market, long tradeTime) {
        var item = ExactJson.MAPPER.createObjectNode().put("market", market).put("trade_timestamp", tradeTime)
                .put("timestamp", tradeTime + 5);
        health.dataStored(CachedMarketData.of(MarketKey.ticker(market), item, clock.millis()));
        exchangeTrades.put(market, tradeTime);
    }

    @Test
    void should_raise_no_alarm_for_a_quiet_market_however_long_it_is_quiet() {
        streamDelivers("KRW-BTC", clock.millis());
        streamDelivers("KRW-ETH", clock.millis());
        for (int second = 0; second < 600; second++) {
            clock.advance(Duration.ofSeconds(1));
            StreamStallProbe.Outcome outcome = probe.probe();
            assertTrue(outcome == StreamStallProbe.Outcome.NOTHING_SILENT || outcome == StreamStallProbe.Outcome.QUIET,
                    "second " + second + ": " + outcome);
        }
        assertFalse(health.isStalled("KRW-BTC"));
        assertTrue(replaced.isEmpty());
    }

    @Test
    void should_find_a_stalled_connection_replace_the_socket_once_per_limit_and_clear_on_data() {
        streamDelivers("KRW-BTC", clock.millis());
        streamDelivers("KRW-ETH", clock.millis());
        clock.advance(Duration.ofMillis(SILENCE));
        assertEquals(StreamStallProbe.Outcome.NOTHING_SILENT, probe.probe(), "silence equal to the limit is not yet suspect");
        // the exchange trades on; the stream (answering PING all along) delivers nothing
        exchangeTrades.put("KRW-BTC", clock.millis() - 1);
        clock.advance(Duration.ofMillis(1));

        assertEquals(StreamStallProbe.Outcome.CONNECTION_STALLED, probe.probe());
        assertTrue(health.isStalled("KRW-BTC"));
        assertTrue(health.isStalled("KRW-ETH"), "a stalled connection stalls every market");
        assertTrue(health.isConnectionStalled());
        assertEquals(1, replaced.size());
        assertEquals(List.of(List.of("KRW-BTC", "KRW-ETH")), calls, "one REST call for both suspects");

        for (int second = 0; second < 25; second++) {
            clock.advance(Duration.ofSeconds(1));
            probe.probe();
        }
        assertEquals(3, replaced.size(), "one new socket per silence limit while the stall lasts: " + replaced);

        streamDelivers("KRW-BTC", clock.millis());
        assertFalse(health.isStalled("KRW-BTC"), "data stored again clears the stall");
        assertFalse(health.isConnectionStalled());
        assertFalse(health.isStalled("KRW-ETH"), "the connection flows again: ETH is judged again on its own");
    }

    @Test
    void should_find_one_stalled_market_while_others_flow_and_subscribe_again() {
        streamDelivers("KRW-BTC", clock.millis());
        streamDelivers("KRW-ETH", clock.millis());
        subscriptions.nextMessage();
        for (int second = 1; second <= 11; second++) {
            clock.advance(Duration.ofSeconds(1));
            streamDelivers("KRW-ETH", clock.millis()); // ETH flows every second
        }
        exchangeTrades.put("KRW-BTC", clock.millis() - TOLERANCE - 1);

        assertEquals(StreamStallProbe.Outcome.MARKETS_STALLED, probe.probe());
        assertTrue(health.isStalled("KRW-BTC"));
        assertFalse(health.isStalled("KRW-ETH"));
        assertFalse(health.isConnectionStalled());
        assertTrue(replaced.isEmpty(), "the socket carries ETH: it stays");
        assertTrue(subscriptions.nextMessage() != null, "the full subscription goes out again for fresh snapshots");
        assertEquals(List.of(List.of("KRW-BTC")), calls, "only the silent market is asked about");
    }

    @Test
    void should_not_call_the_exchange_when_the_ticker_group_has_no_budget_to_spare() {
        streamDelivers("KRW-BTC", clock.millis());
        clock.advance(Duration.ofMillis(SILENCE + 1));
        budget = false;
        assertEquals(StreamStallProbe.Outcome.NO_BUDGET, probe.probe());
        budget = true;
        exchangeTrades.put("KRW-BTC", clock.millis());
        assertEquals(StreamStallProbe.Outcome.CONNECTION_STALLED, probe.probe(), "asked at the next round with budget");
    }

    @Test
    void should_tolerate_the_exchange_being_ahead_by_less_than_the_tolerance() {
        streamDelivers("KRW-BTC", clock.millis());
        streamDelivers("KRW-ETH", clock.millis());
        exchangeTrades.put("KRW-BTC", clock.millis() + TOLERANCE); // a candle pushed once a second, clocks a little apart
        clock.advance(Duration.ofMillis(SILENCE + 1));
        assertEquals(StreamStallProbe.Outcome.QUIET, probe.probe());
    }

    /** The figure for the docs: what a quiet subscription costs in REST calls per hour, at the default limits. */
    @Test
    void should_spend_one_ticker_call_per_silence_limit_on_a_quiet_subscription() {
        streamDelivers("KRW-BTC", clock.millis());
        streamDelivers("KRW-ETH", clock.millis());
        for (int second = 0; second < 3600; second++) {
            clock.advance(Duration.ofSeconds(1));
            probe.probe();
        }
        System.out.println("STALL_PROBE quiet-subscription markets=2 silence-ms=" + SILENCE + " check-period-ms=1000"
                + " rest-calls-per-hour=" + probe.probeCalls());
        assertTrue(probe.probeCalls() <= 3600 / (SILENCE / 1000), "at most one call per silence limit: " + probe.probeCalls());
        assertTrue(probe.probeCalls() >= 3600 / (SILENCE / 1000 + 1), "and the quiet markets are checked: " + probe.probeCalls());
    }
}
