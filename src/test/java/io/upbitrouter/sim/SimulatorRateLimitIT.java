package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upbit's REST limits with the limiter's clock driven by the test: 10/s per group, 429, 418 bans, Origin. */
class SimulatorRateLimitIT {

    static MutableClock clock;
    static MutableClock limitClock;
    static UpbitSimulator sim;
    static String ticker;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2025-06-24T04:56:53.250Z"));
        limitClock = new MutableClock(Instant.parse("2025-06-24T04:56:53.000Z"));
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).clock(clock)
                .rateLimitClock(limitClock).banAfterRefusals(3).banDuration(Duration.ofSeconds(30)).build().start();
        ticker = sim.restBaseUrl() + "/ticker?markets=KRW-BTC";
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void fresh() {
        sim.limits().reset();
        sim.counters().reset();
        limitClock.advance(Duration.ofMinutes(1));
    }

    static String remaining(HttpResponse<String> r) {
        return r.headers().firstValue("Remaining-Req").orElseThrow();
    }

    @Test
    void should_allow_ten_requests_a_second_per_group_then_answer_429_in_plain_text() throws Exception {
        for (int i = 9; i >= 0; i--) {
            HttpResponse<String> r = SimHttp.get(ticker);
            assertEquals(200, r.statusCode());
            assertEquals("group=ticker; min=600; sec=" + i, remaining(r));
        }
        HttpResponse<String> over = SimHttp.get(ticker);
        assertEquals(429, over.statusCode());
        assertEquals("group=ticker; min=600; sec=0", remaining(over));
        assertTrue(over.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertFalse(over.body().startsWith("{"));
        assertEquals(200, SimHttp.get(sim.restBaseUrl() + "/candles/minutes/1?market=KRW-BTC").statusCode(), "groups are separate");
        limitClock.advance(Duration.ofMillis(1000));
        HttpResponse<String> next = SimHttp.get(ticker);
        assertEquals(200, next.statusCode(), "a new wall-clock second");
        assertEquals("group=ticker; min=600; sec=9", remaining(next));
        assertEquals(1, sim.counters().tooManyRequests());
        assertEquals(12, sim.counters().requests("ticker"));
        assertEquals(1, sim.counters().requests("candles"));
    }

    @Test
    void should_count_windows_per_wall_clock_second_not_sliding() throws Exception {
        limitClock.set(Instant.ofEpochMilli((limitClock.millis() / 1000 + 1) * 1000 + 990));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, SimHttp.get(ticker).statusCode());
        }
        limitClock.advance(Duration.ofMillis(20)); // 30 ms later, but in the next second
        assertEquals(200, SimHttp.get(ticker).statusCode());
    }

    @Test
    void should_ban_with_418_a_client_that_keeps_going_after_429_and_grow_the_ban() throws Exception {
        for (int i = 0; i < 10; i++) {
            SimHttp.get(ticker);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(429, SimHttp.get(ticker).statusCode());
        }
        HttpResponse<String> ban = SimHttp.get(ticker);
        assertEquals(418, ban.statusCode());
        assertEquals("30", ban.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(ban.headers().firstValue("Remaining-Req").isPresent());
        limitClock.advance(Duration.ofSeconds(5));
        assertEquals(418, SimHttp.get(sim.restBaseUrl() + "/orderbook?markets=KRW-BTC").statusCode(), "the ban covers every group");
        limitClock.advance(Duration.ofSeconds(26));
        assertEquals(200, SimHttp.get(ticker).statusCode(), "the ban ended");

        limitClock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 13; i++) {
            SimHttp.get(ticker);
        }
        HttpResponse<String> second = SimHttp.get(ticker);
        assertEquals(418, second.statusCode());
        assertEquals("60", second.headers().firstValue("Retry-After").orElseThrow(), "a repeat ban lasts longer");
        assertEquals(6, sim.counters().tooManyRequests());
        assertEquals(3, sim.counters().teapots());
    }

    @Test
    void should_limit_requests_with_an_origin_header_to_one_per_ten_seconds() throws Exception {
        limitClock.set(Instant.ofEpochMilli((limitClock.millis() / 10_000 + 1) * 10_000));
        assertEquals(200, SimHttp.getWithOrigin(ticker, "http://localhost:3000").statusCode());
        limitClock.advance(Duration.ofSeconds(5));
        assertEquals(429, SimHttp.getWithOrigin(ticker, "http://localhost:3000").statusCode());
        assertEquals(200, SimHttp.get(ticker).statusCode(), "requests without Origin are not affected");
        limitClock.advance(Duration.ofSeconds(5));
        assertEquals(200, SimHttp.getWithOrigin(ticker, "http://localhost:3000").statusCode());
    }

    @Test
    void should_never_rate_limit_the_control_endpoint() throws Exception {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = SimHttp.get(sim.controlUrl() + "/counters");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Remaining-Req").isEmpty());
        }
        assertEquals(0, sim.counters().tooManyRequests());
    }

    @Test
    void should_report_the_same_counters_over_http() throws Exception {
        for (int i = 0; i < 12; i++) {
            SimHttp.get(ticker);
        }
        SimHttp.get(sim.restBaseUrl() + "/market/all");
        JsonNode counters = SimHttp.json(SimHttp.get(sim.controlUrl() + "/counters"));
        assertEquals(12, counters.get("requests").get("ticker").asLong());
        assertEquals(1, counters.get("requests").get("market").asLong());
        assertEquals(2, counters.get("tooManyRequests").asLong());
        assertEquals(sim.counters().teapots(), counters.get("teapots").asLong());
        assertEquals(sim.counters().openConnections(), counters.get("openConnections").asLong());
        assertTrue(counters.has("subscriptionsReceived"));
        SimHttp.post(sim.controlUrl() + "/counters/reset");
        assertEquals(0, sim.counters().requests("ticker"));
    }

    @Test
    void should_refuse_websocket_upgrades_from_a_banned_client_with_418() throws Exception {
        for (int i = 0; i < 14; i++) {
            SimHttp.get(ticker);
        }
        assertEquals(1, sim.counters().teapots());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> SimWsClient.connect(sim.wsUrl()));
        assertEquals(418, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        assertEquals(2, sim.counters().teapots());
    }
}
