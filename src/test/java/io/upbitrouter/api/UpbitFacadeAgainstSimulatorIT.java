package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade on the assembled module (Camel Main, real router, real stream) against the simulator:
 * for every path, the facade's answer equals, field by field, what the simulator's REST API answers
 * to the same request; a repeated ticker comes from the stream's cache and still matches.
 */
class UpbitFacadeAgainstSimulatorIT {

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static HttpAnswers facade;
    private static HttpAnswers upstream;

    @BeforeAll
    static void start() throws Exception {
        // the market's clock held, as in TickerAllAgainstSimulatorIT: a ticker's 24 h sums roll with the exchange's
        // clock without a trade, so a stream snapshot and a later REST reference would differ once a seeded trade left
        // the window between them; rate limits keep real time
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL")).seed(7)
                .tradesPerSecond(0).requestsPerSecond(1000)
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

    /** Per path, the fields compared value for value; printed after the class as the parity figure. */
    private static final Map<String, Set<String>> COMPARED = new TreeMap<>();
    /** Numbers compared whose text a double cannot hold: they prove the comparison is of digits, not doubles. */
    private static final AtomicInteger BEYOND_DOUBLE = new AtomicInteger();

    /**
     * Every field the exchange answered is in the facade's answer with the same value, item by item. Both sides
     * are read as exact decimals, so a number equals only with the same digits and scale.
     */
    private static void assertSameItems(String path, JsonNode expected, JsonNode actual) {
        assertTrue(expected.isArray(), path + ": simulator answered " + expected);
        assertEquals(expected.size(), actual.size(), path + ": item count");
        String shape = path.replaceAll("\\?.*", "");
        for (int i = 0; i < expected.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertEquals(field.getValue(), actual.get(i).get(field.getKey()),
                        path + ": item " + i + " field " + field.getKey());
                COMPARED.computeIfAbsent(shape, k -> new TreeSet<>()).add(field.getKey());
                if (field.getValue().isBigDecimal()) {
                    BigDecimal exact = field.getValue().decimalValue();
                    if (new BigDecimal(Double.toString(exact.doubleValue())).compareTo(exact) != 0) {
                        BEYOND_DOUBLE.incrementAndGet();
                    }
                }
            }
        }
    }

    /** No number in the facade's text is in exponent form: the exchange never writes one. */
    private static void assertPlainNumbers(String path, String body) {
        assertFalse(Pattern.compile("[0-9][eE][+-]?[0-9]").matcher(body.replaceAll("\"[^\"]*\"", "\"\"")).find(),
                path + ": a number in exponent form: " + body);
    }

    @AfterAll
    static void reportComparedFields() {
        COMPARED.forEach((path, fields) -> System.out.println("PARITY " + path + " " + fields));
        System.out.println("PARITY numbers-beyond-double=" + BEYOND_DOUBLE.get());
    }

    private static HttpResponse<String> compare(String pathAndQuery) {
        HttpResponse<String> answer = facade.get(pathAndQuery);
        HttpResponse<String> reference = upstream.get(pathAndQuery);
        assertEquals(200, reference.statusCode(), pathAndQuery + " on the simulator: " + reference.body());
        assertEquals(200, answer.statusCode(), pathAndQuery + " on the facade: " + answer.body());
        assertSameItems(pathAndQuery, HttpAnswers.json(reference), HttpAnswers.json(answer));
        assertPlainNumbers(pathAndQuery, answer.body());
        assertTrue(answer.headers().firstValue("X-Data-Source").isPresent(), pathAndQuery + ": X-Data-Source");
        assertTrue(answer.headers().firstValue("X-Data-Age-Ms").isPresent(), pathAndQuery + ": X-Data-Age-Ms");
        return answer;
    }

    @Test
    void should_answer_every_candle_path_as_the_exchange_does() {
        for (String path : List.of("/v1/candles/seconds", "/v1/candles/minutes/1", "/v1/candles/minutes/15",
                "/v1/candles/minutes/240", "/v1/candles/days", "/v1/candles/weeks", "/v1/candles/months",
                "/v1/candles/years")) {
            HttpResponse<String> answer = compare(path + "?market=KRW-BTC&count=3");
            assertEquals("rest", answer.headers().firstValue("X-Data-Source").orElseThrow(), path);
            assertTrue(answer.headers().firstValue("Remaining-Req").orElse("").contains("group=candles"), path);
        }
    }

    @Test
    void should_answer_candle_history_before_to_as_the_exchange_does() {
        HttpResponse<String> latest = upstream.get("/v1/candles/minutes/5?market=KRW-ETH&count=2");
        String to = HttpAnswers.json(latest).get(1).get("candle_date_time_utc").asText();

        compare("/v1/candles/minutes/5?market=KRW-ETH&count=4&to=" + to);
        compare("/v1/candles/days?market=KRW-ETH&count=2&to=" + to + "Z");
    }

    @Test
    void should_answer_trade_ticks_as_the_exchange_does() {
        HttpResponse<String> answer = compare("/v1/trades/ticks?market=KRW-ETH&count=5");
        assertEquals("rest", answer.headers().firstValue("X-Data-Source").orElseThrow());
        assertEquals("MULTIPLE_ITEMS", answer.headers().firstValue("X-Routing-Reason").orElseThrow());
    }

    @Test
    void should_answer_orderbook_for_several_markets_as_the_exchange_does() {
        compare("/v1/orderbook?markets=KRW-BTC,KRW-ETH");
    }

    @Test
    void should_pass_market_all_through() {
        HttpResponse<String> answer = facade.get("/v1/market/all?is_details=true");
        HttpResponse<String> reference = upstream.get("/v1/market/all?is_details=true");
        assertEquals(200, answer.statusCode());
        assertEquals(HttpAnswers.json(reference), HttpAnswers.json(answer));
        assertTrue(answer.headers().firstValue("Remaining-Req").orElse("").contains("group=market"));
    }

    @Test
    void should_serve_a_repeated_ticker_from_the_stream_cache_with_the_same_fields() {
        HttpResponse<String> first = compare("/v1/ticker?markets=KRW-XRP,KRW-SOL");
        assertEquals("rest", first.headers().firstValue("X-Data-Source").orElseThrow());
        assertTrue(first.headers().firstValue("Remaining-Req").orElse("").contains("group=ticker"));

        RunningModule.awaitUntil("the ticker answered from the stream cache", Duration.ofSeconds(15),
                () -> "websocket".equals(facade.get("/v1/ticker?markets=KRW-XRP,KRW-SOL")
                        .headers().firstValue("X-Data-Source").orElse("")));

        HttpResponse<String> cached = compare("/v1/ticker?markets=KRW-XRP,KRW-SOL");
        assertEquals("websocket", cached.headers().firstValue("X-Data-Source").orElseThrow());
        assertTrue(BEYOND_DOUBLE.get() > 0, "the simulator wrote numbers a double cannot hold");
        assertEquals("CACHE_FRESH", cached.headers().firstValue("X-Routing-Reason").orElseThrow());
        assertTrue(cached.headers().firstValue("Remaining-Req").isEmpty(), "no REST call for a cached answer");
    }

    @Test
    void should_pass_the_exchange_404_for_an_unknown_market() {
        HttpResponse<String> answer = facade.get("/v1/ticker?markets=KRW-NOPE");
        HttpResponse<String> reference = upstream.get("/v1/ticker?markets=KRW-NOPE");

        assertEquals(404, reference.statusCode());
        assertEquals(404, answer.statusCode());
        assertEquals(HttpAnswers.json(reference), HttpAnswers.json(answer));
    }
}
