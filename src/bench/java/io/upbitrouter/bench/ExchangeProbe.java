package io.upbitrouter.bench;

import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.ws.StreamIngest;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM (started by {@link ExchangeBench}) and prints one line {@code PROBE key=value ...}: the module
 * as the runnable runs it (facade on, shipped routes loaded) subscribed to ticker, trade, orderbook and 1m candles of
 * every market, fed by the simulator in another JVM. Once every key is cached it measures, over the window, the
 * process's CPU time (module, GC and JIT: everything in this JVM), the frames the stream delivered, and the heap in use
 * after full GCs at the start and the end of the window.
 * Args: wsUrl, restBaseUrl, markets (comma list), window seconds, warm-up seconds before the window.
 */
public final class ExchangeProbe {

    private ExchangeProbe() {
    }

    public static void main(String[] args) {
        try {
            probe(args);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.println("PROBE error=" + String.valueOf(e).replace(' ', '_'));
        }
        System.exit(0);
    }

    private static void probe(String[] args) throws Exception {
        String wsUrl = args[0];
        String restBaseUrl = args[1];
        List<String> markets = List.of(args[2].split(","));
        long windowMillis = Long.parseLong(args[3]) * 1000;
        long warmupMillis = args.length > 4 ? Long.parseLong(args[4]) * 1000 : 0;
        ModuleUnderBench module = ModuleUnderBench.start(Map.of("upbit.ws.url", wsUrl, "upbit.rest.base-url", restBaseUrl,
                "upbit.facade.enabled", "true", "camel.server.enabled", "true", "camel.server.host", "127.0.0.1",
                "camel.server.port", String.valueOf(BaselineHttpServers.freePort())));
        // the stream connects on demand: ask first, then wait for the connection
        module.demandAll(markets);
        ModuleUnderBench.Await.until(module.streamStatus()::isConnected, 60_000, "stream connected");
        RealtimeCache cache = module.cache();
        String[] keyPrefixes = {"ticker:", "trade:", "orderbook:", "candle:1m:"};
        ModuleUnderBench.Await.until(() -> markets.stream().allMatch(m -> java.util.Arrays.stream(keyPrefixes)
                .allMatch(p -> cache.get(io.upbitrouter.protocol.MarketKey.parse(p + m).orElseThrow()).isPresent())), 120_000, "every key of every market cached");
        Thread.sleep(warmupMillis);
        StreamIngest ingest = module.bean("upbitStreamIngest", StreamIngest.class);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long heapStart = MemoryProbe.heapAfterGc();
        StreamIngest.Figures before = ingest.figures();
        Map<Long, Long> threadsStart = threadCpu();
        long gcStart = gcMillis();
        long gcCountStart = gcCount();
        long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long cpuStart = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(windowMillis);
        long cpuEnd = os.getProcessCpuTime();
        long elapsed = System.nanoTime() - t0;
        String byThread = byThreadGroup(threadsStart, threadCpu(), elapsed);
        long gcPause = gcMillis() - gcStart;
        long gcs = gcCount() - gcCountStart;
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart;
        StreamIngest.Figures after = ingest.figures();
        long heapEnd = MemoryProbe.heapAfterGc();
        System.out.println("PROBE cpuPercentOfOneCore=" + String.format("%.2f", 100.0 * (cpuEnd - cpuStart) / elapsed)
                + " framesPerSecond=" + String.format("%.0f", (after.frames() - before.frames()) / (elapsed / 1e9))
                + " storedPerSecond=" + String.format("%.0f", (after.stored() - before.stored()) / (elapsed / 1e9))
                + " heapStartBytes=" + heapStart + " heapEndBytes=" + heapEnd + " windowSeconds="
                + String.format("%.1f", elapsed / 1e9) + " keys=" + markets.size() * keyPrefixes.length
                + " threads=" + byThread + " gcCollections=" + gcs + " gcMillis=" + gcPause + " jitMillis=" + jit);
        module.close();
    }

    /** CPU time (user and system) of every live thread, by id. */
    private static Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /**
     * The window's CPU per thread group (names with digits and what follows a " - " folded: every Vert.x event loop
     * one group, every Camel thread of one endpoint one group), in % of one core, largest first, comma separated.
     */
    private static String byThreadGroup(Map<Long, Long> start, Map<Long, Long> end, long elapsedNanos) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.TreeMap<>();
        end.forEach((id, nanos) -> {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            String name = info == null ? "ended" : info.getThreadName()
                    .replaceAll("thread #\\d+ - ", "").replaceAll("[?].*", "").replaceAll("\\d+", "N").replace(' ', '_');
            groups.merge(name, nanos - start.getOrDefault(id, 0L), Long::sum);
        });
        return groups.entrySet().stream().filter(e -> e.getValue() > elapsedNanos / 1000)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> e.getKey() + ":" + String.format("%.2f", 100.0 * e.getValue() / elapsedNanos))
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    /** Collection time of every collector since start (G1: pauses of young and mixed collections). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionCount())).sum();
    }
}
