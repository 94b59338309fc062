package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.upbitrouter.sim.SimulatorRestIT.fields;
import static io.upbitrouter.sim.SimulatorRestIT.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket stream through a real client: subscription rules, formats, SNAPSHOT/REALTIME, PING, limits. */
class SimulatorWebSocketIT {

    static MutableClock clock;
    static UpbitSimulator sim;
    final List<SimWsClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2025-06-24T04:56:53.250Z"));
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(7).tradesPerSecond(0)
                .clock(clock).idleTimeout(Duration.ofSeconds(120)).build().start();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void fresh() {
        sim.limits().reset();
        sim.faults().reset();
        clock.advance(Duration.ofSeconds(1)); // a new rate-limit second for every test
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SimWsClient::close);
    }

    SimWsClient connect() throws Exception {
        SimWsClient c = SimWsClient.connect(sim.wsUrl());
        clients.add(c);
        return c;
    }

    static String subscribe(String type, String codes, String extra) {
        return "[{\"ticket\":\"t-1\"},{\"type\":\"" + type + "\",\"codes\":[" + codes + "]" + extra + "},{\"format\":\"DEFAULT\"}]";
    }

    @Test
    void should_stay_silent_until_subscribed() throws Exception {
        SimWsClient c = connect();
        sim.market().step();
        c.send("PING"); // a reply proves the connection is up and everything before it was nothing
        SimWsClient.Message first = c.next();
        assertEquals("{\"status\":\"UP\"}", first.text());
    }

    @Test
    void should_answer_text_ping_with_status_up_in_a_binary_frame() throws Exception {
        SimWsClient c = connect();
        c.send("PING");
        SimWsClient.Message m = c.next();
        assertEquals(fixture("ws_status_up.json"), m.json());
        assertTrue(m.binary());
    }

    @Test
    void should_send_snapshot_first_then_realtime_in_binary_default_frames() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("ticker", "\"KRW-BTC\"", ""));
        SimWsClient.Message snap = c.next();
        assertTrue(snap.binary());
        assertEquals("SNAPSHOT", snap.json().get("stream_type").asText());
        assertEquals(fields(fixture("ws_ticker_default.json")), fields(snap.json()));
        clock.advance(Duration.ofMillis(10));
        Trade t = sim.market().step("KRW-BTC");
        JsonNode rt = c.nextJson();
        assertEquals("REALTIME", rt.get("stream_type").asText());
        assertEquals("KRW-BTC", rt.get("code").asText());
        assertEquals(t.timestamp(), rt.get("timestamp").asLong());
        assertEquals(t.price(), rt.get("trade_price").asDouble());
    }

    @Test
    void should_send_trade_orderbook_and_candle_shapes_as_the_fixtures() throws Exception {
        SimWsClient c = connect();
        c.send("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-ETH\"]},{\"type\":\"orderbook\",\"codes\":[\"KRW-ETH.5\"]},"
                + "{\"type\":\"candle.1s\",\"codes\":[\"KRW-ETH\"]},{\"type\":\"candle.15m\",\"codes\":[\"KRW-ETH\"]}]");
        List<JsonNode> snaps = List.of(c.nextJson(), c.nextJson(), c.nextJson(), c.nextJson());
        JsonNode trade = snaps.get(0);
        assertEquals(fields(fixture("ws_trade_default.json")), fields(trade));
        assertTrue(trade.get("trade_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertTrue(trade.get("trade_time").asText().matches("\\d{2}:\\d{2}:\\d{2}"));
        JsonNode book = snaps.get(1);
        List<String> bookFields = new ArrayList<>(fields(fixture("ws_orderbook_default_truncated.json")));
        bookFields.add(bookFields.indexOf("stream_type"), "level");
        assertEquals(bookFields, fields(book));
        assertEquals(5, book.get("orderbook_units").size());
        assertEquals(fields(fixture("ws_candle_1s_default.json")), fields(snaps.get(2)));
        assertEquals("candle.1s", snaps.get(2).get("type").asText());
        assertEquals("candle.15m", snaps.get(3).get("type").asText());
        assertFalse(snaps.get(3).has("unit"));
    }

    @Test
    void should_abbreviate_fields_in_simple_format() throws Exception {
        SimWsClient c = connect();
        c.send("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE\"}]");
        JsonNode simple = c.nextJson();
        Set<String> expected = new TreeSet<>(fields(fixture("ws_ticker_simple_truncated.json")));
        expected.addAll(List.of("atp24h", "atv24h", "st"));
        assertEquals(expected, new TreeSet<>(fields(simple)));
        assertEquals("SNAPSHOT", simple.get("st").asText());
        c.send("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE\"}]");
        JsonNode trade = c.nextJson();
        assertTrue(trade.has("sid") && trade.has("td") && trade.has("ttm") && trade.has("tp") && trade.has("cd"));
        c.send("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC.1\"]},{\"format\":\"SIMPLE\"}]");
        JsonNode book = c.nextJson();
        assertTrue(book.get("obu").get(0).has("ap") && book.has("tas") && book.has("tbs"));
        c.send("[{\"ticket\":\"t\"},{\"type\":\"candle.1m\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE_LIST\"}]");
        JsonNode list = c.nextJson();
        assertTrue(list.isArray());
        assertTrue(list.get(0).has("cdttmu") && list.get(0).has("catv"));
    }

    @Test
    void should_refuse_bad_subscriptions_with_upbits_error_names() throws Exception {
        SimWsClient c = connect();
        long errorsBefore = sim.counters().subscriptionErrors();
        c.send("not json");
        assertEquals("WRONG_FORMAT", c.nextJson().get("error").get("name").asText());
        c.send("[{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]}]");
        assertEquals("NO_TICKET", c.nextJson().get("error").get("name").asText());
        clock.advance(Duration.ofSeconds(1));
        c.send("[{\"ticket\":\"t\"},{\"format\":\"DEFAULT\"}]");
        assertEquals("NO_TYPE", c.nextJson().get("error").get("name").asText());
        c.send("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[]}]");
        assertEquals("NO_CODES", c.nextJson().get("error").get("name").asText());
        c.send("[{\"ticket\":\"t\"},{\"type\":\"candle.1d\",\"codes\":[\"KRW-BTC\"]}]");
        JsonNode err = c.nextJson();
        assertEquals("INVALID_PARAM", err.get("error").get("name").asText());
        assertTrue(err.get("error").has("message"));
        assertEquals(errorsBefore + 5, sim.counters().subscriptionErrors(), "every refusal counted");
    }

    @Test
    void should_replace_the_previous_subscription_with_a_new_one() throws Exception {
        SimWsClient c = connect();
        long received = sim.counters().subscriptionsReceived();
        c.send(subscribe("ticker", "\"KRW-BTC\"", ""));
        assertEquals("KRW-BTC", c.nextJson().get("code").asText());
        c.send(subscribe("ticker", "\"KRW-ETH\"", ""));
        assertEquals("KRW-ETH", c.nextJson().get("code").asText());
        assertEquals(received + 2, sim.counters().subscriptionsReceived());
        clock.advance(Duration.ofMillis(5));
        sim.market().step("KRW-BTC");
        sim.market().step("KRW-ETH");
        JsonNode next = c.nextJson();
        assertEquals("KRW-ETH", next.get("code").asText(), "KRW-BTC is no longer subscribed");
        assertEquals("REALTIME", next.get("stream_type").asText());
    }

    @Test
    void should_honour_only_snapshot_and_only_realtime() throws Exception {
        SimWsClient snapOnly = connect();
        snapOnly.send(subscribe("trade", "\"KRW-BTC\"", ",\"is_only_snapshot\":true"));
        assertEquals("SNAPSHOT", snapOnly.nextJson().get("stream_type").asText());
        SimWsClient rtOnly = connect();
        rtOnly.send(subscribe("trade", "\"KRW-BTC\"", ",\"isOnlyRealtime\":true"));
        rtOnly.send("PING");
        assertEquals("UP", rtOnly.nextJson().get("status").asText(), "no snapshot before the PING answer");
        clock.advance(Duration.ofMillis(5));
        Trade t = sim.market().step("KRW-BTC");
        JsonNode rt = rtOnly.nextJson();
        assertEquals("REALTIME", rt.get("stream_type").asText());
        assertEquals(t.sequentialId(), rt.get("sequential_id").asLong());
        snapOnly.send("PING");
        assertEquals("UP", snapOnly.nextJson().get("status").asText(), "no realtime for a snapshot-only subscription");
    }

    @Test
    void should_serve_the_rest_candle_equal_to_the_last_websocket_update() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("candle.1m", "\"KRW-BTC\"", ",\"is_only_realtime\":true"));
        c.send("PING");
        assertEquals("UP", c.nextJson().get("status").asText(), "the subscription is in place once PING is answered");
        JsonNode last = null;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(700));
            sim.market().step("KRW-BTC");
            last = c.nextJson();
        }
        JsonNode rest = SimHttp.json(SimHttp.get(sim.restBaseUrl() + "/candles/minutes/1?market=KRW-BTC&count=3"));
        JsonNode same = null;
        for (JsonNode candle : rest) {
            if (candle.get("candle_date_time_utc").equals(last.get("candle_date_time_utc"))) {
                same = candle;
            }
        }
        assertTrue(same != null, "REST has the candle the stream updated");
        for (String f : List.of("candle_date_time_utc", "candle_date_time_kst", "opening_price", "high_price", "low_price",
                "trade_price", "timestamp", "candle_acc_trade_price", "candle_acc_trade_volume")) {
            assertEquals(last.get(f), same.get(f), f);
        }
    }

    @Test
    void should_close_a_connection_idle_for_longer_than_the_timeout() throws Exception {
        SimWsClient c = connect();
        clock.advance(Duration.ofSeconds(60));
        c.send("PING");
        c.next();
        clock.advance(Duration.ofSeconds(100));
        sim.closeIdleConnections();
        assertThrows(java.util.concurrent.TimeoutException.class, () -> c.closed.get(300, TimeUnit.MILLISECONDS),
                "traffic within the timeout keeps it open");
        clock.advance(Duration.ofSeconds(30));
        sim.closeIdleConnections();
        assertEquals(1000, c.closed.get(20, TimeUnit.SECONDS));
    }

    @Test
    void should_refuse_the_sixth_connection_in_one_second_with_429() throws Exception {
        clock.set(Instant.ofEpochMilli((clock.millis() / 1000 + 1) * 1000));
        for (int i = 0; i < 5; i++) {
            connect();
        }
        long refusedBefore = sim.counters().connectionsRefused();
        Exception e = assertThrows(Exception.class, () -> SimWsClient.connect(sim.wsUrl()));
        assertEquals(429, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        assertEquals(refusedBefore + 1, sim.counters().connectionsRefused());
        clock.advance(Duration.ofSeconds(1));
        connect();
    }

    @Test
    void should_refuse_the_sixth_subscription_message_in_one_second() throws Exception {
        SimWsClient c = connect();
        clock.set(Instant.ofEpochMilli((clock.millis() / 1000 + 1) * 1000));
        for (int i = 0; i < 5; i++) {
            c.send(subscribe("ticker", "\"KRW-BTC\"", ""));
            assertEquals("SNAPSHOT", c.nextJson().get("stream_type").asText());
        }
        c.send(subscribe("ticker", "\"KRW-ETH\"", ""));
        assertEquals("TOO_MANY_SUBSCRIBE", c.nextJson().get("error").get("name").asText());
        clock.advance(Duration.ofSeconds(1));
        c.send(subscribe("ticker", "\"KRW-ETH\"", ""));
        assertEquals("KRW-ETH", c.nextJson().get("code").asText());
    }

    @Test
    void should_list_the_current_subscriptions() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("trade", "\"KRW-BTC\",\"KRW-ETH\"", ",\"is_only_realtime\":true"));
        c.send(fixture("ws_request_list_subscriptions.json").toString());
        JsonNode list = c.nextJson();
        assertEquals("LIST_SUBSCRIPTIONS", list.get("method").asText());
        assertEquals("trade", list.get("result").get(0).get("type").asText());
        assertEquals(2, list.get("result").get(0).get("codes").size());
    }

    @Test
    void should_accept_the_fixture_requests() throws Exception {
        SimWsClient c = connect();
        c.send(fixture("ws_request_ticker_default.json").toString());
        assertEquals("KRW-BTC", c.nextJson().get("code").asText());
        assertEquals("KRW-ETH", c.nextJson().get("code").asText());
        c.send(fixture("ws_request_orderbook_level_units.json").toString());
        JsonNode btc = c.nextJson();
        JsonNode eth = c.nextJson();
        assertEquals(10000, btc.get("level").asInt());
        assertEquals(15, btc.get("orderbook_units").size());
        assertEquals(5, eth.get("orderbook_units").size());
        assertEquals(0, btc.get("orderbook_units").get(0).get("ask_price").asLong() % 10000);
        c.send(fixture("ws_request_candle_1s.json").toString());
        assertEquals("candle.1s", c.nextJson().get("type").asText());
        assertNull(c.poll(Duration.ofMillis(50)));
    }

    @Test
    void should_limit_websocket_connections_with_an_origin_header_to_one_per_ten_seconds() throws Exception {
        clock.set(Instant.ofEpochMilli((clock.millis() / 10_000 + 1) * 10_000));
        clients.add(SimWsClient.connect(sim.wsUrl(), "http://localhost:3000"));
        Exception e = assertThrows(Exception.class, () -> SimWsClient.connect(sim.wsUrl(), "http://localhost:3000"));
        assertEquals(429, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        clock.advance(Duration.ofSeconds(10));
        clients.add(SimWsClient.connect(sim.wsUrl(), "http://localhost:3000"));
    }

    @Test
    void should_send_a_full_orderbook_snapshot_in_every_realtime_message() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("orderbook", "\"KRW-BTC.15\"", ""));
        assertEquals(15, c.nextJson().get("orderbook_units").size());
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(100));
            Trade t = sim.market().step("KRW-BTC");
            JsonNode book = c.nextJson();
            assertEquals("REALTIME", book.get("stream_type").asText());
            assertEquals(15, book.get("orderbook_units").size());
            assertEquals(t.timestamp(), book.get("timestamp").asLong());
        }
    }

    @Test
    void should_agree_on_one_second_candles_between_rest_and_websocket() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("candle.1s", "\"KRW-ETH\"", ",\"is_only_realtime\":true"));
        c.send("PING");
        c.next();
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(100));
            sim.market().step("KRW-ETH");
            last = c.nextJson();
        }
        JsonNode rest = SimHttp.json(SimHttp.get(sim.restBaseUrl() + "/candles/seconds?market=KRW-ETH")).get(0);
        for (String f : List.of("candle_date_time_utc", "opening_price", "high_price", "low_price", "trade_price",
                "timestamp", "candle_acc_trade_price", "candle_acc_trade_volume")) {
            assertEquals(last.get(f), rest.get(f), f);
        }
    }

    @Test
    void should_count_ping_frames_as_traffic_for_the_idle_timeout() throws Exception {
        SimWsClient c = connect();
        clock.advance(Duration.ofSeconds(100));
        c.socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1})).get(20, TimeUnit.SECONDS);
        assertTrue(c.pongs.poll(20, TimeUnit.SECONDS) != null, "the server answers ping frames");
        clock.advance(Duration.ofSeconds(100));
        sim.closeIdleConnections();
        c.send("PING");
        assertEquals("UP", c.nextJson().get("status").asText(), "still open 200 s after connecting");
        assertFalse(c.closed.isDone());
    }

    @Test
    void should_still_deliver_text_subscriptions_with_frames_observed() throws Exception {
        SimWsClient c = connect();
        c.send(subscribe("trade", "\"KRW-BTC\"", ""));
        assertEquals("SNAPSHOT", c.nextJson().get("stream_type").asText());
    }
}
