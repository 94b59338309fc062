package io.upbitrouter.ws;

import java.util.random.RandomGenerator;

/**
 * Delay before reconnect attempt n (0-based): exponential from the initial delay, capped, with "equal
 * jitter" (half fixed, half random) so that many clients dropped together do not come back in step.
 */
public record ReconnectBackoff(long initialMillis, long maxMillis) {

    public ReconnectBackoff {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 1 <= initial <= max, got " + initialMillis + ", " + maxMillis);
        }
    }

    /** A delay in [cap/2, cap] where cap = min(max, initial * 2^attempt). */
    public long delayMillis(int attempt, RandomGenerator random) {
        long cap = initialMillis << Math.min(Math.max(attempt, 0), 30);
        if (cap <= 0 || cap > maxMillis) {
            cap = maxMillis;
        }
        long half = cap / 2;
        return half + random.nextLong(cap - half + 1);
    }
}
