package io.upbitrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 4: upstream economy. 100 clients each poll {@code GET /v1/ticker?markets=<20 symbols>}
 * through the facade ten times a second for {@code bench.economy.seconds} (60 by default), starting
 * cold (nothing cached, nothing subscribed), against the exchange simulator with Upbit's rate limits.
 * Counts what the clients got and what reached the exchange. A client never has two requests in
 * flight: a tick that finds its previous request unanswered is counted as skipped, not queued.
 */
final class EconomyBench {

    private static final int SYMBOLS = 20;
    private static final int POLLS_PER_SECOND = 10;

    private final BenchSettings settings;

    EconomyBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        int clients = settings.economyClients();
        int seconds = settings.economySeconds();
        try (SimulatedModule exchange = SimulatedModule.start(SYMBOLS, 2, true, Map.of())) {
            List<String> symbols = exchange.markets().subList(0, SYMBOLS);
            String path = HttpBench.PATH + "?markets=" + String.join(",", symbols);
            exchange.sim.counters().reset();
            Counts counts = poll(exchange.httpPort, path, clients, seconds);
            Map<String, Long> upstream = exchange.sim.counters().requestsByGroup();
            long upstreamTotal = upstream.values().stream().mapToLong(Long::longValue).sum();
            long tooMany = exchange.sim.counters().tooManyRequests();
            long teapots = exchange.sim.counters().teapots();
            double hit = counts.served.get() == 0 ? Double.NaN : (double) counts.fromCache.get() / counts.served.get();
            String scenario = clients + " clients x " + POLLS_PER_SECOND + "/s x " + SYMBOLS + " symbols, " + seconds + " s, cold start";
            System.out.printf("[economy] sent %d, served %d (cache %d, rest %d, mixed %d), errors %d, skipped ticks %d; upstream %s, 429 %d, 418 %d%n",
                    counts.sent.get(), counts.served.get(), counts.fromCache.get(), counts.fromRest.get(), counts.mixed.get(),
                    counts.errors.get(), counts.skipped.get(), upstream, tooMany, teapots);
            List<Figure> figures = new ArrayList<>();
            long p50 = Stats.percentile(counts.latencies, counts.answered, 50);
            long p99 = Stats.percentile(counts.latencies, counts.answered, 99);
            figures.add(Figure.plain("4 economy", "client requests served (200)", counts.served.get(), "requests",
                    scenario + "; sent " + counts.sent.get() + ", errors " + counts.errors.get() + ", skipped ticks " + counts.skipped.get()));
            figures.add(Figure.plain("4 economy", "client request latency p99", p99 / 1e3, "us",
                    String.format("p50 %.0f us; offered %d requests/s", p50 / 1e3, clients * POLLS_PER_SECOND)));
            figures.add(new Figure("4 economy", "upstream REST requests", upstreamTotal, "requests",
                    counts.served.get() == 0 ? Double.NaN : (double) upstreamTotal / counts.served.get(), "client requests",
                    "by group " + upstream));
            figures.add(Figure.plain("4 economy", "upstream 429 answers", tooMany, "responses", "target 0; 418 bans: " + teapots));
            figures.add(Figure.plain("4 economy", "hit ratio (answers wholly from the WS cache)", hit * 100, "%",
                    "target 99.9 %; by X-Data-Source: websocket " + counts.fromCache.get() + ", rest " + counts.fromRest.get()
                            + ", mixed " + counts.mixed.get()));
            return figures;
        }
    }

    /** What the clients saw. */
    static final class Counts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong served = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong fromCache = new AtomicLong();
        final AtomicLong fromRest = new AtomicLong();
        final AtomicLong mixed = new AtomicLong();
        /** Latencies in nanoseconds of answered requests, written on the client's one event loop. */
        long[] latencies = new long[1 << 20];
        int answered;
    }

    private static Counts poll(int port, String path, int clients, int seconds) throws Exception {
        Counts counts = new Counts();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(clients));
            long period = 1000 / POLLS_PER_SECOND;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            SplittableRandom random = new SplittableRandom(1);
            boolean[] inFlight = new boolean[clients];
            List<Long> timers = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                for (int c = 0; c < clients; c++) {
                    int id = c;
                    // spread the clients' phases over the period, as independent pollers would be
                    long first = 1 + random.nextInt((int) period);
                    vertx.setTimer(first, t -> timers.add(vertx.setPeriodic(period, tick -> {
                        if (System.nanoTime() >= end) {
                            return;
                        }
                        if (inFlight[id]) {
                            counts.skipped.incrementAndGet();
                            return;
                        }
                        inFlight[id] = true;
                        counts.sent.incrementAndGet();
                        long t0 = System.nanoTime();
                        client.request(HttpMethod.GET, path)
                                .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp)))
                                .onComplete(ar -> {
                                    inFlight[id] = false;
                                    if (counts.answered < counts.latencies.length) {
                                        counts.latencies[counts.answered++] = System.nanoTime() - t0;
                                    }
                                    if (ar.failed() || ar.result().statusCode() != 200) {
                                        counts.errors.incrementAndGet();
                                        return;
                                    }
                                    counts.served.incrementAndGet();
                                    String source = ar.result().getHeader("X-Data-Source");
                                    if ("websocket".equals(source)) {
                                        counts.fromCache.incrementAndGet();
                                    } else if ("rest".equals(source)) {
                                        counts.fromRest.incrementAndGet();
                                    } else {
                                        counts.mixed.incrementAndGet();
                                    }
                                });
                    })));
                }
                vertx.setTimer(TimeUnit.SECONDS.toMillis(seconds) + 5, t -> {
                    timers.forEach(vertx::cancelTimer);
                    done.complete(null);
                });
            });
            done.get(seconds + 30L, TimeUnit.SECONDS);
            // let the last requests in flight finish (bounded)
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counts.sent.get() > counts.served.get() + counts.errors.get() && System.nanoTime() < drain) {
                Thread.sleep(10);
            }
            return counts;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
