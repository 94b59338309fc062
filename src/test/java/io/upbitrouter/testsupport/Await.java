package io.upbitrouter.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The tests' one bounded poll: waits for a condition that is certain to come, failing with what was awaited. */
public final class Await {

    private Await() {
    }

    /** Polls every 10 ms until the condition holds; throws AssertionError naming {@code what} after the timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
