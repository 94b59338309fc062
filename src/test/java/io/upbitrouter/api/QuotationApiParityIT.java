package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public quotation path and parameter of Upbit's REST API, asked of the facade and of the simulator with the
 * same path and query: the two JSON trees must be equal, every field and every number as written (exact decimals,
 * scale included). The simulator's clock is fixed and it makes no live trades, so both answers describe the same
 * instant; its rate limit, and the router's budget, are high enough that no answer waits for budget or is a 429.
 * <p>
 * Each request is asked twice of the facade: with {@code priority=LOW}, which the router answers from REST, and
 * without, which it answers from the stream's cache where the request's parameters allow it. The simulator ignores
 * {@code priority}. The one difference on purpose, candles beyond 200 (the router pages, the exchange cuts), is
 * not walked here; it is tested in {@code SimulatorHistoryAndFaultsIT}.
 */
class QuotationApiParityIT {

    private static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd'%20'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'%2B09:00'")
            .withZone(ZoneOffset.ofHours(9));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_COLONS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The simulator's frozen now: an hour into a UTC day, so "today" has trades before it and after none. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).plus(Duration.ofMinutes(61));

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static HttpAnswers facade;
    private static HttpAnswers upstream;
    private static final List<String> walked = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "BTC-ETH", "KRW-XRP"))
                .seed(11).tradesPerSecond(0).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .rateLimitClock(Clock.systemUTC()).requestsPerSecond(10_000).build().start();
        // the router's own REST budget as high as the simulator's, so that no routing reason depends on pace
        module = new RunningModule(sim, Map.of("upbit.rest.requests-per-second", "1000", "upbit.rest.adaptive", "false"));
        facade = module.http();
        upstream = new HttpAnswers("http://127.0.0.1:" + sim.port());
    }

    @AfterAll
    static void stop() {
        System.out.println("PARITY walked " + walked.size() + " requests");
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    /** The facade's answer (REST, then as routed) equals the simulator's for the same request; returns the reference. */
    private static JsonNode same(String pathAndQuery) {
        HttpResponse<String> reference = upstream.get(pathAndQuery);
        assertEquals(200, reference.statusCode(), pathAndQuery + ": " + reference.body());
        JsonNode expected = HttpAnswers.json(reference);
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        HttpResponse<String> rest = facade.get(pathAndQuery + separator + "priority=LOW");
        assertEquals(200, rest.statusCode(), pathAndQuery + ": " + rest.body());
        assertEquals(expected, HttpAnswers.json(rest), pathAndQuery + " (REST)");
        HttpResponse<String> routed = facade.get(pathAndQuery);
        assertEquals(200, routed.statusCode(), pathAndQuery + ": " + routed.body());
        assertEquals(expected, HttpAnswers.json(routed), pathAndQuery + " (" + source(routed) + ")");
        walked.add(pathAndQuery);
        return expected;
    }

    private static String source(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Data-Source").orElse("?") + "/"
                + answer.headers().firstValue("X-Routing-Reason").orElse("?");
    }

    /** Waits until the facade answers the request from the stream's cache, then compares that answer too. */
    private static void sameFromCache(String pathAndQuery) {
        RunningModule.awaitUntil(pathAndQuery + " answered from the stream's cache", Duration.ofSeconds(15),
                () -> source(facade.get(pathAndQuery)).startsWith("websocket"));
        same(pathAndQuery);
        HttpResponse<String> cached = facade.get(pathAndQuery);
        assertTrue(source(cached).startsWith("websocket"), pathAndQuery + " " + source(cached));
    }

    private static void routedTo(String pathAndQuery, String sourceAndReason) {
        assertEquals(sourceAndReason, source(facade.get(pathAndQuery)), pathAndQuery);
    }

    private static void nonEmpty(JsonNode answer, String what) {
        assertTrue(answer.isArray() && !answer.isEmpty(), what + " should not be empty: " + answer);
    }

    @Test
    void should_answer_the_market_list_as_the_exchange_does() {
        nonEmpty(same("/v1/market/all"), "market list");
        JsonNode details = same("/v1/market/all?is_details=true");
        assertTrue(details.get(0).has("market_event"), details.toString());
        assertFalse(same("/v1/market/all?is_details=false").get(0).has("market_event"));
    }

    @Test
    void should_answer_tickers_as_the_exchange_does_from_rest_and_from_the_cache() {
        nonEmpty(same("/v1/ticker?markets=KRW-BTC"), "ticker");
        assertEquals(3, same("/v1/ticker?markets=KRW-BTC,KRW-ETH,BTC-ETH").size());
        sameFromCache("/v1/ticker?markets=KRW-ETH");
        assertEquals(3, same("/v1/ticker/all?quote_currencies=KRW").size());
        assertEquals(4, same("/v1/ticker/all?quote_currencies=KRW,BTC").size());
        assertEquals(1, same("/v1/ticker/all?quote_currencies=BTC").size());
    }

    @Test
    void should_answer_orderbooks_with_count_and_level_as_the_exchange_does() {
        assertEquals(30, same("/v1/orderbook?markets=KRW-BTC").get(0).path("orderbook_units").size());
        assertEquals(2, same("/v1/orderbook?markets=KRW-BTC,BTC-ETH").size());
        for (int count : new int[] {1, 5, 15, 30}) {
            assertEquals(count, same("/v1/orderbook?markets=KRW-ETH&count=" + count).get(0).path("orderbook_units").size());
        }
        // the stream is subscribed at the exchange's full depth, 30 units, its REST default: an orderbook asked without
        // a count, or with 30, is answered from the cache, the exchange's own answer
        sameFromCache("/v1/orderbook?markets=KRW-XRP");
        sameFromCache("/v1/orderbook?markets=KRW-XRP&count=30");
        // 15 units of a 30-unit book are not the exchange's 15-unit answer (its totals cover the units it answers)
        routedTo("/v1/orderbook?markets=KRW-XRP&count=15", "rest/CACHE_MISS");
        same("/v1/orderbook?markets=KRW-BTC&level=0");
        JsonNode tick = same("/v1/orderbook?markets=KRW-BTC&count=2").get(0).path("orderbook_units");
        long unit = tick.get(0).path("ask_price").decimalValue().subtract(tick.get(1).path("ask_price").decimalValue()).abs().longValueExact();
        JsonNode grouped = same("/v1/orderbook?markets=KRW-BTC&level=" + unit * 10);
        assertEquals(0, grouped.get(0).path("level").decimalValue().compareTo(java.math.BigDecimal.valueOf(unit * 10)), grouped.toString());
        same("/v1/orderbook?markets=KRW-BTC&level=" + unit * 10 + "&count=5");
        routedTo("/v1/orderbook?markets=KRW-BTC&level=" + unit * 10, "rest/EXCHANGE_PARAMETERS");
        // a level that is no multiple of the price unit, or a grouping of a non-KRW market: [] as the exchange answers
        assertEquals(0, same("/v1/orderbook?markets=KRW-BTC&level=" + (unit * 10 + 1)).size());
        assertEquals(0, same("/v1/orderbook?markets=BTC-ETH&level=1").size());
    }

    @Test
    void should_answer_trade_ticks_with_to_days_ago_and_cursor_as_the_exchange_does() {
        nonEmpty(same("/v1/trades/ticks?market=KRW-BTC"), "latest trade");
        JsonNode fifty = same("/v1/trades/ticks?market=KRW-BTC&count=50");
        assertEquals(50, fifty.size());
        String earlier = TIME.format(NOW.minus(Duration.ofMinutes(30)));
        nonEmpty(same("/v1/trades/ticks?market=KRW-BTC&count=20&to=" + earlier), "trades before " + earlier);
        same("/v1/trades/ticks?market=KRW-BTC&count=20&to=" + TIME_COLONS.format(NOW.minus(Duration.ofMinutes(30))));
        for (int daysAgo = 1; daysAgo <= 7; daysAgo++) {
            nonEmpty(same("/v1/trades/ticks?market=KRW-ETH&count=30&days_ago=" + daysAgo), "days_ago=" + daysAgo);
        }
        nonEmpty(same("/v1/trades/ticks?market=KRW-ETH&count=10&days_ago=2&to=120000"), "days_ago=2 to=120000");
        nonEmpty(same("/v1/trades/ticks?market=KRW-ETH&count=10&days_ago=1&to=23:59:59"), "days_ago=1 to=23:59:59");
        String cursor = fifty.get(24).path("sequential_id").asText();
        JsonNode page = same("/v1/trades/ticks?market=KRW-BTC&count=25&cursor=" + cursor);
        assertEquals(fifty.get(25), page.get(0), "the page after the cursor continues where the first page was cut");
        same("/v1/trades/ticks?market=KRW-BTC&cursor=" + cursor);
        same("/v1/trades/ticks?market=KRW-ETH&count=5&days_ago=3&cursor=" + cursor);
        routedTo("/v1/trades/ticks?market=KRW-BTC&cursor=" + cursor, "rest/HISTORY_REQUESTED");
        sameFromCache("/v1/trades/ticks?market=KRW-XRP");
    }

    @Test
    void should_answer_candles_of_every_path_and_parameter_as_the_exchange_does() {
        Instant to = NOW.minus(Duration.ofHours(7)).plusSeconds(17);
        List<String> paths = new ArrayList<>(List.of("seconds", "days", "weeks", "months", "years"));
        for (int unit : new int[] {1, 3, 5, 10, 15, 30, 60, 240}) {
            paths.add("minutes/" + unit);
        }
        for (String path : paths) {
            String base = "/v1/candles/" + path + "?market=KRW-BTC";
            Consumer<String> walk = query -> same(base + query);
            walk.accept("");
            walk.accept("&count=3");
            walk.accept("&count=200");
            walk.accept("&to=" + ISO_Z.format(to));
            walk.accept("&count=7&to=" + ISO_Z.format(to));
            walk.accept("&count=7&to=" + SPACED.format(to));
            walk.accept("&count=7&to=" + KST.format(to));
        }
        sameFromCache("/v1/candles/minutes/1?market=KRW-ETH");
        // day candles of a BTC market converted to KRW gain converted_trade_price; KRW markets do not
        JsonNode converted = same("/v1/candles/days?market=BTC-ETH&count=10&converting_price_unit=KRW");
        assertTrue(converted.get(0).has("converted_trade_price"), converted.toString());
        same("/v1/candles/days?market=BTC-ETH&count=3&to=" + ISO_Z.format(to) + "&converting_price_unit=KRW");
        same("/v1/candles/days?market=BTC-ETH&converting_price_unit=KRW");
        assertFalse(same("/v1/candles/days?market=KRW-BTC&count=3&converting_price_unit=KRW").get(0).has("converted_trade_price"));
        // day candles are never streamed: NOT_STREAMABLE comes first; the conversion also bypasses the closed-candle store
        routedTo("/v1/candles/days?market=BTC-ETH&converting_price_unit=KRW", "rest/NOT_STREAMABLE");
        // the same days asked again without the conversion come from the closed-candle store, still unconverted
        assertFalse(same("/v1/candles/days?market=BTC-ETH&count=10").get(0).has("converted_trade_price"));
    }

    @Test
    void should_refuse_as_the_exchange_does_in_upbits_error_shape() {
        for (String bad : List.of("/v1/ticker?markets=KRW-NOPE", "/v1/orderbook?markets=KRW-BTC,KRW-NOPE",
                "/v1/trades/ticks?market=KRW-NOPE", "/v1/candles/minutes/1?market=KRW-NOPE")) {
            HttpResponse<String> reference = upstream.get(bad);
            HttpResponse<String> answer = facade.get(bad);
            assertEquals(404, reference.statusCode(), bad);
            assertEquals(reference.statusCode(), answer.statusCode(), bad + ": " + answer.body());
            assertEquals(HttpAnswers.json(reference), HttpAnswers.json(answer), bad);
        }
        for (String bad : List.of("/v1/ticker", "/v1/orderbook?markets=KRW-BTC&count=31", "/v1/orderbook?markets=KRW-BTC&count=0",
                "/v1/orderbook?markets=KRW-BTC&level=x", "/v1/trades/ticks?market=KRW-BTC&days_ago=8",
                "/v1/trades/ticks?market=KRW-BTC&cursor=abc", "/v1/trades/ticks?market=KRW-BTC&to=99",
                "/v1/candles/minutes/2?market=KRW-BTC", "/v1/candles/days?market=KRW-BTC&converting_price_unit=1",
                "/v1/candles/minutes/1?market=KRW-BTC&to=yesterday")) {
            HttpResponse<String> reference = upstream.get(bad);
            HttpResponse<String> answer = facade.get(bad);
            assertEquals(400, reference.statusCode(), bad + ": " + reference.body());
            assertEquals(400, answer.statusCode(), bad + ": " + answer.body());
            JsonNode error = HttpAnswers.json(answer).path("error");
            assertTrue(error.path("name").isTextual() && error.path("message").isTextual(), bad + ": " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), bad);
        }
    }
}
