package io.upbitrouter.sim;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Runs the exchange simulator alone (demos, benchmarks, trying an Upbit client offline) until the
 * process is stopped. Settings are the runnable's {@code upbit.simulator.*} keys; arguments of the
 * form {@code key=value} (e.g. {@code upbit.simulator.port=18080}) take precedence.
 */
public final class UpbitSimulatorMain {

    private UpbitSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> fromArgs = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                fromArgs.put(a.substring(0, a.indexOf('=')).replaceFirst("^--", ""), a.substring(eq + 1));
            }
        }
        Function<String, String> standard = SimulatorLaunch.standardLookup(
                Path.of(System.getProperty("upbit.config.dir", System.getenv().getOrDefault("UPBIT_CONFIG_DIR", "config")),
                        "application.properties"));
        Function<String, String> lookup = key -> fromArgs.containsKey(key) ? fromArgs.get(key) : standard.apply(key);
        UpbitSimulator sim = SimulatorLaunch.builder(lookup).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.stop();
            stopped.countDown();
        }, "upbit-sim-shutdown"));
        System.out.println("Upbit exchange SIMULATOR (simulated data, not the real exchange)");
        System.out.println("  REST      " + sim.restBaseUrl() + "   e.g. curl '" + sim.restBaseUrl() + "/ticker?markets=" + sim.market().codes().get(0) + "'");
        System.out.println("  WebSocket " + sim.wsUrl());
        System.out.println("  Control   " + sim.controlUrl() + "/counters");
        stopped.await();
    }
}
