package io.upbitrouter.bench;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 1: WebSocket messages decoded, deduplicated and cached per second. Each run generates one
 * burst ({@link FrameMix}) and feeds the same frames to every consumer in turn (bare loop with a
 * tree, bare loop into a record, a bare Vert.x client, the module's real routes), so the runs of
 * all consumers share the machine's noise; the figure is the median over runs, and the ratio is to
 * each baseline's median.
 */
public final class IngestBench {

    private static final Set<String> TYPES = Set.of("ticker", "trade", "orderbook", "candle.1m");

    private final BenchSettings settings;

    public IngestBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** One consumer of bursts. */
    interface Consumer extends AutoCloseable {
        String name();

        /** Feeds the burst; returns messages per second, end to end. */
        double consume(FrameMix mix) throws Exception;
    }

    public List<Figure> run() throws Exception {
        List<String> markets = FrameMix.syntheticMarkets(settings.ingestMarkets());
        List<Consumer> consumers = new ArrayList<>();
        // bench.ingest.module-only=true leaves the baselines out (for profiling the module's path)
        boolean moduleOnly = Boolean.getBoolean("bench.ingest.module-only");
        if (!moduleOnly) {
            consumers.add(new BareLoop(false));
            consumers.add(new BareLoop(true));
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        try {
            if (!moduleOnly) {
                consumers.add(new VertxClientConsumer(markets));
            }
        } catch (Exception e) {
            skipped.put("bare Vert.x client", e.toString());
        }
        try {
            consumers.add(new ModuleConsumer(markets));
        } catch (Exception e) {
            skipped.put("module routes", e.toString());
            System.out.println("[ingest] module routes not measured: " + e.getMessage());
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        consumers.forEach(c -> rates.put(c.name(), new ArrayList<>()));
        int runs = settings.ingestRuns();
        long base = System.currentTimeMillis();
        try {
            for (int run = -settings.ingestWarmups(); run < runs; run++) {
                // later runs carry later timestamps: a replay is new data, not a duplicate
                base += 3_600_000L;
                FrameMix mix = FrameMix.generate(markets, settings.ingestFrames(), base, 42 + run);
                for (Consumer consumer : List.copyOf(consumers)) {
                    System.gc();
                    try {
                        double rate = consumer.consume(mix);
                        System.out.printf("[ingest] run %d %-28s %,12.0f msg/s%n", run, consumer.name(), rate);
                        if (run >= 0) {
                            rates.get(consumer.name()).add(rate);
                        }
                    } catch (Exception e) {
                        System.out.println("[ingest] " + consumer.name() + " failed: " + e.getMessage());
                        skipped.put(consumer.name(), e.getMessage());
                        consumers.remove(consumer);
                        rates.remove(consumer.name());
                        consumer.close();
                    }
                }
                if (run == -settings.ingestWarmups()) {
                    System.out.printf("[ingest] burst: %,d frames (%,d exact duplicates), %,d bytes, %d markets x 4 types%n",
                            mix.size(), mix.duplicates(), mix.totalBytes(), markets.size());
                }
            }
        } finally {
            for (Consumer c : consumers) {
                c.close();
            }
        }
        List<Figure> figures = new ArrayList<>();
        double tree = Stats.median(rates.getOrDefault("bare loop (tree)", List.of()));
        double record = Stats.median(rates.getOrDefault("bare loop (record)", List.of()));
        double vertx = Stats.median(rates.getOrDefault("bare Vert.x client", List.of()));
        String runsNote = runs + " runs of " + settings.ingestFrames() + " frames, " + markets.size() + " markets";
        figures.add(Figure.plain("1 ingest", "bare loop (tree): Jackson tree + CHM merge", tree, "msg/s", runsNote));
        figures.add(Figure.plain("1 ingest", "bare loop (record): Jackson record + CHM merge", record, "msg/s", runsNote));
        if (rates.containsKey("bare Vert.x client")) {
            figures.add(new Figure("1 ingest", "bare Vert.x WS client, parse + merge", vertx, "msg/s", vertx / tree,
                    "bare tree loop", runsNote));
        }
        if (rates.containsKey("module routes")) {
            double module = Stats.median(rates.get("module routes"));
            String note = "target >= 200,000 msg/s; runs: " + rates.get("module routes").stream()
                    .map(r -> String.format("%,.0f", r)).toList();
            figures.add(new Figure("1 ingest", "module ingest route (WS -> decode -> dedup -> cache)", module, "msg/s",
                    module / tree, "bare tree loop", note));
            figures.add(new Figure("1 ingest", "module vs bare record loop", module, "msg/s", module / record,
                    "bare record loop", ""));
            if (rates.containsKey("bare Vert.x client")) {
                figures.add(new Figure("1 ingest", "module vs bare Vert.x client", module, "msg/s", module / vertx,
                        "bare Vert.x client", ""));
            }
        }
        skipped.forEach((name, why) -> figures.add(Figure.plain("1 ingest", name + ": NOT MEASURED", Double.NaN, "", why)));
        return figures;
    }

    /** Bare single-threaded loop over the frames already in memory. */
    static final class BareLoop implements Consumer {
        private final boolean record;
        private final BareMerge merge = new BareMerge();

        BareLoop(boolean record) {
            this.record = record;
        }

        @Override
        public String name() {
            return record ? "bare loop (record)" : "bare loop (tree)";
        }

        @Override
        public double consume(FrameMix mix) throws Exception {
            List<byte[]> frames = mix.frames();
            long t0 = System.nanoTime();
            for (byte[] frame : frames) {
                if (record) {
                    merge.mergeRecord(frame);
                } else {
                    merge.mergeTree(frame);
                }
            }
            return frames.size() / ((System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() {
        }
    }

    /** Flood server to a bare Vert.x client. */
    static final class VertxClientConsumer implements Consumer {
        private final FloodServer server;
        private final BareVertxClient client;

        VertxClientConsumer(List<String> markets) throws Exception {
            server = FloodServer.start(0);
            client = new BareVertxClient();
            client.expect(Integer.MAX_VALUE);
            client.connect(server.port(), markets);
            // the subscription's snapshots (one per type and market) arrive first
            ModuleUnderBench.Await.until(() -> client.received() >= TYPES.size() * markets.size(), 30_000, "snapshots");
        }

        @Override
        public String name() {
            return "bare Vert.x client";
        }

        @Override
        public double consume(FrameMix mix) throws Exception {
            CompletableFuture<Long> done = client.expect(mix.size());
            long t0 = System.nanoTime();
            server.flood(mix.frames()).get(120, TimeUnit.SECONDS);
            long end = done.get(120, TimeUnit.SECONDS);
            return mix.size() / ((end - t0) / 1e9);
        }

        @Override
        public void close() throws Exception {
            client.close();
            server.close();
        }
    }

    /** Flood server to the module's real WebSocket consumer, ingest route and realtime cache. */
    static final class ModuleConsumer implements Consumer {
        private final FloodServer server;
        private final ModuleUnderBench module;
        private final RealtimeCache cache;

        ModuleConsumer(List<String> markets) throws Exception {
            server = FloodServer.start(0);
            ModuleUnderBench started = null;
            try {
                started = ModuleUnderBench.start(Map.of(
                        "upbit.ws.url", server.wsUrl(),
                        "upbit.rest.base-url", "http://127.0.0.1:9/v1",
                        "upbit.ws.enabled", "true",
                        "upbit.facade.enabled", "false"));
                started.demandAll(markets);
                ModuleUnderBench.Await.until(() -> server.covers(TYPES, markets), 30_000,
                        "subscription of 4 types x " + markets.size() + " markets reaching the server");
                RealtimeCache c = started.cache();
                // every snapshot cached: the stream is up and the route is warm
                ModuleUnderBench.Await.until(() -> markets.stream().allMatch(m -> c.get(MarketKey.ticker(m)).isPresent()
                        && c.get(MarketKey.orderbook(m)).isPresent()), 30_000, "snapshots cached");
            } catch (Exception | Error e) {
                if (started != null) {
                    started.close();
                }
                server.close();
                throw e;
            }
            module = started;
            cache = module.cache();
        }

        @Override
        public String name() {
            return "module routes";
        }

        @Override
        public double consume(FrameMix mix) throws Exception {
            // keys in the order their final frame is sent: the cursor below walks them once
            List<String> keys = new ArrayList<>(mix.finalVersions().keySet());
            List<byte[]> frames = mix.frames();
            Map<String, FrameMix.Version> finals = mix.finalVersions();
            long t0 = System.nanoTime();
            CompletableFuture<Void> sent = server.flood(frames);
            int cursor = 0;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(settingsTimeoutSeconds(frames.size()));
            while (cursor < keys.size()) {
                String key = keys.get(cursor);
                Optional<CachedMarketData> entry = cache.get(MarketKey.parse(key).orElseThrow());
                if (entry.isPresent() && entry.get().eventTimeMillis() >= finals.get(key).timestamp()) {
                    cursor++;
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + cursor + " of " + keys.size()
                            + " keys reached their final state in time (send done: " + sent.isDone() + ", key " + key
                            + " at " + entry.map(CachedMarketData::eventTimeMillis).orElse(-1L) + " wanted "
                            + finals.get(key).timestamp() + ")");
                }
                LockSupport.parkNanos(100_000);
            }
            long end = System.nanoTime();
            sent.get(10, TimeUnit.SECONDS);
            return frames.size() / ((end - t0) / 1e9);
        }

        private static long settingsTimeoutSeconds(int frames) {
            return Math.max(30, frames / 5_000);
        }

        @Override
        public void close() throws Exception {
            module.close();
            server.close();
        }
    }
}
