package io.upbitrouter.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: heap in use after GC with 300 markets subscribed for ticker, trade, orderbook and 1m
 * candles, and start-up time to ready. The simulator and each probe run in JVMs of their own
 * ({@link SimulatorProcess}, {@link MemoryProbe}) so nothing else is on the measured heap; an empty
 * Camel Main is measured the same way for comparison. Start-up is the median of several probes.
 */
final class MemoryBench {

    private final BenchSettings settings;

    MemoryBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        int markets = settings.memoryMarkets();
        Process sim = java(List.of("-Xmx512m"), SimulatorProcess.class, String.valueOf(markets), "1", "300");
        try {
            BufferedReader simOut = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            String ready = awaitLine(simOut, "READY ", 60);
            String[] urls = ready.split(" ");
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= markets; i++) {
                codes.add(String.format("KRW-SIM%03d", i));
            }
            int probes = settings.smoke() ? 1 : 3;
            List<Double> heaps = new ArrayList<>();
            List<Double> toReady = new ArrayList<>();
            List<Double> jvmToReady = new ArrayList<>();
            List<Double> toContext = new ArrayList<>();
            String keys = "";
            for (int i = 0; i < probes; i++) {
                Map<String, String> probe = probe(List.of("-Xmx256m", "-XX:+UseG1GC"), "module", urls[1], urls[2], String.join(",", codes),
                        settings.smoke() ? "300" : "3000");
                heaps.add(Double.parseDouble(probe.get("heapAfterGcBytes")) / (1 << 20));
                toReady.add(Double.parseDouble(probe.get("startToReadyMs")));
                jvmToReady.add(Double.parseDouble(probe.get("jvmToReadyMs")));
                toContext.add(Double.parseDouble(probe.get("startToContextMs")));
                keys = probe.get("cachedKeys") + " of " + probe.get("wantedKeys") + " keys cached";
                System.out.println("[memory] probe " + i + ": " + probe);
            }
            Map<String, String> empty = probe(List.of("-Xmx256m", "-XX:+UseG1GC"), "empty");
            double emptyHeap = Double.parseDouble(empty.get("heapAfterGcBytes")) / (1 << 20);
            double heap = Stats.median(heaps);
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("5 memory", "heap after GC, " + markets + " markets x 4 types subscribed", heap, "MB",
                    heap / emptyHeap, "empty Camel Main", "target < 64 MB; " + keys + "; runs " + fmt(heaps)));
            figures.add(Figure.plain("5 memory", "heap after GC, empty Camel Main", emptyHeap, "MB", "same JVM flags"));
            figures.add(Figure.plain("5 memory", "start-up to ready (module start -> stream connected)", Stats.median(toReady), "ms",
                    "target < 3 s; context started after " + fmt(toContext) + " ms; runs " + fmt(toReady)));
            figures.add(Figure.plain("5 memory", "start-up to ready from JVM start", Stats.median(jvmToReady), "ms",
                    "includes JVM and class loading; runs " + fmt(jvmToReady)));
            return figures;
        } finally {
            sim.getOutputStream().close();
            if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }

    private static String fmt(List<Double> values) {
        return values.stream().map(v -> String.format("%.1f", v)).toList().toString();
    }

    private Map<String, String> probe(List<String> jvmArgs, String... args) throws Exception {
        Process p = java(jvmArgs, MemoryProbe.class, args);
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = awaitLine(out, "PROBE ", 120);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (line.startsWith("PROBE error=")) {
            throw new IllegalStateException("memory probe failed: " + line.substring(12));
        }
        Map<String, String> values = new HashMap<>();
        for (String kv : line.substring(6).trim().split(" ")) {
            String[] pair = kv.split("=", 2);
            values.put(pair[0], pair[1]);
        }
        return values;
    }

    /** Starts a JVM with this JVM's classpath running the class's main. */
    static Process java(List<String> jvmArgs, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads lines until one starts with the prefix (echoing nothing else); fails after the timeout. */
    static String awaitLine(BufferedReader reader, String prefix, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith(prefix)) {
                // keep draining in the background so the child never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // discard
                        }
                    } catch (Exception e) {
                        // child gone
                    }
                }, "drain");
                drain.setDaemon(true);
                drain.start();
                return line;
            }
            seen.add(line);
            if (seen.size() > 40) {
                seen.remove(0);
            }
        }
        throw new IllegalStateException("no '" + prefix + "' line; last output:\n" + String.join("\n", seen));
    }
}
