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
 * JVM ({@link ExchangeProbe}, {@code -Xmx256m}), subscribes all of them. Measured over a window once everything is
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
            List<String> probeJvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseG1GC"));
            // e.g. -Dbench.exchange.jvm-args=-XX:StartFlightRecording=filename=exchange.jfr,settings=profile
            String extra = System.getProperty("bench.exchange.jvm-args", "").trim();
            if (!extra.isEmpty()) {
                probeJvm.addAll(List.of(extra.split("\\s+")));
            }
            Process probe = MemoryBench.java(probeJvm, ExchangeProbe.class, urls[1], urls[2],
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
            double cpu = Double.parseDouble(values.get("cpuPercentOfOneCore"));
            double frames = Double.parseDouble(values.get("framesPerSecond"));
            double heapStart = Double.parseDouble(values.get("heapStartBytes")) / (1 << 20);
            double heapEnd = Double.parseDouble(values.get("heapEndBytes")) / (1 << 20);
            String what = markets + " markets x 4 types (" + values.get("keys") + " keys), " + values.get("windowSeconds")
                    + " s window";
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("8 exchange", "module JVM CPU, whole exchange", cpu, "% of one core", cpu / 10.0,
                    "target 10 %", what + "; process CPU time (module, GC, JIT) over wall time"));
            System.out.println("[exchange] CPU by thread (% of one core): " + values.getOrDefault("threads", ""));
            figures.add(Figure.plain("8 exchange", "stream frames taken", frames, "msg/s",
                    "stored " + values.get("storedPerSecond") + "/s; aimed at about 5,000 msg/s"));
            figures.add(new Figure("8 exchange", "heap after GC, end of window", heapEnd, "MB", heapEnd / 128.0,
                    "target 128 MB", "-Xmx256m"));
            figures.add(Figure.plain("8 exchange", "heap growth over the window", heapEnd - heapStart, "MB",
                    String.format("after GC: %.1f MB at the start, %.1f MB at the end; target: no growth", heapStart, heapEnd)));
            return figures;
        } finally {
            sim.getOutputStream().close();
            if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }
}
