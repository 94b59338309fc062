package io.upbitrouter.testsupport;

import java.time.Instant;

/**
 * A clock that runs {@code factor} times faster than real time from {@code start}: shared by the simulator's
 * rate-limit windows and the router's budget, it lets a load test cover many exchange seconds in a few real
 * ones. Both sides read the same clock, so there is no drift between them; nothing is asserted on real time.
 */
public final class FastClock extends UtcMillisClock {

    private final long startMillis;
    private final long startNanos = System.nanoTime();
    private final int factor;

    public FastClock(Instant start, int factor) {
        this.startMillis = start.toEpochMilli();
        this.factor = factor;
    }

    @Override
    public long millis() {
        return startMillis + (System.nanoTime() - startNanos) / 1_000_000L * factor;
    }
}
