package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.UpbitQuotation;
import io.upbitrouter.sim.UpbitSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candle history paging and the REST path's fault handling against the simulator. */
class SimulatorHistoryAndFaultsIT extends RouterTestSupport {

    private static UpbitSimulator sim;

    @BeforeAll
    static void startSimulator() {
        // limits out of the way: these tests are about paging and faults, the budget has its own
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(21).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void resetSimulator() {
        sim.faults().reset();
        sim.counters().reset();
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.rest.max-retries", "3");
        p.setProperty("upbit.rest.backoff-base-ms", "20");
        p.setProperty("upbit.rest.backoff-max-ms", "100");
        // only the slow-exchange test needs answers to time out (its 1500 ms delay always exceeds 400 ms); elsewhere
        // a timeout would be a retry the request counts do not expect, so it is far above any answer under load
        boolean slow = getCurrentTestName() != null && getCurrentTestName().contains("slow_exchange");
        p.setProperty("upbit.rest.response-timeout-ms", slow ? "400" : "10000");
        // the simulator answers its forced errors with sec=0: a short window keeps the retries quick
        p.setProperty("upbit.rest.window-ms", "100");
        p.setProperty("upbit.rest.window-margin-ms", "0");
        return p;
    }

    /** The simulator's candles before {@code to}, fetched independently: fixed 200-minute windows, unioned. */
    private static List<JsonNode> simulatorCandles(Instant to, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper mapper = io.upbitrouter.protocol.ExactJson.MAPPER;
        Map<String, JsonNode> byTime = new LinkedHashMap<>();
        for (int k = 0; k < 10; k++) {
            Instant windowTo = to.minus(200L * k, ChronoUnit.MINUTES);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl()
                    + "/candles/minutes/1?market=KRW-BTC&count=200&to=" + UpbitQuotation.formatTo(windowTo))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            for (JsonNode c : mapper.readTree(r.body())) {
                byTime.putIfAbsent(c.get("candle_date_time_utc").asText(), c);
            }
        }
        List<JsonNode> all = new ArrayList<>(byTime.values());
        all.sort(Comparator.comparing((JsonNode c) -> c.get("candle_date_time_utc").asText()).reversed());
        return all.subList(0, count);
    }

    @Test
    void should_page_1000_one_minute_candles_equal_to_the_simulators_and_answer_a_repeat_from_closed_candles() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        List<JsonNode> expected = simulatorCandles(to, 1000);
        sim.counters().reset();
        MarketDataRequest request = new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"),
                CandleInterval.MINUTES_1, 1000, to, null);

        SymbolResult first = ask(request).results().get(0);

        assertEquals(DataSource.REST, first.source());
        assertEquals(RoutingReason.HISTORY_REQUESTED, first.reason());
        List<ObjectNode> candles = first.items();
        assertEquals(1000, candles.size());
        assertEquals(1000, candles.stream().map(c -> c.get("candle_date_time_utc").asText()).distinct().count());
        for (int i = 1; i < candles.size(); i++) {
            assertTrue(candles.get(i - 1).get("candle_date_time_utc").asText()
                    .compareTo(candles.get(i).get("candle_date_time_utc").asText()) > 0, "newest first, strictly");
        }
        assertEquals(expected, new ArrayList<JsonNode>(candles), "the simulator's candles, every field");
        assertEquals(5, sim.counters().requests("candles"), "five pages of 200");

        MarketDataResponse again = ask(request);
        SymbolResult repeat = again.results().get(0);
        assertEquals(DataSource.HISTORY_CACHE, repeat.source());
        assertEquals(RoutingReason.HISTORY_CACHED, repeat.reason());
        assertEquals(candles, repeat.items());
        assertEquals(5, sim.counters().requests("candles"), "the repeat did not go upstream");
        assertEquals(1, counter().count(RoutingReason.HISTORY_CACHED));
    }

    @Test
    void should_retry_a_forced_burst_of_429_and_recover() {
        sim.faults().restErrorBurst(429, 3);
        MarketDataResponse r = ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-ETH"), null, 1, null, null));
        assertEquals("KRW-ETH", r.results().get(0).items().get(0).get("market").asText());
        assertEquals(3, sim.counters().tooManyRequests());
        assertEquals(4, sim.counters().requests("ticker"));
        assertEquals(0, sim.counters().teapots());
    }

    @Test
    void should_retry_a_forced_burst_of_5xx_and_recover_then_report_a_lasting_one() {
        sim.faults().restErrorBurst(503, 2);
        assertEquals(1, ask(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null, null))
                .results().get(0).items().size());
        assertEquals(3, sim.counters().requests("orderbook"));

        sim.faults().restErrorBurst(500, 10);
        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class,
                () -> ask(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null, null)));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(3 + 4, sim.counters().requests("orderbook"), "the first try and 3 retries");
    }

    @Test
    void should_report_a_slow_exchange_as_unavailable_after_bounded_retries() {
        sim.faults().slowRest(Duration.ofMillis(1500));
        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class,
                () -> ask(new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null)));
        assertTrue(e.getMessage().contains("4 tries"), e.getMessage());
    }
}
