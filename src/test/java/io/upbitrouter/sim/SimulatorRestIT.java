package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST quotation API through a real HTTP client: paths, parameters, shapes, ordering, paging and errors. */
class SimulatorRestIT {

    static final Instant START = Instant.parse("2025-06-24T04:56:53.250Z");
    static MutableClock clock;
    static UpbitSimulator sim;
    static String base;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP")).seed(42).tradesPerSecond(0)
                .clock(clock).requestsPerSecond(1000).build().start();
        base = sim.restBaseUrl();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void resetLimits() {
        sim.limits().reset();
    }

    static JsonNode fixture(String name) throws Exception {
        try (InputStream in = SimulatorRestIT.class.getResourceAsStream("/fixtures/" + name)) {
            return SimWsClient.JSON.readTree(in);
        }
    }

    static List<String> fields(JsonNode o) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = SimHttp.get(base + pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return SimHttp.json(r);
    }

    @Test
    void should_answer_ticker_with_the_fixture_fields_for_each_market_asked() throws Exception {
        JsonNode body = getJson("/ticker?markets=KRW-BTC,KRW-ETH");
        assertEquals(2, body.size());
        assertEquals("KRW-BTC", body.get(0).get("market").asText());
        assertEquals("KRW-ETH", body.get(1).get("market").asText());
        assertEquals(fields(fixture("rest_ticker.json").get(0)), fields(body.get(0)));
        assertTrue(body.get(0).get("trade_price").isNumber());
    }

    @Test
    void should_list_markets_with_and_without_details() throws Exception {
        JsonNode plain = getJson("/market/all");
        assertEquals(3, plain.size());
        assertEquals(List.of("market", "korean_name", "english_name"), fields(plain.get(0)));
        JsonNode details = getJson("/market/all?is_details=true");
        assertTrue(details.get(0).has("market_event"));
    }

    @Test
    void should_answer_minute_candles_newest_first_with_the_fixture_fields() throws Exception {
        JsonNode body = getJson("/candles/minutes/1?market=KRW-BTC&count=50");
        assertEquals(50, body.size());
        assertEquals(fields(fixture("rest_candles_minutes_1.json").get(0)), fields(body.get(0)));
        assertEquals(1, body.get(0).get("unit").asInt());
        for (int i = 1; i < body.size(); i++) {
            assertTrue(body.get(i - 1).get("candle_date_time_utc").asText()
                    .compareTo(body.get(i).get("candle_date_time_utc").asText()) > 0, "newest first");
        }
    }

    @Test
    void should_cut_count_to_200() throws Exception {
        assertEquals(200, getJson("/candles/minutes/1?market=KRW-BTC&count=500").size());
    }

    @Test
    void should_treat_to_as_exclusive_in_upbits_three_formats() throws Exception {
        JsonNode z = getJson("/candles/minutes/1?market=KRW-ETH&count=5&to=2025-06-24T03:00:00Z");
        JsonNode spaced = getJson("/candles/minutes/1?market=KRW-ETH&count=5&to=2025-06-24%2003:00:00");
        JsonNode kst = getJson("/candles/minutes/1?market=KRW-ETH&count=5&to=2025-06-24T12:00:00%2B09:00");
        assertEquals(z, spaced);
        assertEquals(z, kst);
        assertTrue(z.get(0).get("candle_date_time_utc").asText().compareTo("2025-06-24T03:00:00") < 0, "to is exclusive");
        assertEquals("2025-06-24T11:59:00".compareTo(z.get(0).get("candle_date_time_kst").asText()) >= 0, true);
    }

    @Test
    void should_page_back_1000_one_minute_candles_with_gaps_the_same_each_time() throws Exception {
        List<JsonNode> first = pageBack("KRW-BTC", 1000);
        List<JsonNode> second = pageBack("KRW-BTC", 1000);
        assertEquals(1000, first.size());
        assertEquals(first, second);
        Set<String> times = new HashSet<>();
        first.forEach(c -> times.add(c.get("candle_date_time_utc").asText()));
        assertEquals(1000, times.size(), "no duplicates at page seams");
        LocalDateTime newest = LocalDateTime.parse(first.get(0).get("candle_date_time_utc").asText());
        LocalDateTime oldest = LocalDateTime.parse(first.get(999).get("candle_date_time_utc").asText());
        long minutesSpanned = Duration.between(oldest, newest).toMinutes() + 1;
        assertTrue(minutesSpanned > 1000, "quiet minutes leave gaps: " + minutesSpanned);

        // the same seed and start give the same history in a fresh simulator
        try (UpbitSimulator other = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(42).tradesPerSecond(0)
                .clock(new MutableClock(START)).requestsPerSecond(1000).build().start()) {
            JsonNode page = SimHttp.json(SimHttp.get(other.restBaseUrl() + "/candles/minutes/1?market=KRW-BTC&count=200"));
            for (int i = 0; i < 200; i++) {
                assertEquals(first.get(i), page.get(i));
            }
        }
    }

    private List<JsonNode> pageBack(String market, int total) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String to = null;
        while (all.size() < total) {
            JsonNode page = getJson("/candles/minutes/1?market=" + market + "&count=200" + (to == null ? "" : "&to=" + to + "Z"));
            assertFalse(page.isEmpty());
            page.forEach(all::add);
            to = page.get(page.size() - 1).get("candle_date_time_utc").asText();
        }
        return all.subList(0, total);
    }

    @Test
    void should_aggregate_the_same_trades_across_periods() throws Exception {
        JsonNode fives = getJson("/candles/minutes/5?market=KRW-XRP&count=1&to=2025-06-24T02:00:00Z").get(0);
        JsonNode ones = getJson("/candles/minutes/1?market=KRW-XRP&count=5&to=2025-06-24T02:00:00Z");
        double volume = 0;
        double high = 0;
        for (JsonNode c : ones) {
            if (c.get("candle_date_time_utc").asText().compareTo(fives.get("candle_date_time_utc").asText()) >= 0) {
                volume += c.get("candle_acc_trade_volume").asDouble();
                high = Math.max(high, c.get("high_price").asDouble());
            }
        }
        assertEquals(fives.get("candle_acc_trade_volume").asDouble(), volume, 1e-6);
        assertEquals(fives.get("high_price").asDouble(), high);
    }

    @Test
    void should_serve_seconds_days_weeks_months_and_years_with_their_extra_fields() throws Exception {
        JsonNode seconds = getJson("/candles/seconds?market=KRW-BTC&count=3&to=2025-06-24T04:00:00Z");
        assertEquals(3, seconds.size());
        assertFalse(seconds.get(0).has("unit"));
        JsonNode days = getJson("/candles/days?market=KRW-BTC&count=3");
        assertEquals(3, days.size());
        assertTrue(days.get(0).has("prev_closing_price") && days.get(0).has("change_rate"));
        assertEquals(days.get(1).get("trade_price"), days.get(0).get("prev_closing_price"));
        assertTrue(days.get(0).get("candle_date_time_utc").asText().endsWith("T00:00:00"));
        JsonNode weeks = getJson("/candles/weeks?market=KRW-BTC&count=2");
        assertEquals("2025-06-23", weeks.get(0).get("first_day_of_period").asText());
        assertEquals("2025-06-01", getJson("/candles/months?market=KRW-BTC&count=1").get(0).get("first_day_of_period").asText());
        assertEquals("2025-01-01", getJson("/candles/years?market=KRW-BTC&count=1").get(0).get("first_day_of_period").asText());
    }

    @Test
    void should_convert_day_candles_of_a_non_krw_market_to_krw_when_asked() throws Exception {
        try (UpbitSimulator other = UpbitSimulator.builder().markets(List.of("KRW-BTC", "BTC-ETH")).seed(42)
                .tradesPerSecond(0).clock(clock).build().start()) {
            String url = other.restBaseUrl() + "/candles/days?market=BTC-ETH&count=3&converting_price_unit=KRW";
            JsonNode converted = SimHttp.json(SimHttp.get(url));
            JsonNode rates = SimHttp.json(SimHttp.get(other.restBaseUrl() + "/candles/days?market=KRW-BTC&count=3"));
            assertEquals(3, converted.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(rates.get(i).get("candle_date_time_utc"), converted.get(i).get("candle_date_time_utc"));
                java.math.BigDecimal expected = converted.get(i).get("trade_price").decimalValue()
                        .multiply(rates.get(i).get("trade_price").decimalValue());
                // the close times the KRW market's close of that day, to 8 decimals as the simulator writes numbers
                assertEquals(0, expected.setScale(8, java.math.RoundingMode.HALF_UP).compareTo(
                        converted.get(i).get("converted_trade_price").decimalValue().setScale(8, java.math.RoundingMode.HALF_UP))
                        , converted.get(i).toString());
            }
            assertFalse(SimHttp.json(SimHttp.get(other.restBaseUrl() + "/candles/days?market=BTC-ETH&count=1")).get(0)
                    .has("converted_trade_price"), "only when asked");
            assertFalse(SimHttp.json(SimHttp.get(other.restBaseUrl() + "/candles/days?market=KRW-BTC&count=1&converting_price_unit=KRW"))
                    .get(0).has("converted_trade_price"), "KRW markets are not converted");
            assertEquals(400, SimHttp.get(other.restBaseUrl() + "/candles/days?market=BTC-ETH&converting_price_unit=USD").statusCode());
        }
    }

    @Test
    void should_answer_an_empty_list_for_seconds_older_than_three_months() throws Exception {
        assertEquals(0, getJson("/candles/seconds?market=KRW-BTC&count=3&to=2025-01-01T00:00:00Z").size());
    }

    @Test
    void should_answer_trade_ticks_with_the_fixture_fields_and_page_with_cursor() throws Exception {
        JsonNode ticks = getJson("/trades/ticks?market=KRW-BTC&count=10&to=04:00:00");
        assertEquals(10, ticks.size());
        assertEquals(fields(fixture("rest_trades_ticks.json").get(0)), fields(ticks.get(0)));
        assertTrue(ticks.get(0).get("trade_time_utc").asText().compareTo("04:00:00") < 0);
        long cursor = ticks.get(9).get("sequential_id").asLong();
        JsonNode next = getJson("/trades/ticks?market=KRW-BTC&count=5&cursor=" + cursor);
        assertTrue(next.get(0).get("sequential_id").asLong() < cursor);
        assertTrue(next.get(0).get("timestamp").asLong() <= ticks.get(9).get("timestamp").asLong());
        JsonNode yesterday = getJson("/trades/ticks?market=KRW-BTC&count=2&days_ago=1");
        assertEquals("2025-06-23", yesterday.get(0).get("trade_date_utc").asText());
    }

    @Test
    void should_answer_a_full_orderbook_snapshot_with_the_fixture_fields() throws Exception {
        JsonNode books = getJson("/orderbook?markets=KRW-BTC,KRW-ETH");
        assertEquals(2, books.size());
        JsonNode book = books.get(0);
        List<String> expected = new ArrayList<>(fields(fixture("rest_orderbook.json").get(0)));
        expected.add("level");
        assertEquals(expected, fields(book));
        assertEquals(30, book.get("orderbook_units").size());
        assertEquals(fields(fixture("rest_orderbook.json").get(0).get("orderbook_units").get(0)),
                fields(book.get("orderbook_units").get(0)));
        JsonNode u0 = book.get("orderbook_units").get(0);
        assertTrue(u0.get("ask_price").asDouble() > u0.get("bid_price").asDouble());
        assertEquals(5, getJson("/orderbook?markets=KRW-BTC&count=5").get(0).get("orderbook_units").size());
        JsonNode grouped = getJson("/orderbook?markets=KRW-BTC&level=100000&count=3").get(0);
        assertEquals(100000, grouped.get("level").asInt());
        for (JsonNode u : grouped.get("orderbook_units")) {
            assertEquals(0, u.get("ask_price").asLong() % 100000);
            assertEquals(0, u.get("bid_price").asLong() % 100000);
        }
        assertEquals(0, getJson("/orderbook?markets=KRW-BTC&level=1500").size(), "an unsupported level gives []");
    }

    @Test
    void should_answer_upbits_400_error_for_a_missing_parameter() throws Exception {
        HttpResponse<String> r = SimHttp.get(base + "/candles/minutes/1");
        assertEquals(400, r.statusCode());
        assertEquals(fixture("rest_error_400_missing_param.json"), SimHttp.json(r));
        HttpResponse<String> badTo = SimHttp.get(base + "/candles/minutes/1?market=KRW-BTC&to=yesterday");
        assertEquals(400, badTo.statusCode());
        assertEquals(400, SimHttp.json(badTo).get("error").get("name").asInt());
        assertEquals(400, SimHttp.get(base + "/candles/minutes/7?market=KRW-BTC").statusCode());
        assertEquals(400, SimHttp.get(base + "/candles/days?market=KRW-BTC&count=0").statusCode());
    }

    @Test
    void should_answer_upbits_404_error_for_an_unknown_market() throws Exception {
        HttpResponse<String> r = SimHttp.get(base + "/ticker?markets=KRW-NOPE");
        assertEquals(404, r.statusCode());
        assertEquals(fixture("rest_error_404_code_not_found.json"), SimHttp.json(r));
    }

    @Test
    void should_send_remaining_req_on_every_response() throws Exception {
        assertEquals("group=ticker; min=600; sec=999", SimHttp.get(base + "/ticker?markets=KRW-BTC").headers().firstValue("Remaining-Req").orElseThrow());
        assertTrue(SimHttp.get(base + "/candles/days?market=KRW-BTC").headers().firstValue("Remaining-Req").orElseThrow().startsWith("group=candles;"));
        assertTrue(SimHttp.get(base + "/trades/ticks?market=KRW-BTC").headers().firstValue("Remaining-Req").orElseThrow().startsWith("group=trade;"));
        assertTrue(SimHttp.get(base + "/orderbook?markets=KRW-BTC").headers().firstValue("Remaining-Req").orElseThrow().startsWith("group=orderbook;"));
        assertTrue(SimHttp.get(base + "/market/all").headers().firstValue("Remaining-Req").orElseThrow().startsWith("group=market;"));
        assertTrue(SimHttp.get(base + "/ticker?markets=KRW-NOPE").headers().firstValue("Remaining-Req").isPresent(), "errors too");
    }

    @Test
    void should_derive_ticker_and_candles_from_live_trades() throws Exception {
        clock.advance(Duration.ofSeconds(1));
        Trade t = sim.market().publishTrade("KRW-XRP", 3333, 2.5, "BID");
        JsonNode ticker = getJson("/ticker?markets=KRW-XRP").get(0);
        assertEquals(3333, ticker.get("trade_price").asDouble());
        assertEquals(t.timestamp(), ticker.get("trade_timestamp").asLong());
        JsonNode candle = getJson("/candles/minutes/1?market=KRW-XRP").get(0);
        assertEquals(3333, candle.get("trade_price").asDouble());
        assertEquals(t.timestamp(), candle.get("timestamp").asLong());
        JsonNode tick = getJson("/trades/ticks?market=KRW-XRP").get(0);
        assertEquals(t.sequentialId(), tick.get("sequential_id").asLong());
        assertEquals("BID", tick.get("ask_bid").asText());
    }

    @Test
    void should_answer_ticker_all_for_a_quote_currency() throws Exception {
        JsonNode all = getJson("/ticker/all?quote_currencies=KRW");
        assertEquals(3, all.size());
        assertEquals(0, getJson("/ticker/all?quote_currencies=BTC").size());
    }

    @Test
    void should_accept_trade_ticks_to_in_both_time_formats() throws Exception {
        assertEquals(getJson("/trades/ticks?market=KRW-ETH&count=3&to=031500"), getJson("/trades/ticks?market=KRW-ETH&count=3&to=03:15:00"));
        assertEquals(400, SimHttp.get(base + "/trades/ticks?market=KRW-ETH&to=3pm").statusCode());
        assertEquals(400, SimHttp.get(base + "/trades/ticks?market=KRW-ETH&days_ago=8").statusCode());
    }

    @Test
    void should_agree_between_ticker_day_candles_and_trade_ticks() throws Exception {
        JsonNode ticker = getJson("/ticker?markets=KRW-ETH").get(0);
        JsonNode days = getJson("/candles/days?market=KRW-ETH&count=2");
        assertEquals(days.get(1).get("trade_price"), ticker.get("prev_closing_price"), "yesterday's close");
        assertEquals(days.get(0).get("opening_price"), ticker.get("opening_price"));
        assertEquals(days.get(0).get("high_price"), ticker.get("high_price"));
        assertEquals(days.get(0).get("trade_price"), ticker.get("trade_price"));
        assertEquals(days.get(0).get("candle_acc_trade_volume").asDouble(), ticker.get("acc_trade_volume").asDouble(), 1e-6);
        JsonNode tick = getJson("/trades/ticks?market=KRW-ETH").get(0);
        assertEquals(ticker.get("trade_price"), tick.get("trade_price"));
        assertEquals(ticker.get("prev_closing_price"), tick.get("prev_closing_price"));
        assertEquals(ticker.get("trade_timestamp"), tick.get("timestamp"));
    }
}
