package io.upbitrouter.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 8: the whole exchange. The simulator (a JVM of its own) runs 600 markets at a trade rate that makes about
 * 5,000 stream messages a second for ticker, trade, orderbook and 1m candles of every market; the module, in another
 * JVM ({@link ExchangeProbe}, the README's flags {@code -Xmx256m -XX:+UseSerialGC}; in full mode once more under G1),
 * subscribes all of them. Measured over a window once everything is
 * cached and 30 s of live traffic have passed (none in smoke): the module JVM's CPU as a share of one core, the frames a second it took, and the heap in use after GC at
 * the start and the end of the window (growth). The window is 60 s in full mode, 5 s in smoke; the spec's 10 minutes
 * is one run of this probe with {@code -Dbench.exchange.seconds=600}.
 */
final class ExchangeBench {

    static final int MARKETS = 600;
    /** Per market: the simulator sends about 4 messages per trade of the four types (measured: 3,200 msg/s at 1.33). */
    static final double TRADES_PER_SECOND = 2.08;

    private final BenchSettings settings;

    ExchangeBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        int markets = settings.smoke() ? 100 : MARKETS;
        int seconds = Integer.getInteger("bench.exchange.seconds", settings.smoke() ? 5 : 60);
        // live traffic before the window, so JIT compilation of the start is not in the figure
        int warmup = settings.smoke() ? 0 : 30;
        Process sim = MemoryBench.java(List.of("-Xmx768m"), SimulatorProcess.class, String.valueOf(markets),
                String.valueOf(TRADES_PER_SECOND), String.valueOf(seconds + 600));
        try {
            BufferedReader simOut = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            String[] urls = MemoryBench.awaitLine(simOut, "READY ", 60).split(" ");
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= markets; i++) {
                codes.add(String.format("KRW-SIM%03d", i));
            }
            // e.g. -Dbench.exchange.jvm-args=-XX:StartFlightRecording=filename=exchange.jfr,settings=profile
            String extra = System.getProperty("bench.exchange.jvm-args", "").trim();
            List<String> extraArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
            boolean collectorGiven = extraArgs.stream().anyMatch(arg -> arg.matches("-XX:\\+Use\\w+GC"));
            List<Figure> figures = new ArrayList<>();
            // the runnable as the README runs it; then (full mode) the same module under G1, the JVM's own choice on
            // a machine of 2 cores and 2 GB or more, as a host that sets no collector runs it
            Run readme = probe(jvm(README_JVM, collectorGiven, extraArgs), urls, codes, seconds, warmup);
            String what = markets + " markets x 4 types (" + readme.values().get("keys") + " keys), "
                    + readme.values().get("windowSeconds") + " s window";
            figures.add(new Figure("8 exchange", "module JVM CPU, whole exchange", readme.cpu(), "% of one core",
                    readme.cpu() / 10.0, "target 10 %", what + "; process CPU time (module, GC, JIT) over wall time; "
                    + String.join(" ", jvm(README_JVM, collectorGiven, extraArgs)) + "; " + readme.gc()));
            Run g1 = settings.smoke() || collectorGiven ? null
                    : probe(jvm(List.of("-Xmx256m", "-XX:+UseG1GC"), false, extraArgs), urls, codes, seconds, warmup);
            if (g1 != null) {
                figures.add(new Figure("8 exchange", "module JVM CPU, whole exchange, under G1", g1.cpu(), "% of one core",
                        g1.cpu() / readme.cpu(), "the README's flags", "-Xmx256m -XX:+UseG1GC, the run after; " + g1.gc()));
            }
            figures.add(Figure.plain("8 exchange", "stream frames taken", readme.frames(), "msg/s",
                    "stored " + readme.values().get("storedPerSecond") + "/s; aimed at about 5,000 msg/s"));
            figures.add(new Figure("8 exchange", "heap after GC, end of window", readme.heapEnd(), "MB",
                    readme.heapEnd() / 128.0, "target 128 MB", "-Xmx256m"));
            figures.add(Figure.plain("8 exchange", "heap growth over the window", readme.heapEnd() - readme.heapStart(),
                    "MB", String.format("after GC: %.1f MB at the start, %.1f MB at the end; target: no growth",
                            readme.heapStart(), readme.heapEnd())));
            return figures;
        } finally {
            sim.getOutputStream().close();
            if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }

    /** The runnable's JVM flags in the README's commands. */
    static final List<String> README_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private static List<String> jvm(List<String> base, boolean collectorGiven, List<String> extra) {
        List<String> args = new ArrayList<>(base);
        if (collectorGiven) {
            args.removeIf(arg -> arg.matches("-XX:\\+Use\\w+GC")); // the one collector asked for instead
        }
        args.addAll(extra);
        return args;
    }

    /** One probe JVM's figures over its window. */
    private record Run(Map<String, String> values) {
        double cpu() {
            return Double.parseDouble(values.get("cpuPercentOfOneCore"));
        }

        double frames() {
            return Double.parseDouble(values.get("framesPerSecond"));
        }

        double heapStart() {
            return Double.parseDouble(values.get("heapStartBytes")) / (1 << 20);
        }

        double heapEnd() {
            return Double.parseDouble(values.get("heapEndBytes")) / (1 << 20);
        }

        String gc() {
            return "GC " + values.get("gcCollections") + " collections, " + values.get("gcMillis") + " ms; JIT "
                    + values.get("jitMillis") + " ms";
        }
    }

    private static Run probe(List<String> jvm, String[] urls, List<String> codes, int seconds, int warmup) throws Exception {
        System.out.println("[exchange] module JVM: " + String.join(" ", jvm));
        Process probe = MemoryBench.java(jvm, ExchangeProbe.class, urls[1], urls[2],
                String.join(",", codes), String.valueOf(seconds), String.valueOf(warmup));
        probe.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        String line = MemoryBench.awaitLine(out, "PROBE ", seconds + warmup + 240);
        if (!probe.waitFor(30, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
        }
        if (line.startsWith("PROBE error=")) {
            throw new IllegalStateException("exchange probe failed: " + line.substring(12));
        }
        System.out.println("[exchange] " + line);
        Map<String, String> values = new HashMap<>();
        for (String kv : line.substring(6).trim().split(" ")) {
            String[] pair = kv.split("=", 2);
            values.put(pair[0], pair[1]);
        }
        System.out.println("[exchange] CPU by thread (% of one core): " + values.getOrDefault("threads", ""));
        return new Run(values);
    }
}
