package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade's WebSocket endpoint on the assembled module (Camel Main, the real stream) against the simulator as a
 * real server on 127.0.0.1: many local clients share the module's one upstream connection and one subscription,
 * each gets only its own streams in its own format, PING and errors are Upbit's, and a dropped upstream resumes
 * for every client without their reconnecting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalWebSocketAgainstSimulatorIT {

    private static final List<String> MARKETS = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL");
    private static final List<String> FORMATS = List.of("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static UpbitSimulator sim;
    private static RunningModule module;
    private static HttpClient http;
    private static String url;
    private static final List<LocalWsTestClient> OPEN = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // the market's clock held: a ticker's 24 h sums roll with the exchange's clock without a trade, so the last
        // ticker sent and a later REST ticker would differ once a seeded trade left the window between them; rate
        // limits keep real time
        sim = UpbitSimulator.builder().markets(MARKETS).seed(7).tradesPerSecond(0).requestsPerSecond(1000)
                .clock(java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))
                .rateLimitClock(java.time.Clock.systemUTC()).build().start();
        module = new RunningModule(sim, Map.of());
        http = HttpClient.newHttpClient();
        url = LocalWsTestClient.wsUrl(module.baseUrl());
    }

    @AfterAll
    static void stop() {
        OPEN.forEach(LocalWsTestClient::close);
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    private static LocalWsTestClient client() throws Exception {
        LocalWsTestClient client = new LocalWsTestClient(http, url);
        OPEN.add(client);
        return client;
    }

    private static LocalStreamHub hub() {
        return module.context().getRegistry().lookupByNameAndType(LocalWebSocketRoutes.HUB, LocalStreamHub.class);
    }

    /** What one client asked for: type to codes, and its format. */
    private record Asked(Map<String, Set<String>> streams, String format) {
        String message(String ticket) {
            StringBuilder json = new StringBuilder("[{\"ticket\":\"" + ticket + "\"}");
            streams.forEach((type, codes) -> json.append(",{\"type\":\"").append(type).append("\",\"codes\":[")
                    .append(String.join(",", codes.stream().map(c -> "\"" + c + "\"").toList())).append("]}"));
            return json.append(",{\"format\":\"").append(format).append("\"}]").toString();
        }
    }

    private static void stepAll(int times) {
        for (int i = 0; i < times; i++) {
            MARKETS.forEach(m -> sim.market().step(m));
        }
    }

    /** The message unwrapped from a LIST format and with SIMPLE names read back (ty, cd, st). */
    private static String field(JsonNode message, String name, String simpleName) {
        JsonNode m = message.isArray() ? message.get(0) : message;
        return m.has(name) ? m.path(name).asText() : m.path(simpleName).asText();
    }

    @Test
    @Order(1)
    void fifty_clients_share_one_upstream_connection_and_one_coalesced_subscription() throws Exception {
        // hold the subscription route so all 50 subscriptions land in one period, then let it send
        module.context().getRouteController().suspendRoute("upbit-ws-subscribe");
        long subscriptionsBefore = sim.counters().subscriptionsReceived();
        Map<LocalWsTestClient, Asked> clients = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Set<String>> streams = new LinkedHashMap<>();
            streams.put("ticker", new TreeSet<>(List.of(MARKETS.get(i % 4), MARKETS.get((i + 1) % 4))));
            if (i % 5 == 0) {
                streams.put("trade", new TreeSet<>(List.of(MARKETS.get(i % 4))));
            }
            if (i % 7 == 0) {
                streams.put("orderbook", new TreeSet<>(List.of(MARKETS.get((i + 2) % 4))));
            }
            clients.put(client(), new Asked(streams, FORMATS.get(i % 4)));
        }
        int n = 0;
        for (Map.Entry<LocalWsTestClient, Asked> c : clients.entrySet()) {
            c.getKey().send(c.getValue().message("client-" + n++));
        }
        Await.until("50 local subscriptions in the hub", WAIT, () -> hub().clients().stream()
                .filter(c -> c.subscription() != null).count() >= 50);
        module.context().getRouteController().resumeRoute("upbit-ws-subscribe");
        Await.until("the coalesced subscription upstream", WAIT,
                () -> sim.counters().subscriptionsReceived() > subscriptionsBefore);

        Await.until("every client's every stream delivered", WAIT, () -> {
            stepAll(1);
            return clients.entrySet().stream().allMatch(c -> c.getValue().streams().entrySet().stream()
                    .allMatch(s -> s.getValue().stream().allMatch(code -> c.getKey().messages().stream()
                            .anyMatch(m -> field(m, "type", "ty").equals(s.getKey())
                                    && field(m, "code", "cd").equals(code)))));
        });

        long messages = 0;
        for (Map.Entry<LocalWsTestClient, Asked> c : clients.entrySet()) {
            Asked asked = c.getValue();
            Set<String> snapshotsSeen = new HashSet<>();
            Map<String, Long> lastTimestamp = new HashMap<>();
            for (JsonNode m : c.getKey().messages()) {
                messages++;
                boolean list = asked.format().endsWith("_LIST");
                boolean simple = asked.format().startsWith("SIMPLE");
                assertEquals(list, m.isArray(), asked.format() + ": " + m);
                JsonNode item = list ? m.get(0) : m;
                assertEquals(simple, item.has("ty"), asked.format() + ": " + item);
                assertEquals(!simple, item.has("type"), asked.format() + ": " + item);
                String type = field(m, "type", "ty");
                String code = field(m, "code", "cd");
                assertTrue(asked.streams().containsKey(type), "type not asked for: " + item);
                assertTrue(asked.streams().get(type).contains(code), "code not asked for: " + item);
                String streamType = field(m, "stream_type", "st");
                long timestamp = Long.parseLong(field(m, "timestamp", "tms"));
                Long previous = lastTimestamp.put(type + code, timestamp);
                // states never go back in time; trades are events, each sent once, possibly late
                assertTrue("trade".equals(type) || previous == null || previous <= timestamp, "a stream went back in time: " + item);
                // the first message of each stream is its snapshot, every later one realtime
                assertEquals(snapshotsSeen.add(type + code) ? "SNAPSHOT" : "REALTIME", streamType,
                        asked + " " + c.getKey().messages().stream().map(x -> field(x, "type", "ty") + "/" + field(x, "code", "cd")
                                + "/" + field(x, "stream_type", "st") + "/" + field(x, "timestamp", "tms")).toList());
            }
        }
        long upstreamSubscriptions = sim.counters().subscriptionsReceived() - subscriptionsBefore;
                System.out.printf("FANOUT_50 clients=50 upstream-open-connections=%d upstream-connections-accepted=%d "
                        + "upstream-subscription-messages=%d messages-to-clients=%d hub{%s}%n",
                sim.counters().openConnections(), sim.counters().connectionsAccepted(), upstreamSubscriptions, messages, hub());
        assertEquals(1, sim.counters().openConnections(), "one upstream connection");
        assertEquals(1, sim.counters().connectionsAccepted(), "no client opened anything upstream");
        assertEquals(1, upstreamSubscriptions, "one coalesced subscription message for 50 clients");
    }

    @Test
    @Order(2)
    void ping_and_refused_subscriptions_are_answered_in_upbit_shape() throws Exception {
        LocalWsTestClient client = client();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("not json", "WRONG_FORMAT");
        refusals.put("{\"ticket\":\"t\"}", "WRONG_FORMAT");
        refusals.put("[{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]}]", "NO_TICKET");
        refusals.put("[{\"ticket\":\"t\"}]", "NO_TYPE");
        refusals.put("[{\"ticket\":\"t\"},{\"type\":\"ticker\"}]", "NO_CODES");
        refusals.put("[{\"ticket\":\"t\"},{\"type\":\"candle.1d\",\"codes\":[\"KRW-BTC\"]}]", "INVALID_PARAM");
        refusals.put("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"btc\"]}]", "INVALID_PARAM");
        refusals.put("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"XML\"}]", "INVALID_PARAM");
        client.send("PING");
        Await.until("PING answered", WAIT, () -> client.messages().size() == 1);
        assertEquals(ExactJson.read("{\"status\":\"UP\"}"), client.messages().get(0));
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            client.send(refusal.getKey());
            expected.add(refusal.getValue());
            // one at a time: the per-client budget is 5 subscription messages a second
            Await.until("answer to " + refusal.getKey(), WAIT, () -> client.messages().size() == expected.size() + 1);
            JsonNode answer = client.messages().get(expected.size());
            assertEquals(refusal.getValue(), answer.path("error").path("name").asText(), refusal.getKey() + " -> " + answer);
            assertTrue(answer.path("error").path("message").isTextual());
            assertEquals(Set.of("error"), fieldNames(answer));
            if (expected.size() % 4 == 0) {
                // wait out the second the budget counts
                long at = System.currentTimeMillis();
                Await.until("a second passes", WAIT, () -> System.currentTimeMillis() - at > 1000);
            }
        }
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(module.baseUrl() + "/websocket/v1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, plain.statusCode());
        assertEquals("WRONG_FORMAT", ExactJson.read(plain.body()).path("error").path("name").asText());
        System.out.println("LOCAL_WS_ERRORS " + expected);
    }

    @Test
    @Order(3)
    void snapshot_only_realtime_only_and_orderbook_units_are_honoured_with_exact_numbers() throws Exception {
        LocalWsTestClient snapshotOnly = client();
        LocalWsTestClient realtimeOnly = client();
        LocalWsTestClient units = client();
        stepAll(1); // fresh cache entries for the snapshots
        Await.until("fresh tickers cached", WAIT, () -> hub().published() > 0);
        snapshotOnly.send("[{\"ticket\":\"s\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\",\"KRW-ETH\"],\"is_only_snapshot\":true}]");
        realtimeOnly.send("[{\"ticket\":\"r\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":true}]");
        units.send("[{\"ticket\":\"u\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC.5\"]}]");
        // from the cache when fresh, else the next item stored: either way one snapshot per code
        Await.until("snapshots", WAIT, () -> {
            stepAll(1);
            return snapshotOnly.messages().size() == 2 && units.messages().size() >= 1;
        });
        long published = hub().published();
        // a round at a time: tickers the tap hands over out of order are skipped, so count what arrives
        Await.until("realtime tickers", WAIT, () -> {
            stepAll(1);
            return realtimeOnly.messages().size() >= 3 && hub().published() > published + 10;
        });
        assertEquals(2, snapshotOnly.messages().size(), "only the snapshots: " + snapshotOnly.messages());
        snapshotOnly.messages().forEach(m -> assertEquals("SNAPSHOT", m.path("stream_type").asText()));
        realtimeOnly.messages().forEach(m -> assertEquals("REALTIME", m.path("stream_type").asText()));
        units.messages().forEach(m -> assertEquals(5, m.path("orderbook_units").size(), m.toString()));

        // the last ticker sent equals the exchange's own REST ticker on every field both carry, digit for digit
        JsonNode rest = HttpAnswers.json(new HttpAnswers("http://127.0.0.1:" + sim.port()).get("/v1/ticker?markets=KRW-BTC")).get(0);
        Await.until("the last trade's ticker", WAIT, () -> realtimeOnly.messages().get(realtimeOnly.messages().size() - 1)
                .get("trade_timestamp").equals(rest.get("trade_timestamp")));
        JsonNode last = realtimeOnly.messages().get(realtimeOnly.messages().size() - 1);
        Set<String> compared = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = last.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (rest.has(f.getKey())) {
                assertEquals(rest.get(f.getKey()), f.getValue(), "field " + f.getKey());
                compared.add(f.getKey());
            }
        }
        assertEquals(rest.get("market"), last.get("code"));
        assertTrue(compared.containsAll(List.of("trade_price", "acc_trade_price", "acc_trade_volume", "timestamp")), compared.toString());
        System.out.println("LOCAL_WS_TICKER_PARITY fields=" + compared);
    }

    @Test
    @Order(4)
    void a_dropped_upstream_connection_resumes_for_every_client_without_their_reconnecting() throws Exception {
        List<LocalWsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            LocalWsTestClient c = client();
            c.send("[{\"ticket\":\"d" + i + "\"},{\"type\":\"trade\",\"codes\":[\"" + MARKETS.get(i % 4) + "\"]}]");
            clients.add(c);
        }
        Await.until("trades before the drop", WAIT, () -> {
            stepAll(1);
            return clients.stream().allMatch(c -> c.messages().size() >= 1);
        });
        long accepted = sim.counters().connectionsAccepted();
        Map<LocalWsTestClient, Integer> before = new HashMap<>();
        clients.forEach(c -> before.put(c, c.messages().size()));
        sim.faults().dropAllConnections();
        Await.until("the module reconnected upstream", WAIT,
                () -> sim.counters().connectionsAccepted() == accepted + 1 && sim.counters().openConnections() == 1);
        Await.until("trades after the drop reach every client", WAIT, () -> {
            stepAll(1);
            return clients.stream().allMatch(c -> c.messages().size() > before.get(c));
        });
        clients.forEach(c -> assertFalse(c.closedByServer(), "a local client was disconnected"));
        assertEquals(1, sim.counters().openConnections());
        System.out.printf("LOCAL_WS_RESUME clients=10 upstream-connections-accepted-after-drop=%d local-reconnects=0%n",
                sim.counters().connectionsAccepted() - accepted);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
