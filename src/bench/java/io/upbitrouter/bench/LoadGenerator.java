package io.upbitrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load on 127.0.0.1: {@code connections} keep-alive connections, each with one
 * request in flight, for a fixed time. Two engines: wrk (Debian's package, C, lighter on the shared
 * cores) when it is on the PATH, else a Vert.x HttpClient in this JVM. Which one ran is part of the
 * figure's note.
 */
public interface LoadGenerator {

    String name();

    LoadResult run(int port, String pathAndQuery, int connections, int seconds) throws Exception;

    /** wrk when installed (unless {@code bench.http.client=jvm}), else the JVM client. */
    static LoadGenerator pick() {
        String wanted = System.getProperty("bench.http.client", "auto");
        if (!"jvm".equals(wanted) && Wrk.available()) {
            return new Wrk();
        }
        if ("wrk".equals(wanted)) {
            throw new IllegalStateException("bench.http.client=wrk but wrk is not installed: apt-get install -y wrk");
        }
        return new JvmClient();
    }

    /** wrk -t2 -c64 --latency, parsed from its text output. */
    final class Wrk implements LoadGenerator {

        private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
        private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
        private static final Pattern ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
        private static final Pattern PCT = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

        static boolean available() {
            try {
                Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor(5, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public String name() {
            return "wrk -t2";
        }

        @Override
        public LoadResult run(int port, String pathAndQuery, int connections, int seconds) throws Exception {
            Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "--timeout", "5s", "http://127.0.0.1:" + port + pathAndQuery).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = String.join("\n", r.lines().toList());
            }
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            Matcher rps = RPS.matcher(out);
            if (!rps.find()) {
                throw new IllegalStateException("unreadable wrk output: " + out);
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            Matcher pct = PCT.matcher(out);
            while (pct.find()) {
                double v = Double.parseDouble(pct.group(2)) * switch (pct.group(3)) {
                    case "us" -> 1;
                    case "ms" -> 1_000;
                    default -> 1_000_000;
                };
                if (pct.group(1).equals("50")) {
                    p50 = v;
                } else {
                    p99 = v;
                }
            }
            long bad = 0;
            Matcher non = NON2XX.matcher(out);
            if (non.find()) {
                bad += Long.parseLong(non.group(1));
            }
            Matcher err = ERRORS.matcher(out);
            if (err.find()) {
                for (int g = 1; g <= 4; g++) {
                    bad += Long.parseLong(err.group(g));
                }
            }
            Matcher total = TOTAL.matcher(out);
            long completed = total.find() ? Long.parseLong(total.group(1)) : 0;
            return new LoadResult(Double.parseDouble(rps.group(1)), p50, p99, completed, bad);
        }
    }

    /** A Vert.x HttpClient on its own event loop, one request in flight per connection. */
    final class JvmClient implements LoadGenerator {

        @Override
        public String name() {
            return "JVM Vert.x client";
        }

        @Override
        public LoadResult run(int port, String pathAndQuery, int connections, int seconds) throws Exception {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
            try {
                HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections));
                long[] latencies = new long[4_000_000];
                int[] count = {0};
                long[] bad = {0};
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(seconds);
                CompletableFuture<Void> done = new CompletableFuture<>();
                int[] inFlight = {0};
                vertx.runOnContext(v -> {
                    for (int c = 0; c < connections; c++) {
                        inFlight[0]++;
                        loop(client, pathAndQuery, end, latencies, count, bad, inFlight, done);
                    }
                });
                done.get(seconds + 30L, TimeUnit.SECONDS);
                double elapsed = (System.nanoTime() - start) / 1e9;
                int n = Math.min(count[0], latencies.length);
                long p50 = Stats.percentile(latencies, n, 50);
                long p99 = Stats.percentile(latencies, n, 99);
                return new LoadResult(count[0] / elapsed, p50 / 1e3, p99 / 1e3, count[0], bad[0]);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }

        private static void loop(HttpClient client, String uri, long end, long[] latencies, int[] count, long[] bad,
                                 int[] inFlight, CompletableFuture<Void> done) {
            if (System.nanoTime() >= end) {
                if (--inFlight[0] == 0) {
                    done.complete(null);
                }
                return;
            }
            long t0 = System.nanoTime();
            client.request(HttpMethod.GET, uri)
                    .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                    .onComplete(ar -> {
                        long t = System.nanoTime() - t0;
                        if (count[0] < latencies.length) {
                            latencies[count[0]] = t;
                        }
                        count[0]++;
                        if (ar.failed() || ar.result() / 100 != 2) {
                            bad[0]++;
                        }
                        loop(client, uri, end, latencies, count, bad, inFlight, done);
                    });
        }
    }
}
