package io.upbitrouter.bench;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.ws.StreamStatus;
import org.apache.camel.main.Main;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM (started by {@link MemoryBench}) and prints one line {@code PROBE key=value ...}.
 * Mode {@code module}: start-up time to ready (JVM start and module start to a started context with
 * the stream connected), then subscribes ticker, trade, orderbook and 1m candles of every market,
 * waits until the cache holds them, and reports the heap in use after full GCs. Mode {@code empty}:
 * the heap after GC of an empty Camel Main with the same classpath, for comparison.
 * Args: mode, wsUrl, restBaseUrl, markets (comma list, for module mode), settle millis (default 3000).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        try {
            probe(args);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.println("PROBE error=" + String.valueOf(e).replace(' ', '_'));
        }
        // the module's Vert.x threads are not daemons: never outlive the probe
        System.exit(0);
    }

    private static void probe(String[] args) throws Exception {
        String mode = args[0];
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if ("empty".equals(mode)) {
            Main main = new Main();
            main.addOverrideProperty("camel.main.jmx-enabled", "false");
            main.start();
            System.out.println("PROBE heapAfterGcBytes=" + heapAfterGc());
            main.stop();
            return;
        }
        String wsUrl = args[1];
        String restBaseUrl = args[2];
        List<String> markets = List.of(args[3].split(","));
        long settleMillis = args.length > 4 ? Long.parseLong(args[4]) : 3_000;
        long t0 = System.currentTimeMillis();
        ModuleUnderBench module = ModuleUnderBench.start(Map.of("upbit.ws.url", wsUrl, "upbit.rest.base-url", restBaseUrl,
                "upbit.facade.enabled", "true", "camel.server.enabled", "true", "camel.server.host", "127.0.0.1",
                "camel.server.port", String.valueOf(BaselineHttpServers.freePort())));
        long started = System.currentTimeMillis();
        StreamStatus status = module.streamStatus();
        // the stream connects on demand: the demand opens the connection
        module.demandAll(markets);
        ModuleUnderBench.Await.until(status::isConnected, 30_000, "stream connected");
        long ready = System.currentTimeMillis();
        RealtimeCache cache = module.cache();
        String[] keyPrefixes = {"ticker:", "trade:", "orderbook:", "candle:1m:"};
        long deadline = System.currentTimeMillis() + 60_000;
        int cached = 0;
        while (System.currentTimeMillis() < deadline) {
            cached = 0;
            for (String m : markets) {
                for (String p : keyPrefixes) {
                    if (cache.get(MarketKey.parse(p + m).orElseThrow()).isPresent()) {
                        cached++;
                    }
                }
            }
            if (cached == markets.size() * keyPrefixes.length) {
                break;
            }
            Thread.sleep(100);
        }
        // a few seconds of live traffic so the steady state (dedup repository, buffers) is in the figure
        Thread.sleep(settleMillis);
        long heap = heapAfterGc();
        System.out.println("PROBE startToContextMs=" + (started - t0) + " startToReadyMs=" + (ready - t0)
                + " jvmToReadyMs=" + (ready - jvmStart) + " cachedKeys=" + cached + " wantedKeys="
                + markets.size() * keyPrefixes.length + " heapAfterGcBytes=" + heap);
        module.close();
    }

    /**
     * The heap in use right after the last of three full collections, as that collection left it (its own figures,
     * {@code GcInfo}), so what the running module allocated after it is not in the reading; the heap in use now when
     * the JVM does not tell.
     */
    static long heapAfterGc() throws InterruptedException {
        long after = -1;
        for (int i = 0; i < 3; i++) {
            System.gc();
            after = heapAfterLastFullGc();
            Thread.sleep(100);
        }
        return after >= 0 ? after : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Heap pools' use after the last full collection (serial, parallel or G1), or -1. */
    private static long heapAfterLastFullGc() {
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .forEach(pool -> heapPools.add(pool.getName()));
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            boolean full = gc.getName().contains("MarkSweep") || gc.getName().contains("Old");
            if (full && gc instanceof com.sun.management.GarbageCollectorMXBean collector && collector.getLastGcInfo() != null) {
                return collector.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
            }
        }
        return -1;
    }
}
