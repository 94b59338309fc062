package io.upbitrouter.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs with real time, plus an offset a test moves by hand, and that a test can hold still for a while
 * (two answers compared at one instant give the same ages). Released, it runs on from real time plus the offset.
 */
public final class HeldClock extends UtcMillisClock {

    private static final long RUNNING = Long.MIN_VALUE;

    private final AtomicLong offset = new AtomicLong();
    private final AtomicLong heldAt = new AtomicLong(RUNNING);

    /** Stops the clock at the current instant until {@link #release()}. */
    public void hold() {
        heldAt.set(System.currentTimeMillis() + offset.get());
    }

    public void release() {
        heldAt.set(RUNNING);
    }

    /** Moves the clock by this much (forward or back), held or not. */
    public void advance(Duration d) {
        offset.addAndGet(d.toMillis());
        long held = heldAt.get();
        if (held != RUNNING) {
            heldAt.compareAndSet(held, held + d.toMillis());
        }
    }

    @Override
    public long millis() {
        long held = heldAt.get();
        return held != RUNNING ? held : System.currentTimeMillis() + offset.get();
    }
}
