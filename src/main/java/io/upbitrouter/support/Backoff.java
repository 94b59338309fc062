package io.upbitrouter.support;

import java.util.random.RandomGenerator;

/**
 * The one back-off rule of the module, for stream reconnects and REST retries alike: the delay before attempt n
 * (0-based) doubles from the initial delay up to the cap, with "equal jitter" (half fixed, half random), so that
 * callers never come back at once and many dropped together do not come back in step.
 */
public record Backoff(long initialMillis, long maxMillis) {

    public Backoff {
        if (initialMillis < 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initialMillis + ", " + maxMillis);
        }
    }

    /** A delay in [cap/2, cap] where cap = min(max, initial * 2^attempt). */
    public long delayMillis(int attempt, RandomGenerator random) {
        long cap = initialMillis << Math.min(Math.max(attempt, 0), 30);
        if (cap < 0 || cap > maxMillis) {
            cap = maxMillis;
        }
        long half = cap / 2;
        return half + random.nextLong(cap - half + 1);
    }
}
