package io.upbitrouter.wsproxy;

import io.upbitrouter.cache.CachedMarketData;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One local WebSocket client: what it subscribed to and the messages waiting for its socket.
 * <p>
 * Contract: {@link #enqueue} never blocks and never waits for the socket, whatever the client does; it is
 * called from the fan-out thread for every client in turn, so one slow client cannot slow the others or the
 * ingest. Messages wait in a bounded queue of {@code queueSize}; the socket is written on its own Vert.x
 * context, only while Vert.x's write queue is not full ({@code writeQueueFull()}), resuming from its drain
 * handler. When the queue is full the {@link SlowClientPolicy} applies: {@code DROP_OLDEST} drops the oldest
 * waiting message (counted in {@link #dropped()}), {@code CLOSE} closes the connection (code 1008). Thread-safe.
 */
public final class LocalStreamClient {

    /** What happens to a client whose queue is full. */
    public enum SlowClientPolicy {
        /** Drop the oldest waiting message to make room: the client stays, with a gap. */
        DROP_OLDEST,
        /** Close the connection: the client reconnects and starts again with a snapshot. */
        CLOSE
    }

    /** The client's socket, as the client needs it; in production a Vert.x {@code ServerWebSocket}. */
    public interface Outlet {
        boolean writeQueueFull();

        void write(byte[] message);

        /** Runs the action once when the write queue has room again. */
        void onDrain(Runnable action);

        void close(short code, String reason);

        /** Runs the action on the socket's own thread. */
        void runOnContext(Runnable action);
    }

    /** Per subscribed stream: orderbook units kept, the options, and what was sent so far. */
    static final class StreamState {
        final int units;
        final boolean onlySnapshot;
        final boolean onlyRealtime;
        boolean snapshotSent;
        /** The cache entry sent as the snapshot: later items must be newer. */
        CachedMarketData snapshot;

        StreamState(int units, boolean onlySnapshot, boolean onlyRealtime) {
            this.units = units;
            this.onlySnapshot = onlySnapshot;
            this.onlyRealtime = onlyRealtime;
        }
    }

    private final String id;
    private final Outlet outlet;
    private final int queueSize;
    private final SlowClientPolicy policy;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Deque<Long> subscriptionTimes = new ArrayDeque<>();
    private volatile LocalSubscription subscription;
    private volatile Map<String, StreamState> streams = Map.of();
    private volatile boolean closed;

    public LocalStreamClient(String id, Outlet outlet, int queueSize, SlowClientPolicy policy) {
        this.id = id;
        this.outlet = outlet;
        this.queueSize = Math.max(1, queueSize);
        this.policy = policy;
    }

    public String id() {
        return id;
    }

    public LocalSubscription subscription() {
        return subscription;
    }

    Map<String, StreamState> streams() {
        return streams;
    }

    void replaceSubscription(LocalSubscription subscription, Map<String, StreamState> streams) {
        this.subscription = subscription;
        this.streams = streams;
    }

    /** Counts a subscription message at {@code nowMillis}; false when it exceeds {@code perSecond} in the last second. */
    boolean takeSubscriptionBudget(long nowMillis, int perSecond) {
        synchronized (subscriptionTimes) {
            while (!subscriptionTimes.isEmpty() && nowMillis - subscriptionTimes.peekFirst() >= 1000) {
                subscriptionTimes.pollFirst();
            }
            if (subscriptionTimes.size() >= perSecond) {
                return false;
            }
            subscriptionTimes.addLast(nowMillis);
            return true;
        }
    }

    /**
     * Queues a message for the socket and returns at once. A full queue drops the oldest message or closes
     * the client, by the policy. Returns false when the client is closed (nothing queued).
     */
    public boolean enqueue(byte[] message) {
        if (closed) {
            return false;
        }
        boolean cutOff = false;
        synchronized (queue) {
            if (queue.size() >= queueSize) {
                if (policy == SlowClientPolicy.CLOSE) {
                    cutOff = true;
                } else {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                }
            }
            if (!cutOff) {
                queue.addLast(message);
            }
        }
        if (cutOff) {
            dropped.incrementAndGet();
            cutOff();
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            outlet.runOnContext(this::drain);
        }
        return true;
    }

    /** Writes waiting messages while the socket takes them; on the socket's context. */
    private void drain() {
        drainScheduled.set(false);
        while (!closed) {
            if (outlet.writeQueueFull()) {
                // resume when Vert.x has written enough; enqueue keeps queueing (bounded) meanwhile
                if (drainScheduled.compareAndSet(false, true)) {
                    outlet.onDrain(this::drain);
                }
                return;
            }
            byte[] next;
            synchronized (queue) {
                next = queue.pollFirst();
            }
            if (next == null) {
                return;
            }
            outlet.write(next);
            sent.incrementAndGet();
        }
    }

    private void cutOff() {
        if (!closed) {
            closed = true;
            synchronized (queue) {
                queue.clear();
            }
            outlet.runOnContext(() -> outlet.close((short) 1008, "too slow: messages waiting exceed the queue"));
        }
    }

    /** Marks the client gone (its socket closed); queued messages are forgotten. */
    void closed() {
        closed = true;
        synchronized (queue) {
            queue.clear();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Messages handed to the socket. */
    public long sent() {
        return sent.get();
    }

    /** Messages dropped because the queue was full (or, with CLOSE, the message that cut the client off). */
    public long dropped() {
        return dropped.get();
    }

    /** Messages waiting now. */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
