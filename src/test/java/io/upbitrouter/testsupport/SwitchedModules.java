package io.upbitrouter.testsupport;

import io.upbitrouter.sim.UpbitSimulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulator without live trades (entries change only when a test trades, so two answers can be compared) and two
 * modules on it: one with the given settings on a clock the test holds and moves, and one with a switch set to
 * {@code false} besides, on the system clock. Both are told that moved clocks are no reason to call a stream silent or
 * idle, and hold an entry fresh for 20 s.
 */
public final class SwitchedModules implements AutoCloseable {

    public static final List<String> MARKETS = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-ADA");

    private final HeldClock clock;
    private UpbitSimulator sim;
    private RunningModule on;
    private RunningModule off;

    private SwitchedModules(HeldClock clock) {
        this.clock = clock;
    }

    public static SwitchedModules start(long seed, HeldClock clock, Map<String, String> settings, String switchedOff)
            throws Exception {
        SwitchedModules modules = new SwitchedModules(clock);
        try {
            modules.sim = UpbitSimulator.builder().markets(MARKETS).seed(seed).tradesPerSecond(0).requestsPerSecond(1000)
                    .build().start();
            Map<String, String> common = new HashMap<>(Map.of(
                    // the tests move the clock: a silent stream or a stream-idle sweep must not follow from that
                    "upbit.ws.watchdog-silence-ms", "600000",
                    "upbit.ws.idle-check-period-ms", "600000",
                    "upbit.cache.freshness-ms", "20000"));
            common.putAll(settings);
            modules.on = new RunningModule(modules.sim, common, clock);
            Map<String, String> off = new HashMap<>(common);
            off.put(switchedOff, "false");
            modules.off = new RunningModule(modules.sim, off);
            return modules;
        } catch (Exception | Error e) {
            modules.close();
            throw e;
        }
    }

    public UpbitSimulator sim() {
        return sim;
    }

    /** The module with the switch as configured (on by default), on the held clock. */
    public RunningModule on() {
        return on;
    }

    /** The module with the switch off. */
    public RunningModule off() {
        return off;
    }

    @Override
    public void close() {
        clock.release();
        if (on != null) {
            on.close();
        }
        if (off != null) {
            off.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }
}
