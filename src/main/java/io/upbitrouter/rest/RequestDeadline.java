package io.upbitrouter.rest;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one deadline of a request ({@code upbit.request.deadline-ms}): budget waits, calls, retries and candle pages
 * all end by it. The request route sets it when a request arrives and installs it around the steps that call the
 * exchange ({@link #within}); {@link UpbitRestClient} reads it on the same thread. Outside such a scope (the
 * market-list refresh, direct use of the client) there is no deadline and the client's own bounds apply.
 * Measured on {@link System#nanoTime()}: it bounds real waiting, as the HTTP timeouts do.
 */
public final class RequestDeadline {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private RequestDeadline() {
    }

    /** The deadline ({@link System#nanoTime()} value) of a request arriving now with {@code deadlineMillis}. */
    public static long from(long deadlineMillis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    }

    /** Runs {@code work} with the deadline in force on this thread (null = none). */
    public static <T> T within(Long deadlineNanos, Supplier<T> work) {
        Long outer = DEADLINE.get();
        if (deadlineNanos == null) {
            return work.get();
        }
        DEADLINE.set(outer == null ? deadlineNanos : Math.min(outer, deadlineNanos));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** Milliseconds left before this thread's deadline, at most 0 once passed; {@link Long#MAX_VALUE} without one. */
    public static long remainingMillis() {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
