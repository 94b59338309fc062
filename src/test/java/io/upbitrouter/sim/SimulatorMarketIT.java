package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded market generator: determinism, synthetic markets, the realtime driver, one source for every view. */
class SimulatorMarketIT {

    static final Instant START = Instant.parse("2025-06-24T04:56:53.250Z");

    @Test
    void should_make_the_same_trades_from_the_same_seed_and_other_trades_from_another() {
        List<Trade> a = steps(42);
        List<Trade> b = steps(42);
        List<Trade> c = steps(43);
        assertEquals(a, b);
        assertNotEquals(a, c);
        Set<String> ids = new HashSet<>();
        a.forEach(t -> assertTrue(ids.add(t.market() + t.sequentialId()), "sequential ids are unique per market"));
    }

    private static List<Trade> steps(long seed) {
        MutableClock clock = new MutableClock(START);
        UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-DOGE")).seed(seed).tradesPerSecond(0).clock(clock).build();
        List<Trade> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(250));
            all.addAll(sim.market().step());
        }
        return all;
    }

    @Test
    void should_list_up_to_300_synthetic_markets_on_request() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().syntheticMarkets(300).tradesPerSecond(0)
                .clock(new MutableClock(START)).build().start()) {
            JsonNode markets = SimHttp.json(SimHttp.get(sim.restBaseUrl() + "/market/all"));
            assertEquals(300, markets.size());
            assertEquals("KRW-SIM001", markets.get(0).get("market").asText());
            assertEquals("KRW-SIM300", markets.get(299).get("market").asText());
            JsonNode tickers = SimHttp.json(SimHttp.get(sim.restBaseUrl() + "/ticker?markets=KRW-SIM001,KRW-SIM150,KRW-SIM300"));
            assertEquals(3, tickers.size());
            assertTrue(tickers.get(2).get("trade_price").asDouble() > 0);
        }
    }

    @Test
    void should_trade_by_itself_at_the_configured_rate() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(50).build().start();
             SimWsClient c = SimWsClient.connect(sim.wsUrl())) {
            c.send("[{\"ticket\":\"d\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_realtime\":true}]");
            long previous = 0;
            for (int i = 0; i < 5; i++) {
                JsonNode t = c.nextJson();
                assertEquals("REALTIME", t.get("stream_type").asText());
                assertTrue(t.get("sequential_id").asLong() > previous);
                previous = t.get("sequential_id").asLong();
            }
        }
    }

    @Test
    void should_keep_ticker_orderbook_and_candles_on_the_last_trade() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-SOL")).tradesPerSecond(0).clock(clock).build().start()) {
            clock.advance(Duration.ofSeconds(2));
            sim.market().publishTrade("KRW-SOL", 251_000, 1.5, "ASK");
            clock.advance(Duration.ofMillis(400));
            Trade last = sim.market().publishTrade("KRW-SOL", 251_050, 0.5, "BID");
            String base = sim.restBaseUrl();
            JsonNode ticker = SimHttp.json(SimHttp.get(base + "/ticker?markets=KRW-SOL")).get(0);
            JsonNode book = SimHttp.json(SimHttp.get(base + "/orderbook?markets=KRW-SOL")).get(0);
            JsonNode second = SimHttp.json(SimHttp.get(base + "/candles/seconds?market=KRW-SOL")).get(0);
            assertEquals(251_050, ticker.get("trade_price").asDouble());
            assertEquals(last.timestamp(), book.get("timestamp").asLong());
            assertEquals(251_100, book.get("orderbook_units").get(0).get("ask_price").asDouble(), "one tick (50 KRW) above");
            assertEquals(251_050, book.get("orderbook_units").get(0).get("bid_price").asDouble());
            assertEquals(last.timestamp(), second.get("timestamp").asLong());
            assertEquals(251_050, second.get("trade_price").asDouble());
            JsonNode minute = SimHttp.json(SimHttp.get(base + "/candles/minutes/1?market=KRW-SOL")).get(0);
            assertEquals(251_050, minute.get("trade_price").asDouble());
            assertTrue(minute.get("high_price").asDouble() >= 251_050);
        }
    }
}
