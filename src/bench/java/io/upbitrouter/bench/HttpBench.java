package io.upbitrouter.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 3: the HTTP facade answering a cached ticker under closed-loop load (64 connections on
 * loopback), next to a bare Vert.x server and a Camel platform-http route answering the same bytes.
 * The targets take turns within each run, so they share the machine's noise; figures are medians
 * over runs, ratios are to each baseline's median. The facade's figure says which share of its
 * answers came from the stream's cache (the module's decision counter), so it is shown to be of hits.
 */
final class HttpBench {

    static final String PATH = "/v1/ticker";

    private final BenchSettings settings;

    HttpBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** A server under load. */
    interface Target extends AutoCloseable {
        String name();

        int port();

        String pathAndQuery();

        /** Symbols the target has answered from the stream's cache since start, or -1 where it does not count them. */
        default long cacheAnswers() {
            return -1;
        }
    }

    List<Figure> run() throws Exception {
        LoadGenerator load = LoadGenerator.pick();
        System.out.println("[http] load generator: " + load.name()
                + (load instanceof LoadGenerator.Wrk ? "" : " (wrk not found; apt-get install -y wrk for a lighter generator)"));
        List<Target> targets = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        FacadeTarget facade = null;
        byte[] body = FrameMix.snapshotTicker("KRW-XAAA", System.currentTimeMillis(), 1000);
        String contentType = "application/json; charset=utf-8";
        try {
            facade = FacadeTarget.start();
            body = facade.sampleBody();
            contentType = facade.contentType();
        } catch (Exception | Error e) {
            skipped.put("facade", String.valueOf(e.getMessage()));
            System.out.println("[http] facade not measured: " + e.getMessage());
        }
        String query = facade == null ? PATH + "?markets=KRW-XAAA" : facade.pathAndQuery();
        System.out.println("[http] answer: " + body.length + " bytes, " + contentType + ": "
                + new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8) + "...");
        BaselineHttpServers.BareVertx bare = new BaselineHttpServers.BareVertx(body, contentType);
        BaselineHttpServers.CamelConstant camel = new BaselineHttpServers.CamelConstant(PATH, body, contentType);
        targets.add(simple("bare Vert.x server", bare.port(), query, bare));
        targets.add(simple("Camel platform-http constant", camel.port(), query, camel));
        if (facade != null) {
            targets.add(facade);
        }
        Map<String, List<LoadResult>> results = new LinkedHashMap<>();
        targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
        // per target: answers counted as cache hits during the measured runs, and requests completed in them
        Map<String, long[]> hits = new LinkedHashMap<>();
        targets.forEach(t -> hits.put(t.name(), new long[2]));
        int seconds = settings.httpSeconds();
        try {
            for (Target t : targets) {
                // warm-up: JIT and connection pools, not counted
                // the facade's path needs more than 3 s of load before C2 has compiled it (runs kept climbing)
                LoadResult warm = load.run(t.port(), t.pathAndQuery(), settings.httpConnections(), settings.smoke() ? 1 : 6);
                System.out.printf("[http] warm-up %-30s %,10.0f req/s%n", t.name(), warm.requestsPerSecond());
            }
            for (int run = 0; run < settings.httpRuns(); run++) {
                for (Target t : targets) {
                    System.gc();
                    long cachedBefore = t.cacheAnswers();
                    LoadResult r = load.run(t.port(), t.pathAndQuery(), settings.httpConnections(), seconds);
                    results.get(t.name()).add(r);
                    hits.get(t.name())[0] += t.cacheAnswers() - cachedBefore;
                    hits.get(t.name())[1] += r.completed();
                    System.out.printf("[http] run %d %-30s %,10.0f req/s  p50 %8.0f us  p99 %8.0f us  non-2xx %d%n",
                            run, t.name(), r.requestsPerSecond(), r.p50Micros(), r.p99Micros(), r.non2xx());
                }
            }
        } finally {
            for (Target t : targets) {
                t.close();
            }
        }
        List<Figure> figures = new ArrayList<>();
        double bareRps = medianRps(results.get("bare Vert.x server"));
        double camelRps = medianRps(results.get("Camel platform-http constant"));
        String note = settings.httpRuns() + " runs x " + seconds + " s, " + settings.httpConnections() + " connections, " + load.name();
        for (Target t : targets) {
            List<LoadResult> rs = results.get(t.name());
            double rps = medianRps(rs);
            double p99 = Stats.median(rs.stream().map(LoadResult::p99Micros).toList());
            long bad = rs.stream().mapToLong(LoadResult::non2xx).sum();
            String runs = rs.stream().map(r -> String.format("%,.0f", r.requestsPerSecond())).toList().toString();
            switch (t.name()) {
                case "bare Vert.x server" -> figures.add(Figure.plain("3 http", t.name() + ": req/s", rps, "req/s", note + "; runs " + runs));
                case "Camel platform-http constant" -> figures.add(new Figure("3 http", t.name() + ": req/s", rps, "req/s",
                        rps / bareRps, "bare Vert.x", "runs " + runs));
                default -> {
                    // the figure is of cache hits: the module counts every symbol it answered from the stream's cache
                    long[] h = hits.get(t.name());
                    double share = h[1] == 0 ? Double.NaN : 100.0 * h[0] / h[1];
                    // answers still in flight when the load stops are counted by the module, not by the load generator
                    String hitNote = String.format("; cache answers %.1f %% of requests completed (%,d answers, %,d requests)%s",
                            share, h[0], h[1], share >= 99.0 ? "" : " NOT ALL CACHE HITS");
                    if (!(share >= 99.0)) {
                        System.out.println("[http] WARNING: the facade answered " + h[0] + " of " + h[1]
                                + " requests from the cache; the figure is not of cache hits alone");
                    }
                    figures.add(new Figure("3 http", t.name() + ": req/s", rps, "req/s", rps / camelRps,
                            "Camel constant route", "target >= 0.9 x Camel constant; runs " + runs + "; non-2xx " + bad + hitNote));
                    figures.add(new Figure("3 http", t.name() + " vs bare Vert.x", rps, "req/s", rps / bareRps,
                            "bare Vert.x", "target >= 0.6 x bare Vert.x for a cache hit"));
                }
            }
            figures.add(Figure.plain("3 http", t.name() + ": p99", p99, "us", "p50 "
                    + String.format("%.0f us", Stats.median(rs.stream().map(LoadResult::p50Micros).toList()))));
        }
        skipped.forEach((name, why) -> figures.add(Figure.plain("3 http", name + ": NOT MEASURED", Double.NaN, "", why)));
        return figures;
    }

    private static double medianRps(List<LoadResult> rs) {
        return rs == null ? Double.NaN : Stats.median(rs.stream().map(LoadResult::requestsPerSecond).toList());
    }

    private static Target simple(String name, int port, String pathAndQuery, AutoCloseable resource) {
        return new Target() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String pathAndQuery() {
                return pathAndQuery;
            }

            @Override
            public void close() throws Exception {
                resource.close();
            }
        };
    }
}
