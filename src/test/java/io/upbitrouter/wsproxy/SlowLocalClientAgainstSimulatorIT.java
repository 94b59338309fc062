package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local client that stops reading does not slow another one: its socket backs up, its own bounded queue drops
 * the oldest messages (counted), and the fast client, on the same streams, receives every message queued for it.
 * The fast client's delivery latency (arrival minus the trade's exchange timestamp) is measured with and without
 * the stalled client and printed; the assertions are on the mechanism, not on timings.
 */
class SlowLocalClientAgainstSimulatorIT {

    private static final List<String> MARKETS = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL");
    private static final String ALL_STREAMS = "{\"type\":\"ticker\",\"codes\":" + codes() + "},{\"type\":\"trade\",\"codes\":"
            + codes() + "},{\"type\":\"orderbook\",\"codes\":" + codes() + "}";
    private static final int QUEUE = 64;
    private static final int ROUNDS = 150;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static UpbitSimulator sim;
    private static RunningModule module;

    private static String codes() {
        return "[" + String.join(",", MARKETS.stream().map(c -> "\"" + c + "\"").toList()) + "]";
    }

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(MARKETS).seed(11).tradesPerSecond(0).requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of("upbit.local-ws.queue-size", Integer.toString(QUEUE),
                "upbit.local-ws.slow-client-policy", "drop-oldest"));
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

    private static LocalStreamHub hub() {
        return module.context().getRegistry().lookupByNameAndType(LocalWebSocketRoutes.HUB, LocalStreamHub.class);
    }

    private static LocalStreamClient serverSide(String ticket) {
        return hub().clients().stream().filter(c -> c.subscription() != null && ticket.equals(c.subscription().ticket()))
                .findFirst().orElseThrow();
    }

    private static void round() {
        MARKETS.forEach(m -> sim.market().step(m));
    }

    /** Latencies of the trades received from index {@code from} on, in ms: arrival minus the trade's timestamp. */
    private static List<Long> tradeLatencies(LocalWsTestClient client, int from) {
        List<Long> latencies = new ArrayList<>();
        List<LocalWsTestClient.Received> received = client.received();
        for (int i = from; i < received.size(); i++) {
            JsonNode m = received.get(i).json();
            if ("trade".equals(m.path("type").asText()) && "REALTIME".equals(m.path("stream_type").asText())) {
                latencies.add(received.get(i).atMillis() - m.path("trade_timestamp").asLong());
            }
        }
        return latencies;
    }

    private static String stats(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "n=0";
        }
        return String.format("n=%d p50=%d p99=%d max=%d", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.get(sorted.size() - 1));
    }

    /**
     * One round of trades (one per market), then waits until the fast client has this round's trades: the fast
     * client reads as fast as it is fed, and the rounds never pile up in its queue.
     */
    private static void lockstepRound(LocalWsTestClient fast) {
        round();
        Map<String, Long> lastTrades = new java.util.HashMap<>();
        MARKETS.forEach(m -> lastTrades.put(m, sim.market().lastTrade(m).orElseThrow().sequentialId()));
        Await.until("the fast client's trades of the round", WAIT,
                () -> lastTrades.entrySet().stream().allMatch(last -> fast.count(m -> "trade".equals(m.path("type").asText())
                        && last.getKey().equals(m.path("code").asText()) && m.path("sequential_id").asLong() == last.getValue()) == 1));
    }

    private static void runRounds(LocalWsTestClient fast, LocalStreamClient fastServerSide) {
        for (int i = 0; i < ROUNDS; i++) {
            lockstepRound(fast);
        }
        Await.until("everything queued for the fast client arrived", WAIT,
                () -> fastServerSide.waiting() == 0 && fast.received().size() == fastServerSide.sent());
    }

    @Test
    void a_stalled_client_drops_its_oldest_messages_while_a_fast_client_gets_everything() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int port = URI.create(module.baseUrl()).getPort();
        try (LocalWsTestClient fast = new LocalWsTestClient(http, LocalWsTestClient.wsUrl(module.baseUrl()))) {
            fast.send("[{\"ticket\":\"fast\"}," + ALL_STREAMS + "]");
            long[] lastRound = {0};
            Await.until("the fast client's snapshots", WAIT, () -> {
                if (System.nanoTime() - lastRound[0] > 100_000_000L) { // a round every 100 ms until subscribed upstream
                    round();
                    lastRound[0] = System.nanoTime();
                }
                return hub().clients().size() == 1 && fast.count(m -> "orderbook".equals(m.path("type").asText())) >= 4;
            });
            LocalStreamClient fastServerSide = serverSide("fast");
            runRounds(fast, fastServerSide); // warm-up, not measured
            long fastDropsBefore = fastServerSide.dropped(); // bursts before the lockstep rounds are not the subject

            int aloneFrom = fast.received().size();
            runRounds(fast, fastServerSide);
            List<Long> alone = tradeLatencies(fast, aloneFrom);

            try (StalledWsClient slow = new StalledWsClient(port, "/websocket/v1", "[{\"ticket\":\"slow\"}," + ALL_STREAMS + "]")) {
                Await.until("the stalled client subscribed", WAIT, () -> hub().clients().stream()
                        .anyMatch(c -> c.subscription() != null && "slow".equals(c.subscription().ticket())));
                LocalStreamClient slowServerSide = serverSide("slow");
                // fill the stalled client's socket and queue: it never reads, so its drops are certain
                Await.until("the stalled client's queue overflows", WAIT, () -> {
                    lockstepRound(fast);
                    return slowServerSide.dropped() > 0;
                });
                int withSlowFrom = fast.received().size();
                long slowDroppedBefore = slowServerSide.dropped();
                runRounds(fast, fastServerSide);
                List<Long> withSlow = tradeLatencies(fast, withSlowFrom);

                System.out.printf("SLOW_CLIENT queue=%d rounds=%d fast-latency-ms alone{%s} with-stalled-client{%s} "
                                + "slow{dropped=%d waiting=%d sent=%d} fast{dropped-before-measuring=%d dropped=%d sent=%d received=%d} hub{%s}%n",
                        QUEUE, ROUNDS, stats(alone), stats(withSlow), slowServerSide.dropped(), slowServerSide.waiting(),
                        slowServerSide.sent(), fastDropsBefore, fastServerSide.dropped(), fastServerSide.sent(), fast.received().size(), hub());

                assertTrue(slowServerSide.dropped() > slowDroppedBefore, "the stalled client kept dropping");
                assertTrue(slowServerSide.waiting() <= QUEUE, "the stalled client's queue stays within its bound");
                assertFalse(slowServerSide.isClosed(), "drop-oldest keeps the client connected");
                assertEquals(fastDropsBefore, fastServerSide.dropped(), "the fast client lost nothing while the other stalled");
                assertEquals(fastServerSide.sent(), fast.received().size(), "the fast client received all that was sent");
            }
        }
    }
}
