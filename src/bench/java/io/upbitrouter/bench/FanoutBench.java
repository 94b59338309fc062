package io.upbitrouter.bench;

import io.upbitrouter.wsproxy.LocalStreamHub;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 7: the message rate one router sustains to 50 local WebSocket clients on {@code /websocket/v1}.
 * <p>
 * The module runs with its facade on and its upstream stream pointed at a {@link FloodServer}; 50 clients
 * (Vert.x WebSocket clients on a Vert.x of their own) each subscribe ticker, trade, orderbook and 1m candles of
 * every market in Upbit's DEFAULT format. A run floods a burst of {@link FrameMix} frames upstream as fast as the
 * module's socket drains and times from the first frame to the last message any client received; the rate is
 * messages received by all clients per second. Expected per client: every frame but the exact duplicates (the
 * cache drops those, so nothing is fanned out for them).
 * <p>
 * Baseline, same run, same clients and frames: a bare Vert.x relay, one upstream WebSocket to a flood server of
 * its own and a server that writes every upstream frame unchanged to every client (dropping for a client whose
 * write queue is full). It does no decoding, no cache, no per-client subscription or rendering: the cost of the
 * sockets alone. The two take turns in each run, so they share the machine's noise.
 */
final class FanoutBench {

    static final int CLIENTS = 50;
    private static final List<String> TYPES = List.of("ticker", "trade", "orderbook", "candle.1m");

    private final BenchSettings settings;

    FanoutBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        int markets = settings.smoke() ? 10 : 50;
        int frameCount = settings.smoke() ? 1_000 : 10_000;
        int runs = settings.smoke() ? 1 : 3;
        List<String> codes = FrameMix.syntheticMarkets(markets);
        List<Figure> figures = new ArrayList<>();
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        FloodServer moduleUpstream = FloodServer.start(0);
        FloodServer relayUpstream = FloodServer.start(0);
        ModuleUnderBench module = null;
        BareRelay relay = null;
        try {
            int port = BaselineHttpServers.freePort();
            module = ModuleUnderBench.start(Map.of(
                    "upbit.ws.url", moduleUpstream.wsUrl(),
                    "upbit.rest.base-url", "http://127.0.0.1:9/v1",
                    "upbit.ws.enabled", "true",
                    "upbit.markets.validate", "false",
                    "camel.server.enabled", "true",
                    "upbit.facade.enabled", "true",
                    "camel.server.host", "127.0.0.1",
                    "camel.server.port", String.valueOf(port)));
            LocalStreamHub hub = module.bean("upbitLocalStreamHub", LocalStreamHub.class);
            BareRelay bare = BareRelay.start(relayUpstream.wsUrl(), codes);
            relay = bare;
            Clients onModule = Clients.connect(clientVertx, port, codes);
            Clients onRelay = Clients.connect(clientVertx, relay.port(), codes);
            int snapshots = TYPES.size() * markets;
            ModuleUnderBench.Await.until(() -> moduleUpstream.covers(java.util.Set.copyOf(TYPES), codes), 30_000,
                    "the 50 clients' subscriptions reaching the module's upstream as one subscription");
            ModuleUnderBench.Await.until(() -> onModule.minReceived() >= snapshots, 30_000,
                    "a snapshot of every stream at every module client");
            ModuleUnderBench.Await.until(() -> relayUpstream.covers(java.util.Set.copyOf(TYPES), codes) && bare.clients() == CLIENTS,
                    30_000, "the relay subscribed with every client connected");
            long upstreamConnections = moduleUpstream.openSockets();
            long subscriptionMessages = moduleUpstream.subscriptionsReceived();
            System.out.printf("[fanout] %d clients x %d streams; module upstream: %d connection(s), %d subscription message(s)%n",
                    CLIENTS, snapshots, upstreamConnections, subscriptionMessages);

            List<Double> moduleRates = new ArrayList<>();
            List<Double> relayRates = new ArrayList<>();
            List<Double> moduleCompleteness = new ArrayList<>();
            long moduleDropped = 0;
            long relayDropped = 0;
            long moduleItems = 0;
            long moduleSkipped = 0;
            long framesSent = 0;
            long base = System.currentTimeMillis() + 60_000;
            for (int run = -1; run < runs; run++) {
                // run -1 warms both paths (JIT) and is not counted; each run is new data (later timestamps)
                FrameMix mix = FrameMix.generate(codes, run < 0 ? Math.max(500, frameCount / 4) : frameCount,
                        base + (run + 2) * 10_000_000L, 31 + run);
                long expected = (long) (mix.size() - mix.duplicates()) * CLIENTS;
                long relayDrops0 = relay.dropped();
                Burst r = Burst.measure("bare Vert.x relay", relayUpstream, onRelay, mix, (long) mix.size() * CLIENTS);
                long hubDrops0 = hub.dropped();
                long published0 = hub.published();
                long skipped0 = hub.outOfOrder();
                Burst m = Burst.measure("module /websocket/v1", moduleUpstream, onModule, mix, expected);
                long published = hub.published() - published0;
                long skipped = hub.outOfOrder() - skipped0;
                if (run < 0) {
                    continue;
                }
                relayRates.add(r.rate());
                moduleRates.add(m.rate());
                moduleCompleteness.add(m.received() / (double) expected);
                moduleDropped += hub.dropped() - hubDrops0;
                relayDropped += relay.dropped() - relayDrops0;
                System.out.printf("[fanout] run %d: relay %,.0f msg/s (%,d msgs), module %,.0f msg/s (%,d of %,d expected, %.1f%%;"
                                + " %,d of %,d frames stored and fanned out, %,d skipped as older than one sent)%n",
                        run, r.rate(), r.received(), m.rate(), m.received(), expected, 100.0 * m.received() / expected,
                        published, mix.size() - mix.duplicates(), skipped);
                moduleItems += published;
                moduleSkipped += skipped;
                framesSent += mix.size() - mix.duplicates();
            }
            double relayRate = Stats.median(relayRates);
            double moduleRate = Stats.median(moduleRates);
            // paced below the burst capacity: is that rate sustained with nothing dropped?
            double pacedFrames = 0.8 * moduleRate / CLIENTS;
            FrameMix paced = FrameMix.generate(codes, settings.smoke() ? 300 : 3_000, base + 100_000_000L, 97);
            long pacedHubDrops0 = hub.dropped();
            long pacedPublished0 = hub.published();
            long pacedSkipped0 = hub.outOfOrder();
            long pacedBefore = onModule.total();
            moduleUpstream.pace(paced.frames(), pacedFrames).get(180, TimeUnit.SECONDS);
            onModule.settle();
            long pacedQueued = (hub.published() - pacedPublished0 - (hub.outOfOrder() - pacedSkipped0)) * CLIENTS;
            long pacedDropped = hub.dropped() - pacedHubDrops0;
            long pacedReceived = onModule.total() - pacedBefore;
            System.out.printf("[fanout] paced at %,.0f frames/s (%,.0f msg/s): %,d messages queued, %,d received, %,d dropped%n",
                    pacedFrames, pacedFrames * CLIENTS, pacedQueued, pacedReceived, pacedDropped);
            String note = runs + " runs x " + frameCount + " frames over " + markets + " markets, " + CLIENTS
                    + " clients x 4 types x " + markets + " codes, DEFAULT format";
            figures.add(Figure.plain("7 fanout", "bare Vert.x relay to 50 clients: messages/s", relayRate, "msg/s",
                    note + "; runs " + format(relayRates) + "; dropped (write queue full) " + relayDropped));
            figures.add(new Figure("7 fanout", "module /websocket/v1 to 50 clients: messages/s", moduleRate, "msg/s",
                    moduleRate / relayRate, "bare Vert.x relay", "runs " + format(moduleRates) + "; dropped for slow clients "
                    + moduleDropped));
            figures.add(Figure.plain("7 fanout", "module: upstream frames/s fanned out to all 50", moduleRate / CLIENTS, "frames/s",
                    "messages/s divided by 50"));
            figures.add(Figure.plain("7 fanout", "module: messages received / expected", Stats.median(moduleCompleteness) * 100,
                    "%", "median over runs; expected = (frames - exact duplicates) x 50; over all runs " + moduleItems + " of "
                    + framesSent + " frames reached the fan-out (the cache keeps a state only when newer than the one it holds),"
                    + " " + moduleSkipped + " skipped there as older than one sent"));
            figures.add(Figure.plain("7 fanout", "module: paced at 0.8 x that rate, messages dropped", pacedDropped, "messages",
                    String.format("%,d frames at %,.0f frames/s (%,.0f msg/s to 50 clients); %,d messages received", paced.size(),
                            pacedFrames, pacedFrames * CLIENTS, pacedReceived)));
            figures.add(Figure.plain("7 fanout", "module: upstream connections / subscription messages",
                    upstreamConnections, "connections", subscriptionMessages + " subscription message(s) for the 50 clients"));
            onModule.close();
            onRelay.close();
        } finally {
            if (module != null) {
                module.close();
            }
            if (relay != null) {
                relay.close();
            }
            moduleUpstream.close();
            relayUpstream.close();
            clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return figures;
    }

    private static String format(List<Double> rates) {
        return rates.stream().map(r -> String.format("%,.0f", r)).toList().toString();
    }

    /** One burst through one target: messages every client received, and the time from first frame to last message. */
    record Burst(long received, double seconds) {

        double rate() {
            return received / seconds;
        }

        static Burst measure(String name, FloodServer upstream, Clients clients, FrameMix mix, long expected) throws Exception {
            System.gc();
            long before = clients.total();
            long t0 = System.nanoTime();
            upstream.flood(mix.frames()).get(120, TimeUnit.SECONDS);
            // settled: everything expected arrived, or nothing more for a second (drops), bounded at 120 s
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long last = -1;
            long lastChange = System.nanoTime();
            while (clients.total() - before < expected && System.nanoTime() < deadline) {
                long now = clients.total();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
                Thread.sleep(5); // a bounded poll of counters in a benchmark, not a test's wait
            }
            long received = clients.total() - before;
            double seconds = (clients.lastMessageNanos() - t0) / 1e9;
            if (received == 0 || seconds <= 0) {
                throw new IllegalStateException(name + ": no message reached the clients");
            }
            return new Burst(received, seconds);
        }
    }

    /** 50 WebSocket clients, each subscribed to every type of every market, counting what they receive. */
    static final class Clients implements AutoCloseable {
        private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        private final List<AtomicLong> counts = new CopyOnWriteArrayList<>();
        private final AtomicLong lastMessage = new AtomicLong();
        private final WebSocketClient client;

        private Clients(WebSocketClient client) {
            this.client = client;
        }

        static Clients connect(Vertx vertx, int port, List<String> codes) throws Exception {
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxMessageSize(1 << 20).setMaxFrameSize(1 << 20));
            Clients clients = new Clients(client);
            StringBuilder subscription = new StringBuilder("[{\"ticket\":\"fanout-bench\"}");
            String list = codes.stream().map(c -> "\"" + c + "\"").reduce((a, b) -> a + "," + b).orElse("");
            for (String type : TYPES) {
                subscription.append(",{\"type\":\"").append(type).append("\",\"codes\":[").append(list).append("]}");
            }
            subscription.append(",{\"format\":\"DEFAULT\"}]");
            for (int i = 0; i < CLIENTS; i++) {
                AtomicLong count = new AtomicLong();
                WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/websocket/v1")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                ws.binaryMessageHandler(b -> clients.received(count));
                ws.textMessageHandler(t -> clients.received(count));
                ws.writeTextMessage(subscription.toString());
                clients.sockets.add(ws);
                clients.counts.add(count);
            }
            return clients;
        }

        private void received(AtomicLong count) {
            count.incrementAndGet();
            lastMessage.set(System.nanoTime());
        }

        long total() {
            return counts.stream().mapToLong(AtomicLong::get).sum();
        }

        /** Returns once no client has received anything for a second (bounded at 60 s). */
        void settle() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long last = -1;
            long lastChange = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long now = total();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1)) {
                    return;
                }
                Thread.sleep(5); // a bounded poll of counters in a benchmark, not a test's wait
            }
        }

        long minReceived() {
            return counts.stream().mapToLong(AtomicLong::get).min().orElse(0);
        }

        long lastMessageNanos() {
            return lastMessage.get();
        }

        @Override
        public void close() throws Exception {
            for (WebSocket ws : sockets) {
                ws.close();
            }
            client.close();
        }
    }

    /**
     * The baseline: one upstream WebSocket (subscribed to every stream, as the module's) and a server that writes
     * each upstream frame as it is to every connected client, skipping a client whose write queue is full.
     */
    static final class BareRelay implements AutoCloseable {
        private final Vertx vertx;
        private final HttpServer server;
        private final List<ServerWebSocket> clients = new CopyOnWriteArrayList<>();
        private final AtomicLong dropped = new AtomicLong();

        private BareRelay(Vertx vertx, HttpServer server) {
            this.vertx = vertx;
            this.server = server;
        }

        static BareRelay start(String upstreamUrl, List<String> codes) throws Exception {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
            BareRelay relay = new BareRelay(vertx, server);
            server.webSocketHandler(ws -> {
                relay.clients.add(ws);
                ws.closeHandler(v -> relay.clients.remove(ws));
                ws.textMessageHandler(t -> { }); // every client gets every frame: the subscription is not read
            });
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            java.net.URI uri = java.net.URI.create(upstreamUrl);
            WebSocket upstream = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 20)
                    .setMaxFrameSize(1 << 20)).connect(uri.getPort(), uri.getHost(), uri.getPath())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            upstream.binaryMessageHandler(relay::broadcast);
            StringBuilder subscription = new StringBuilder("[{\"ticket\":\"relay\"}");
            String list = codes.stream().map(c -> "\"" + c + "\"").reduce((a, b) -> a + "," + b).orElse("");
            for (String type : TYPES) {
                subscription.append(",{\"type\":\"").append(type).append("\",\"codes\":[").append(list).append("]}");
            }
            upstream.writeTextMessage(subscription.append("]").toString());
            return relay;
        }

        private void broadcast(Buffer frame) {
            for (ServerWebSocket ws : clients) {
                if (ws.writeQueueFull()) {
                    dropped.incrementAndGet();
                } else {
                    ws.writeBinaryMessage(frame);
                }
            }
        }

        int port() {
            return server.actualPort();
        }

        int clients() {
            return clients.size();
        }

        long dropped() {
            return dropped.get();
        }

        @Override
        public void close() throws Exception {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
