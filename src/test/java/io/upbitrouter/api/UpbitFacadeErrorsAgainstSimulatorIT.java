package io.upbitrouter.api;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.ClosedPort;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.MutableClock;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error statuses end to end: the exchange's 429 and 418 and an unreachable exchange, through the real router. */
class UpbitFacadeErrorsAgainstSimulatorIT {

    private static final Map<String, String> NO_RETRIES = Map.of(
            "upbit.rest.max-retries", "0",
            "upbit.ws.enabled", "false",
            "upbit.markets.validate", "false",
            "upbit.rest.ban-default-ms", "60000");

    @Test
    void should_answer_429_with_retry_after_when_the_exchange_refuses() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(3).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start();
             RunningModule module = new RunningModule(sim, NO_RETRIES)) {
            sim.faults().restErrorBurst(429, 1);

            HttpResponse<String> limited = module.http().get("/v1/candles/minutes/1?market=KRW-BTC&count=2");

            assertEquals(429, limited.statusCode(), limited.body());
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertEquals("too_many_requests", HttpAnswers.json(limited).at("/error/name").asText());
        }
    }

    @Test
    void should_answer_503_once_the_exchange_bans_and_call_it_no_more() throws Exception {
        // one request per window on a frozen rate-limit clock: the exchange refuses, then bans
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(3).tradesPerSecond(0)
                .rateLimitClock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
                .requestsPerSecond(1).banAfterRefusals(1).banDuration(Duration.ofMinutes(5)).build().start();
             RunningModule module = new RunningModule(sim, NO_RETRIES)) {
            HttpAnswers http = module.http();
            assertEquals(200, http.get("/v1/orderbook?markets=KRW-BTC").statusCode());

            RunningModule.awaitUntil("a 503 for the ban", Duration.ofSeconds(15),
                    () -> http.get("/v1/orderbook?markets=KRW-BTC").statusCode() == 503);

            HttpResponse<String> banned = http.get("/v1/orderbook?markets=KRW-BTC");
            assertEquals(503, banned.statusCode(), banned.body());
            assertEquals("upstream_banned", HttpAnswers.json(banned).at("/error/name").asText());
            assertTrue(banned.headers().firstValue("Retry-After").isPresent());
            long before = sim.counters().requests("orderbook");
            assertEquals(503, http.get("/v1/orderbook?markets=KRW-BTC").statusCode());
            assertEquals(before, sim.counters().requests("orderbook"), "no call while the group is banned");
            HttpResponse<String> ready = http.get("/observe/health/ready");
            assertEquals(503, ready.statusCode(), "a ban takes readiness down: " + ready.body());
        }
    }

    @Test
    void should_answer_503_when_the_exchange_is_unreachable() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(3).tradesPerSecond(0)
                .build().start();
             ClosedPort down = new ClosedPort();
             RunningModule module = new RunningModule(sim, Map.of(
                     "upbit.rest.max-retries", "0", "upbit.ws.enabled", "false",
                     "upbit.rest.base-url", "http://127.0.0.1:" + down.port() + "/v1"))) {
            HttpResponse<String> answer = module.http().get("/v1/ticker?markets=KRW-BTC");

            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("upstream_unavailable", HttpAnswers.json(answer).at("/error/name").asText());
        }
    }
}
