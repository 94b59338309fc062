package io.upbitrouter.api;

import io.upbitrouter.rest.MarketList;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work the exchange need not do, answered by the facade (assembled module, shipped defaults) without a call:
 * unknown but well-formed market codes (404 {@code Code not found}, from the market list fetched once at start),
 * absurd {@code to} values, and {@code count}/{@code to} where Upbit has no history (400 naming the parameter).
 */
class UpbitFacadeLocalAnswersIT {

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static HttpAnswers facade;

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(11).tradesPerSecond(0).build().start();
        module = new RunningModule(sim, Map.of("upbit.ws.enabled", "false"));
        facade = module.http();
        MarketList markets = module.context().getRegistry().lookupByNameAndType("upbitMarketList", MarketList.class);
        RunningModule.awaitUntil("the market list fetched", Duration.ofSeconds(10), markets::isLoaded);
    }

    @AfterAll
    static void stop() {
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    @BeforeEach
    void countFromHere() {
        sim.counters().reset();
    }

    private static long upstreamCalls() {
        return sim.counters().requestsByGroup().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void should_answer_an_unknown_code_404_locally_however_often_it_is_asked() {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = facade.get("/v1/ticker?markets=KRW-NOPE");
            assertEquals(404, answer.statusCode(), answer.body());
            assertEquals(404, HttpAnswers.json(answer).at("/error/name").asInt(), answer.body());
            assertEquals("Code not found", HttpAnswers.json(answer).at("/error/message").asText());
        }
        assertEquals(404, facade.get("/v1/candles/days?market=KRW-NOPE&count=2").statusCode());
        assertEquals(404, facade.get("/v1/ticker?markets=KRW-BTC,KRW-NOPE").statusCode(), "one unknown code in a list");
        System.out.println("UNKNOWN-CODE repeats=20 upstream-calls-per-repeat=" + upstreamCalls() / 20.0
                + " market-list-calls=1 (at start)");
        assertEquals(0, upstreamCalls(), "no call per unknown code");
        assertEquals(200, facade.get("/v1/ticker?markets=KRW-BTC").statusCode(), "listed codes still go through");
    }

    @Test
    void should_refuse_absurd_to_values_with_400_naming_to_and_no_call() {
        for (String to : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z")) {
            HttpResponse<String> answer = facade.get("/v1/candles/minutes/1?market=KRW-BTC&count=2&to="
                    + URLEncoder.encode(to, StandardCharsets.UTF_8));
            assertEquals(400, answer.statusCode(), to + ": " + answer.body());
            assertTrue(HttpAnswers.json(answer).at("/error/message").asText().startsWith("to:"), answer.body());
        }
        assertEquals(0, upstreamCalls());
    }

    @Test
    void should_refuse_count_and_to_on_ticker_and_to_on_orderbook() {
        assertNamed("count", facade.get("/v1/ticker?markets=KRW-BTC&count=2"));
        assertNamed("to", facade.get("/v1/ticker?markets=KRW-BTC&to=2026-01-01T00:00:00Z"));
        assertNamed("to", facade.get("/v1/orderbook?markets=KRW-BTC&to=2026-01-01T00:00:00Z"));
        assertEquals(0, upstreamCalls());
    }

    private static void assertNamed(String field, HttpResponse<String> answer) {
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(HttpAnswers.json(answer).at("/error/message").asText().startsWith(field + ":"), answer.body());
    }
}
