package io.upbitrouter.bench;

import io.upbitrouter.sim.UpbitSimulator;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The exchange simulator in a JVM of its own, so the memory figure measures the module's heap only.
 * Prints {@code READY <wsUrl> <restBaseUrl>} once listening; stops when its standard input closes or
 * after {@code args[2]} seconds, whichever comes first (it never outlives the benchmark).
 * Args: markets, trades per second per market, maximum seconds.
 */
public final class SimulatorProcess {

    private SimulatorProcess() {
    }

    public static void main(String[] args) throws Exception {
        int markets = Integer.parseInt(args[0]);
        double tradesPerSecond = Double.parseDouble(args[1]);
        long maxSeconds = Long.parseLong(args[2]);
        UpbitSimulator sim = UpbitSimulator.builder().syntheticMarkets(markets).tradesPerSecond(tradesPerSecond).seed(7)
                .historyDays(2).build();
        sim.start();
        System.out.println("READY " + sim.wsUrl() + " " + sim.restBaseUrl());
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent to close the pipe
                }
            } catch (IOException e) {
                // parent gone
            }
        }, "stdin-watch");
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(TimeUnit.SECONDS.toMillis(maxSeconds));
        sim.stop();
        System.exit(0);
    }
}
