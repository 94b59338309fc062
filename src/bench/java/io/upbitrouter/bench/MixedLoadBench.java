package io.upbitrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Figure 6: cached answers under a REST-bound mix. The HTTP facade on the simulator, with the tickers of
 * five markets kept fresh by the stream, first answers cached tickers alone (the cache-only case), then the
 * same cached-ticker clients while other clients ask for orderbooks ({@code priority=LOW}: always REST) and
 * candle history at random {@code to} (REST pages): the mixed case. Both cases run in the same module, one
 * after the other. The figure is the cache-hit p99 under the mix divided by the cache-only p99 (target: within
 * 3x). REST-bound clients behave as Upbit asks: after a 429 they wait its {@code Retry-After} (1 s when absent).
 * All traffic goes to 127.0.0.1 and every phase stops after a fixed time.
 */
final class MixedLoadBench {

    private final BenchSettings settings;

    MixedLoadBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        int seconds = settings.smoke() ? 2 : 10;
        int cacheClients = settings.smoke() ? 16 : 50;
        int restClients = settings.smoke() ? 32 : 150;
        List<Figure> figures = new ArrayList<>();
        try (SimulatedModule exchange = SimulatedModule.start(5, 5, true, Map.of())) {
            List<String> markets = exchange.markets();
            exchange.warmTickers(markets, 30_000);
            int port = exchange.httpPort;
            Supplier<String> ticker = () -> "/v1/ticker?markets=" + pick(markets);
            Supplier<String> orderbook = () -> "/v1/orderbook?markets=" + pick(markets) + "&priority=LOW";
            Supplier<String> candles = () -> "/v1/candles/minutes/1?market=" + pick(markets) + "&count=200&to="
                    + Instant.now().minusSeconds(60L * ThreadLocalRandom.current().nextInt(300, 3000)).toString();
            // warm-up (JIT, connections), not counted
            lanes(port, settings.smoke() ? 1 : 5, new Lane(ticker, cacheClients, false));
            Lane cacheOnly = new Lane(ticker, cacheClients, false);
            lanes(port, seconds, cacheOnly);
            Lane cached = new Lane(ticker, cacheClients, false);
            Lane books = new Lane(orderbook, restClients / 2, true);
            Lane history = new Lane(candles, restClients - restClients / 2, true);
            lanes(port, seconds, cached, books, history);
            double ratio = cached.p99Micros() / cacheOnly.p99Micros();
            String note = seconds + " s per case, " + cacheClients + " cached-ticker clients"
                    + " + " + restClients + " REST-bound clients (orderbook LOW, candle history) in the mix";
            System.out.printf("[mixed] cache-only: %,.0f req/s p50 %.0f us p99 %.0f us%n",
                    cacheOnly.rps(), cacheOnly.p50Micros(), cacheOnly.p99Micros());
            System.out.printf("[mixed] under mix : %,.0f req/s p50 %.0f us p99 %.0f us (non-2xx %d)%n",
                    cached.rps(), cached.p50Micros(), cached.p99Micros(), cached.non2xx);
            System.out.printf("[mixed] orderbook : %d answered, %d x 2xx, %d x 429, %d other, p50 %.0f us%n",
                    books.count, books.ok, books.tooMany, books.count - books.ok - books.tooMany, books.p50Micros());
            System.out.printf("[mixed] candles   : %d answered, %d x 2xx, %d x 429, %d other, p50 %.0f us%n",
                    history.count, history.ok, history.tooMany, history.count - history.ok - history.tooMany, history.p50Micros());
            System.out.printf("[mixed] cache-hit p99 under mix / cache-only p99 = %.2f (target <= 3)%n", ratio);
            figures.add(Figure.plain("6 mixed", "cached ticker alone: p99", cacheOnly.p99Micros(), "us",
                    String.format("p50 %.0f us, %,.0f req/s; %s", cacheOnly.p50Micros(), cacheOnly.rps(), note)));
            figures.add(new Figure("6 mixed", "cached ticker under REST-bound mix: p99", cached.p99Micros(), "us", ratio,
                    "cache-only p99", String.format("target <= 3 x; p50 %.0f us, %,.0f req/s, non-2xx %d; orderbook %d/%d 2xx,"
                            + " candles %d/%d 2xx", cached.p50Micros(), cached.rps(), cached.non2xx, books.ok, books.count,
                            history.ok, history.count)));
        }
        return figures;
    }

    private static String pick(List<String> markets) {
        return markets.get(ThreadLocalRandom.current().nextInt(markets.size()));
    }

    /** Runs the lanes together for {@code seconds}, each on its own client and event loop. */
    private static void lanes(int port, int seconds, Lane... lanes) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (Lane lane : lanes) {
                done.add(lane.start(vertx, port, end));
            }
            for (CompletableFuture<Void> d : done) {
                // a lane ends when its last request after the end time is answered (Retry-After waits end early)
                d.get(seconds + 60L, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Closed-loop clients on one path family; latencies of every answer. */
    private static final class Lane {
        private final Supplier<String> paths;
        private final int clients;
        private final boolean honourRetryAfter;
        private final long[] latencies = new long[2_000_000];
        private int count;
        private long ok;
        private long tooMany;
        private long non2xx;
        private long started;
        private long finished;
        private int inFlight;

        Lane(Supplier<String> paths, int clients, boolean honourRetryAfter) {
            this.paths = paths;
            this.clients = clients;
            this.honourRetryAfter = honourRetryAfter;
        }

        CompletableFuture<Void> start(Vertx vertx, int port, long end) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                    .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(clients));
            CompletableFuture<Void> done = new CompletableFuture<>();
            started = System.nanoTime();
            vertx.runOnContext(v -> {
                for (int c = 0; c < clients; c++) {
                    inFlight++;
                    next(vertx, client, end, done);
                }
            });
            return done;
        }

        private void next(Vertx vertx, HttpClient client, long end, CompletableFuture<Void> done) {
            if (System.nanoTime() >= end) {
                if (--inFlight == 0) {
                    finished = System.nanoTime();
                    done.complete(null);
                }
                return;
            }
            long t0 = System.nanoTime();
            client.request(HttpMethod.GET, paths.get())
                    .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp)))
                    .onComplete(ar -> {
                        if (count < latencies.length) {
                            latencies[count] = System.nanoTime() - t0;
                        }
                        count++;
                        long pause = 0;
                        if (ar.failed()) {
                            non2xx++;
                        } else if (ar.result().statusCode() / 100 == 2) {
                            ok++;
                        } else {
                            non2xx++;
                            if (ar.result().statusCode() == 429) {
                                tooMany++;
                                pause = retryAfterMillis(ar.result().getHeader("Retry-After"));
                            }
                        }
                        if (honourRetryAfter && pause > 0) {
                            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                            vertx.setTimer(Math.max(1, Math.min(pause, Math.max(1, left))), id -> next(vertx, client, end, done));
                        } else {
                            next(vertx, client, end, done);
                        }
                    });
        }

        private static long retryAfterMillis(String header) {
            try {
                return header == null ? 1000 : Math.max(1, (long) (Double.parseDouble(header.trim()) * 1000));
            } catch (NumberFormatException e) {
                return 1000;
            }
        }

        double rps() {
            return count / ((finished - started) / 1e9);
        }

        double p50Micros() {
            return Stats.percentile(latencies, Math.min(count, latencies.length), 50) / 1e3;
        }

        double p99Micros() {
            return Stats.percentile(latencies, Math.min(count, latencies.length), 99) / 1e3;
        }
    }
}
