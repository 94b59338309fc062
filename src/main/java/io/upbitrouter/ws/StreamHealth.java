package io.upbitrouter.ws;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The stream's health as the router sees it. Connected means a socket is open and carries the full
 * subscription; healthy additionally means a frame (data or the keepalive's answer) arrived within the
 * watchdog limit, counted from the connect when nothing has arrived since. Judged on every call from the
 * injected clock, so the router falls back to REST the moment silence passes the limit, before the
 * watchdog route has even forced the reconnect.
 */
public class StreamHealth implements StreamStatus {

    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;
    private final long silenceLimitMillis;
    private final BooleanSupplier subscribed;
    private final AtomicLong lastFrameMillis = new AtomicLong(NEVER);
    private final AtomicLong connectedAtMillis = new AtomicLong(NEVER);
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong keepaliveAnswers = new AtomicLong();
    private volatile boolean open;

    public StreamHealth(Clock clock, long silenceLimitMillis, BooleanSupplier subscribed) {
        this.clock = clock;
        this.silenceLimitMillis = silenceLimitMillis;
        this.subscribed = subscribed;
    }

    /** Any frame counts as life, whatever it holds. */
    public void frameReceived() {
        lastFrameMillis.set(clock.millis());
    }

    /** A {@code {"status":"UP"}} answer to the keepalive PING arrived. */
    public void keepaliveAnswered() {
        keepaliveAnswers.incrementAndGet();
    }

    /** Keepalive answers received since start. */
    public long keepaliveAnswers() {
        return keepaliveAnswers.get();
    }

    public void connected() {
        connectedAtMillis.set(clock.millis());
        connects.incrementAndGet();
        open = true;
    }

    public void disconnected() {
        if (open) {
            disconnects.incrementAndGet();
        }
        open = false;
    }

    @Override
    public boolean isConnected() {
        return open && subscribed.getAsBoolean();
    }

    @Override
    public boolean isHealthy() {
        return isConnected() && !isSilent();
    }

    /** True when a socket is open but nothing arrived within the watchdog limit. */
    public boolean isSilent() {
        if (!open) {
            return false;
        }
        long lastLife = Math.max(lastFrameMillis.get(), connectedAtMillis.get());
        return clock.millis() - lastLife > silenceLimitMillis;
    }

    @Override
    public OptionalLong lastMessageAgeMillis() {
        long last = lastFrameMillis.get();
        return last == NEVER ? OptionalLong.empty() : OptionalLong.of(Math.max(0, clock.millis() - last));
    }

    public long silenceLimitMillis() {
        return silenceLimitMillis;
    }

    /** Connections opened since start. */
    public long connects() {
        return connects.get();
    }

    /** Connections lost since start (dropped by the exchange or closed by the watchdog). */
    public long disconnects() {
        return disconnects.get();
    }
}
