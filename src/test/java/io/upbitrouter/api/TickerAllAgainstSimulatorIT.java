package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/ticker/all?quote_currencies=} on the assembled module against the simulator: the same items as the
 * exchange's own answer, field for field and digit for digit, first from REST, then from the stream's cache.
 */
class TickerAllAgainstSimulatorIT {

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static HttpAnswers facade;
    private static HttpAnswers upstream;

    @BeforeAll
    static void start() throws Exception {
        // the market's clock held: a ticker's 24 h sums roll with the exchange's clock, without a trade, so the stream's
        // snapshot and a later REST answer would differ once a seeded trade left the window between them (the stream
        // tells of a change only with the next trade, as Upbit's does); rate limits keep real time
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "BTC-ETH", "KRW-XRP", "BTC-XRP"))
                .seed(5).tradesPerSecond(0).requestsPerSecond(1000)
                .clock(java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))
                .rateLimitClock(java.time.Clock.systemUTC()).build().start();
        module = new RunningModule(sim, Map.of());
        facade = module.http();
        upstream = new HttpAnswers("http://127.0.0.1:" + sim.port());
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

    private static HttpResponse<String> compare(String pathAndQuery) {
        HttpResponse<String> answer = facade.get(pathAndQuery);
        HttpResponse<String> reference = upstream.get(pathAndQuery);
        assertEquals(200, reference.statusCode(), reference.body());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode expected = HttpAnswers.json(reference);
        JsonNode actual = HttpAnswers.json(answer);
        assertEquals(expected.size(), actual.size(), pathAndQuery + ": " + answer.body());
        int fields = 0;
        for (int i = 0; i < expected.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.get(i).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                assertEquals(f.getValue(), actual.get(i).get(f.getKey()), pathAndQuery + " item " + i + " " + f.getKey());
                fields++;
            }
        }
        System.out.println("PARITY " + pathAndQuery + " items=" + expected.size() + " fields=" + fields + " source="
                + answer.headers().firstValue("X-Data-Source").orElse("?"));
        return answer;
    }

    @Test
    void should_answer_ticker_all_as_the_exchange_does_from_rest_then_from_the_cache() {
        HttpResponse<String> first = compare("/v1/ticker/all?quote_currencies=KRW");
        assertEquals("rest", first.headers().firstValue("X-Data-Source").orElseThrow());
        RunningModule.awaitUntil("ticker/all answered from the stream cache", Duration.ofSeconds(15),
                () -> "websocket".equals(facade.get("/v1/ticker/all?quote_currencies=KRW")
                        .headers().firstValue("X-Data-Source").orElse("")));
        HttpResponse<String> cached = compare("/v1/ticker/all?quote_currencies=KRW");
        assertEquals("CACHE_FRESH", cached.headers().firstValue("X-Routing-Reason").orElseThrow());
        compare("/v1/ticker/all?quote_currencies=KRW,BTC");
        compare("/v1/ticker/all?quote_currencies=btc");
        compare("/v1/ticker/all?quote_currencies=USDT");
    }

    @Test
    void should_refuse_ticker_all_without_quote_currencies_in_upbits_shape() {
        HttpResponse<String> answer = facade.get("/v1/ticker/all");
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = HttpAnswers.json(answer).path("error");
        assertTrue(error.path("message").asText().startsWith("quote_currencies"), answer.body());
        assertEquals(400, upstream.get("/v1/ticker/all").statusCode());
    }
}
