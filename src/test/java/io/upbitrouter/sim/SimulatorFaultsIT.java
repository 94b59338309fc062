package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every injected fault, switched from Java and from the HTTP control endpoint, seen through real clients. */
class SimulatorFaultsIT {

    static MutableClock clock;
    static UpbitSimulator sim;
    final List<SimWsClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2025-06-24T04:56:53.250Z"));
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(3).tradesPerSecond(0).clock(clock).build().start();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void fresh() {
        sim.faults().reset();
        sim.limits().reset();
        clock.advance(Duration.ofSeconds(1));
    }

    @AfterEach
    void closeClients() throws InterruptedException {
        clients.forEach(SimWsClient::close);
        sim.faults().reset();
        // the server learns of the aborted sockets asynchronously; the next test starts with none open
        await(() -> sim.counters().openConnections() == 0);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        io.upbitrouter.testsupport.Await.until("condition", java.time.Duration.ofSeconds(20), condition);
    }

    /** A client subscribed to KRW-BTC trades, realtime only, with the subscription known to be in place. */
    SimWsClient tradeClient() throws Exception {
        SimWsClient c = SimWsClient.connect(sim.wsUrl());
        clients.add(c);
        c.send("[{\"ticket\":\"f\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_realtime\":true}]");
        c.send("PING");
        assertEquals("UP", c.nextJson().get("status").asText());
        return c;
    }

    Trade trade() {
        clock.advance(Duration.ofMillis(3));
        return sim.market().step("KRW-BTC");
    }

    @Test
    void should_drop_every_connection() throws Exception {
        SimWsClient a = tradeClient();
        SimWsClient b = tradeClient();
        await(() -> sim.counters().openConnections() == 2);
        sim.faults().dropAllConnections();
        a.closed.get(20, TimeUnit.SECONDS);
        b.closed.get(20, TimeUnit.SECONDS);
        await(() -> sim.counters().openConnections() == 0);
        SimWsClient again = tradeClient();
        assertEquals(1, sim.counters().openConnections(), "clients can reconnect");
        again.close();
    }

    @Test
    void should_go_silent_with_the_socket_kept_open() throws Exception {
        SimWsClient c = tradeClient();
        sim.faults().silent(true);
        trade();
        trade();
        assertTrue(!c.closed.isDone(), "the socket stays open");
        sim.faults().silent(false);
        Trade after = trade();
        JsonNode first = c.nextJson();
        assertEquals(after.sequentialId(), first.get("sequential_id").asLong(), "nothing was sent while silent");
    }

    @Test
    void should_send_every_message_twice_with_duplicates_on() throws Exception {
        SimWsClient c = tradeClient();
        sim.faults().duplicates(true);
        Trade t = trade();
        SimWsClient.Message one = c.next();
        SimWsClient.Message two = c.next();
        assertEquals(one.text(), two.text());
        assertEquals(t.sequentialId(), one.json().get("sequential_id").asLong());
        sim.faults().duplicates(false);
        Trade u = trade();
        assertEquals(u.sequentialId(), c.nextJson().get("sequential_id").asLong());
    }

    @Test
    void should_send_older_messages_after_newer_ones_with_out_of_order_on() throws Exception {
        SimWsClient c = tradeClient();
        sim.faults().outOfOrder(true);
        Trade t1 = trade();
        Trade t2 = trade();
        assertEquals(t2.sequentialId(), c.nextJson().get("sequential_id").asLong());
        assertEquals(t1.sequentialId(), c.nextJson().get("sequential_id").asLong());
        Trade t3 = trade();
        sim.faults().outOfOrder(false); // releases what is held
        assertEquals(t3.sequentialId(), c.nextJson().get("sequential_id").asLong());
    }

    @Test
    void should_send_malformed_frames_then_carry_on() throws Exception {
        SimWsClient c = tradeClient();
        long before = sim.counters().malformedSent();
        sim.faults().malformedFrames(3);
        for (int i = 0; i < 3; i++) {
            SimWsClient.Message m = c.next();
            assertTrue(m.binary());
            assertThrows(Exception.class, () -> SimWsClient.JSON.readTree(m.text()));
        }
        assertEquals(before + 3, sim.counters().malformedSent());
        Trade t = trade();
        assertEquals(t.sequentialId(), c.nextJson().get("sequential_id").asLong());
    }

    @Test
    void should_slow_rest_answers() throws Exception {
        sim.faults().slowRest(Duration.ofMillis(1500));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/ticker?markets=KRW-BTC"))
                .timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class, () -> client.send(r, HttpResponse.BodyHandlers.ofString()));
        long started = System.nanoTime();
        assertEquals(200, SimHttp.get(sim.restBaseUrl() + "/ticker?markets=KRW-BTC").statusCode());
        // a lower bound only: the answer cannot come before the injected delay, however loaded the machine
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(1500));
        sim.faults().slowRest(Duration.ZERO);
        assertEquals(200, SimHttp.get(sim.restBaseUrl() + "/ticker?markets=KRW-BTC").statusCode());
    }

    @Test
    void should_answer_a_burst_of_429_then_5xx() throws Exception {
        String url = sim.restBaseUrl() + "/ticker?markets=KRW-BTC";
        long tooMany = sim.counters().tooManyRequests();
        sim.faults().restErrorBurst(429, 2);
        HttpResponse<String> first = SimHttp.get(url);
        assertEquals(429, first.statusCode());
        assertTrue(first.headers().firstValue("Remaining-Req").isPresent());
        assertEquals(429, SimHttp.get(url).statusCode());
        assertEquals(200, SimHttp.get(url).statusCode());
        assertEquals(tooMany + 2, sim.counters().tooManyRequests());
        sim.faults().restErrorBurst(503, 1);
        HttpResponse<String> unavailable = SimHttp.get(url);
        assertEquals(503, unavailable.statusCode());
        assertTrue(SimHttp.json(unavailable).get("error").has("message"));
        assertEquals(200, SimHttp.get(url).statusCode());
    }

    @Test
    void should_switch_faults_over_the_control_endpoint() throws Exception {
        String control = sim.controlUrl();
        SimWsClient c = tradeClient();
        JsonNode state = SimHttp.json(SimHttp.post(control + "/faults/duplicates?on=true"));
        assertTrue(state.get("duplicates").asBoolean());
        assertTrue(sim.faults().isDuplicates());
        Trade t = trade();
        assertEquals(c.next().text(), c.next().text());
        SimHttp.post(control + "/faults/reset");
        SimHttp.post(control + "/faults/out-of-order?on=true");
        assertTrue(sim.faults().isOutOfOrder());
        SimHttp.post(control + "/faults/out-of-order?on=false");
        SimHttp.post(control + "/faults/silent?on=true");
        assertTrue(sim.faults().isSilent());
        SimHttp.post(control + "/faults/silent?on=false");
        SimHttp.post(control + "/faults/malformed?count=2");
        assertThrows(Exception.class, () -> SimWsClient.JSON.readTree(c.next().text()));
        assertThrows(Exception.class, () -> SimWsClient.JSON.readTree(c.next().text()));
        SimHttp.post(control + "/faults/slow-rest?ms=250");
        assertEquals(250, sim.faults().slowRestDelay().toMillis());
        SimHttp.post(control + "/faults/slow-rest?ms=0");
        SimHttp.post(control + "/faults/rest-error-burst?status=500&count=1");
        assertEquals(500, SimHttp.get(sim.restBaseUrl() + "/market/all").statusCode());
        SimHttp.post(control + "/faults/drop");
        c.closed.get(20, TimeUnit.SECONDS);
        assertTrue(t.sequentialId() > 0);
        SimHttp.post(control + "/market/step?market=KRW-ETH&count=2");
        assertEquals(400, SimHttp.post(control + "/faults/rest-error-burst?status=404&count=1").statusCode());
    }
}
