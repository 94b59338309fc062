package io.upbitrouter.cluster;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.RunningModule;
import io.upbitrouter.ws.StreamStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members (each a Camel Main with the whole module, its HTTP facade and its own embedded Hazelcast member, in
 * this JVM) against one simulator on 127.0.0.1, which counts them as one IP as Upbit would. In order: load from clients
 * spread over all three; the leader killed; the old leader back; a user's {@code master:} route; a ban seen by one
 * member; a member cut off from the majority; the leader cut off from the majority; a partition that heals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAgainstSimulatorIT {

    private static final List<String> MARKETS = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-DOGE", "KRW-USDT");
    /** The engine's failure detection in this test; the bounds below follow from it. */
    private static final int FAILURE_DETECTION_SECONDS = 3;

    private UpbitSimulator sim;
    private final String clusterName = "upbit-it-" + System.nanoTime();
    private final int[] ports = new int[3];
    private final RunningModule[] members = new RunningModule[3];

    @BeforeAll
    void startCluster() throws Exception {
        sim = UpbitSimulator.builder().markets(MARKETS).seed(7).tradesPerSecond(5).build().start();
        for (int i = 0; i < 3; i++) {
            ports[i] = FreePort.find();
        }
        for (int i = 0; i < 3; i++) {
            members[i] = start(i, memberList(), 0);
        }
        Await.until("three members see each other", Duration.ofSeconds(30),
                () -> alive().stream().allMatch(m -> node(m).membersSeen() == 3));
        Await.until("one leader", Duration.ofSeconds(30), () -> leaders().size() == 1);
        // the stream connects on demand: a follower's first request is the cluster's first demand
        RunningModule follower = alive().stream().filter(m -> !node(m).isLeading()).findFirst().orElseThrow();
        assertEquals(200, follower.http().get("/v1/ticker?markets=KRW-BTC").statusCode());
        Await.until("the leader streams for the follower's demand", Duration.ofSeconds(30),
                () -> sim.counters().openConnections() == 1 && healthyEverywhere());
    }

    @AfterAll
    void stopCluster() {
        for (RunningModule m : members) {
            if (m != null) {
                m.close();
            }
        }
        if (sim != null) {
            sim.stop();
        }
    }

    private String memberList() {
        return java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    private RunningModule start(int i, String memberList, int expectedMembers) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("upbit.cluster.enabled", "true");
        p.put("upbit.cluster.name", clusterName);
        p.put("upbit.cluster.port", Integer.toString(ports[i]));
        p.put("upbit.cluster.port-auto-increment", "false");
        p.put("upbit.cluster.members", memberList);
        p.put("upbit.cluster.expected-members", Integer.toString(expectedMembers));
        p.put("upbit.cluster.failure-detection-seconds", Integer.toString(FAILURE_DETECTION_SECONDS));
        p.put("upbit.cluster.state-period-ms", "100");
        p.put("upbit.cluster.demand-period-ms", "200");
        p.put("upbit.ws.reconnect-initial-ms", "100");
        p.put("upbit.ws.reconnect-max-ms", "500");
        return new RunningModule(sim, p);
    }

    private static ClusterNode node(RunningModule m) {
        return m.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLUSTER, ClusterNode.class);
    }

    private static StreamStatus stream(RunningModule m) {
        return m.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamStatus.class);
    }

    private List<RunningModule> alive() {
        List<RunningModule> alive = new ArrayList<>();
        for (RunningModule m : members) {
            if (m != null) {
                alive.add(m);
            }
        }
        return alive;
    }

    private List<RunningModule> leaders() {
        return alive().stream().filter(m -> node(m).isLeading()).toList();
    }

    private boolean healthyEverywhere() {
        return alive().stream().allMatch(m -> stream(m).isHealthy());
    }

    private int indexOf(RunningModule m) {
        for (int i = 0; i < 3; i++) {
            if (members[i] == m) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    /** What clients saw: answers per status, and any answer that broke the rules (a 429 without Retry-After, 5xx). */
    private static final class Seen {
        final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        final LongAdder requests = new LongAdder();

        void record(HttpResponse<String> r) {
            requests.increment();
            String source = r.headers().firstValue("X-Data-Source").orElse("-");
            answers.computeIfAbsent(r.statusCode() + "/" + source, k -> new LongAdder()).increment();
            boolean ok = r.statusCode() == 200
                    || (r.statusCode() == 429 && r.headers().firstValue("Retry-After").isPresent());
            if (!ok) {
                broken.add(r.statusCode() + " " + r.body());
            }
        }

        String summary() {
            return answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue().sum()).collect(Collectors.joining(" "));
        }
    }

    /** One client's request number {@code n}: a third LOW tickers (always REST), the rest tickers and orderbooks. */
    private static HttpResponse<String> ask(RunningModule target, int client, int n) {
        String market = MARKETS.get((client + n) % MARKETS.size());
        if (n % 3 == 0) {
            return target.http().get("/v1/ticker?markets=" + market, Map.of("X-Priority", "LOW"));
        }
        return n % 3 == 1 ? target.http().get("/v1/ticker?markets=" + market)
                : target.http().get("/v1/orderbook?markets=" + market);
    }

    @Test
    @Order(1)
    void should_keep_three_members_within_one_ip_budget_and_one_stream_under_load() throws Exception {
        sim.counters().reset();
        sim.limits().reset();
        Seen seen = new Seen();
        int clients = 12;
        int perClient = 30;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            List<RunningModule> targets = alive();
            for (int c = 0; c < clients; c++) {
                int client = c;
                RunningModule target = targets.get(c % targets.size());
                done.add(pool.submit(() -> {
                    for (int n = 0; n < perClient; n++) {
                        seen.record(ask(target, client, n));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long upstream = sim.counters().requestsByGroup().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("CLUSTER_LOAD members=3 clients=%d requests=%d seconds=%.1f upstream-rest=%d upstream-rest-per-s=%.1f"
                        + " by-group=%s 429s=%d 418s=%d answers[%s]%n", clients, seen.requests.sum(), seconds, upstream,
                upstream / seconds, sim.counters().requestsByGroup(), sim.counters().tooManyRequests(),
                sim.counters().teapots(), seen.summary());

        assertEquals(0, sim.counters().tooManyRequests(), "the exchange saw no 429: the members shared one budget");
        assertEquals(0, sim.counters().teapots(), "no ban");
        assertTrue(seen.broken.isEmpty(), "clients saw only 200s and 429s with Retry-After: " + seen.broken);
        assertTrue(seen.answers.keySet().stream().anyMatch(k -> k.startsWith("200/")), seen.summary());
        Await.until("one stream after settling", Duration.ofSeconds(15), () -> sim.counters().openConnections() == 1);
        assertEquals(1, leaders().size());
        // a follower's demand reached the leader's subscription, and the leader's updates its cache
        RunningModule follower = alive().stream().filter(m -> !node(m).isLeading()).findFirst().orElseThrow();
        Await.until("a follower answers from the stream", Duration.ofSeconds(15), () -> "websocket".equals(
                follower.http().get("/v1/ticker?markets=KRW-SOL").headers().firstValue("X-Data-Source").orElse("")));
        assertEquals(1, sim.counters().openConnections(), "still one upstream stream for three members");
    }

    @Test
    @Order(2)
    void should_move_the_stream_to_another_member_when_the_leader_dies() throws Exception {
        sim.counters().reset();
        RunningModule leader = leaders().get(0);
        int dead = indexOf(leader);
        List<RunningModule> survivors = alive().stream().filter(m -> m != leader).toList();
        Seen seen = new Seen();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            RunningModule target = survivors.get(c % survivors.size());
            clients.add(pool.submit(() -> {
                for (int n = 0; n < 400 && !stop.get(); n++) {
                    seen.record(ask(target, client, n));
                }
            }));
        }
        try {
            long killedAt = System.currentTimeMillis();
            long t0 = System.nanoTime();
            // a crash: the engine goes without a goodbye, then the process's sockets close
            node(leader).hazelcast().getLifecycleService().terminate();
            leader.close();
            members[dead] = null;
            Await.until("a new leader whose stream delivers to the other member", Duration.ofSeconds(30), () -> {
                List<RunningModule> now = leaders();
                if (now.size() != 1 || !stream(now.get(0)).isHealthy()) {
                    return false;
                }
                RunningModule other = survivors.stream().filter(m -> m != now.get(0)).findFirst().orElseThrow();
                return stream(other).isHealthy() && replicatedSince(other, killedAt);
            });
            double failover = (System.nanoTime() - t0) / 1e9;
            System.out.printf("CLUSTER_FAILOVER seconds=%.2f failure-detection-s=%d%n", failover, FAILURE_DETECTION_SECONDS);
            assertTrue(failover <= FAILURE_DETECTION_SECONDS + 12, "failover within the stated bound: " + failover + " s");
            Await.until("one stream", Duration.ofSeconds(15), () -> sim.counters().openConnections() == 1);
        } finally {
            stop.set(true);
            for (Future<?> f : clients) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        System.out.printf("CLUSTER_FAILOVER_CLIENTS requests=%d answers[%s] 429s=%d 418s=%d%n", seen.requests.sum(),
                seen.summary(), sim.counters().tooManyRequests(), sim.counters().teapots());
        assertTrue(seen.broken.isEmpty(), "during failover clients saw only 200s and 429s with Retry-After: " + seen.broken);
        assertEquals(0, sim.counters().teapots(), "never a ban");
        assertEquals(0, sim.counters().tooManyRequests(), "the exchange saw no 429");
    }

    @Test
    @Order(8)
    void should_merge_a_healed_partition_into_one_cluster_with_one_stream() throws Exception {
        for (int i = 0; i < 3; i++) {
            if (members[i] != null) {
                members[i].close();
                members[i] = null;
            }
        }
        Await.until("no stream left", Duration.ofSeconds(15), () -> sim.counters().openConnections() == 0);
        // C starts first and finds nobody (A and B are not up): alone, without a majority of three. A and B then form a
        // cluster without it (their lists leave C out), as the two sides of a partition would be. C's list names A and
        // B, so the engine's merge check finds them and the smaller side joins the larger: the partition heals.
        int[] p = {FreePort.find(), FreePort.find(), FreePort.find()};
        String all = "127.0.0.1:" + p[0] + ",127.0.0.1:" + p[1] + ",127.0.0.1:" + p[2];
        String majority = "127.0.0.1:" + p[0] + ",127.0.0.1:" + p[1];
        System.arraycopy(p, 0, ports, 0, 3);
        members[2] = start(2, all, 3);
        RunningModule c = members[2];
        assertFalse(node(c).isLeading(), "alone: no majority, no stream");
        members[0] = start(0, majority, 3);
        members[1] = start(1, majority, 3);
        Await.until("the majority side has a leader", Duration.ofSeconds(30),
                () -> node(members[0]).membersSeen() == 2 && leaders().size() == 1);
        assertEquals(200, members[1].http().get("/v1/ticker?markets=KRW-BTC").statusCode()); // demand: the stream connects
        Await.until("the majority side streams", Duration.ofSeconds(30), () -> sim.counters().openConnections() == 1);
        assertFalse(node(c).isLeading());
        long t0 = System.nanoTime();
        AtomicBoolean twoStreams = new AtomicBoolean();
        Await.until("the partition heals: C follows the majority's leader", Duration.ofSeconds(60), () -> {
            if (sim.counters().openConnections() > 1) {
                twoStreams.set(true);
            }
            return node(c).membersSeen() == 3 && stream(c).isHealthy();
        });
        System.out.printf("CLUSTER_MERGE healed-after-s=%.1f%n", (System.nanoTime() - t0) / 1e9);
        assertFalse(twoStreams.get(), "never two streams");
        assertFalse(node(c).isLeading(), "the member that joined follows");
        assertEquals(1, leaders().size());
        Await.until("C answers from the leader's stream", Duration.ofSeconds(15), () -> "websocket".equals(
                c.http().get("/v1/ticker?markets=KRW-XRP").headers().firstValue("X-Data-Source").orElse("")));
        assertEquals(1, sim.counters().openConnections());
    }

    /** True when the member's cache holds a ticker received (by the leader) after {@code sinceMillis}. */
    private static boolean replicatedSince(RunningModule m, long sinceMillis) {
        RealtimeCache cache = m.context().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        for (String market : MARKETS) {
            Optional<CachedMarketData> entry = cache.get(MarketKey.ticker(market));
            if (entry.isPresent() && entry.get().receiveTimeMillis() > sinceMillis) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(3)
    void should_let_the_old_leader_rejoin_as_a_follower() throws Exception {
        int back = members[0] == null ? 0 : members[1] == null ? 1 : 2;
        members[back] = start(back, memberList(), 0);
        RunningModule rejoined = members[back];
        Await.until("three members again", Duration.ofSeconds(30), () -> alive().stream().allMatch(m -> node(m).membersSeen() == 3));
        assertFalse(node(rejoined).isLeading(), "the oldest member leads; the one that joined last follows");
        Await.until("the rejoined member answers from the leader's stream", Duration.ofSeconds(15), () -> "websocket".equals(
                rejoined.http().get("/v1/ticker?markets=KRW-ETH").headers().firstValue("X-Data-Source").orElse("")));
        assertEquals(1, leaders().size());
        assertEquals(1, sim.counters().openConnections());
    }

    @Test
    @Order(4)
    void should_run_a_users_master_route_on_one_member_only() throws Exception {
        // camel-master on the module's cluster service: a user's own singleton route, here a timer
        Map<RunningModule, LongAdder> ticks = new LinkedHashMap<>();
        for (RunningModule m : alive()) {
            LongAdder count = new LongAdder();
            ticks.put(m, count);
            m.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("master:upbit-it-singleton:timer:upbit-it-tick?period=20").routeId("upbit-it-singleton")
                            .process(exchange -> count.increment());
                }
            });
        }
        Await.until("the singleton ticks on one member", Duration.ofSeconds(15),
                () -> ticks.values().stream().filter(c -> c.sum() >= 10).count() == 1);
        RunningModule ticking = ticks.entrySet().stream().filter(e -> e.getValue().sum() >= 10).findFirst().orElseThrow().getKey();
        assertTrue(node(ticking).isLeading(), "the same member leads every namespace: the oldest with a majority");
        ticks.forEach((m, c) -> {
            if (m != ticking) {
                assertEquals(0, c.sum(), "a follower never ran the singleton");
            }
        });
        for (RunningModule m : alive()) {
            m.context().getRouteController().stopRoute("upbit-it-singleton");
            m.context().removeRoute("upbit-it-singleton");
        }
    }

    @Test
    @Order(5)
    void should_stop_every_member_while_one_of_them_is_banned() {
        // a 418 seen by one member (its budget hears of it as the REST client does) stops the others until it ends
        List<RunningModule> now = alive();
        RestBudget banned = now.get(0).context().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_REST_BUDGET, RestBudget.class);
        long upstreamBefore = sim.counters().requests("ticker");
        banned.onBan(RestGroup.TICKER, 3000);
        for (RunningModule other : now.subList(1, now.size())) {
            HttpResponse<String> answer = other.http().get("/v1/ticker?markets=KRW-DOGE", Map.of("X-Priority", "LOW"));
            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("upstream_banned"), answer.body());
            assertTrue(answer.headers().firstValue("Retry-After").isPresent());
        }
        assertEquals(upstreamBefore, sim.counters().requests("ticker"), "no member called the exchange during the ban");
        RunningModule other = now.get(1);
        // during the ban a LOW ticker is answered 503 or from a fresh cache entry, never from REST
        Await.until("the ban ends and REST answers again", Duration.ofSeconds(15), () -> "rest".equals(other.http()
                .get("/v1/ticker?markets=KRW-DOGE", Map.of("X-Priority", "LOW")).headers().firstValue("X-Data-Source").orElse("")));
        assertTrue(sim.counters().requests("ticker") > upstreamBefore);
    }

    @Test
    @Order(6)
    void should_never_stream_from_a_member_cut_off_from_the_majority() throws Exception {
        // a fourth process that finds nobody (its members list names only itself) in a cluster of three: the minority
        // side of a partition
        int port = FreePort.find();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("upbit.cluster.enabled", "true");
        p.put("upbit.cluster.name", clusterName);
        p.put("upbit.cluster.port", Integer.toString(port));
        p.put("upbit.cluster.port-auto-increment", "false");
        p.put("upbit.cluster.members", "127.0.0.1:" + port);
        p.put("upbit.cluster.expected-members", "3");
        try (RunningModule alone = new RunningModule(sim, p)) {
            ClusterNode cut = node(alone);
            assertEquals(1, cut.membersSeen());
            assertFalse(cut.isLeading(), "one member of three is no majority: it does not lead");
            HttpResponse<String> answer = alone.http().get("/v1/ticker?markets=KRW-BTC");
            assertEquals(200, answer.statusCode());
            assertEquals("rest", answer.headers().firstValue("X-Data-Source").orElseThrow());
            assertEquals("WS_UNHEALTHY", answer.headers().firstValue("X-Routing-Reason").orElseThrow());
            assertEquals(3, cut.restLimitShare(), "its REST share is a third of the limit");
            assertEquals(1, sim.counters().openConnections(), "still only the majority's stream");
        }
    }

    @Test
    @Order(7)
    void should_close_the_leaders_stream_when_it_loses_the_majority() {
        RunningModule leader = leaders().get(0);
        long t0 = System.nanoTime();
        for (RunningModule m : alive()) {
            if (m != leader) {
                node(m).hazelcast().getLifecycleService().terminate(); // the leader's side of a partition: alone
            }
        }
        Await.until("the lone leader closes its stream", Duration.ofSeconds(FAILURE_DETECTION_SECONDS + 12),
                () -> !node(leader).isLeading() && sim.counters().openConnections() == 0);
        System.out.printf("CLUSTER_PARTITION stream-closed-after-s=%.2f failure-detection-s=%d%n",
                (System.nanoTime() - t0) / 1e9, FAILURE_DETECTION_SECONDS);
        assertFalse(stream(leader).isHealthy(), "and its answers come from REST");
        // alone, its REST share is small and may be spent: a 429 with Retry-After is what the budget forces, never a
        // stream answer; poll (bounded) until a data answer comes, and it comes from REST
        java.util.List<java.net.http.HttpResponse<String>> last = new java.util.ArrayList<>();
        Await.until("a data answer from the lone member", Duration.ofSeconds(15), () -> {
            java.net.http.HttpResponse<String> answer = leader.http().get("/v1/ticker?markets=KRW-BTC");
            last.add(0, answer);
            if (answer.statusCode() == 429) {
                assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "a 429 says when to retry: " + answer.body());
            }
            return answer.statusCode() == 200;
        });
        assertEquals("rest", last.get(0).headers().firstValue("X-Data-Source").orElseThrow());
    }
}
