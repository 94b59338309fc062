package io.upbitrouter.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator has seen and done, for tests and the control endpoint. All counts except
 * {@link #openConnections()} (a gauge) start at zero and only grow until {@link #reset()}. Thread-safe.
 */
public final class SimulatorCounters {

    private final AtomicLong openConnections = new AtomicLong();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder subscriptionsReceived = new LongAdder();
    private final LongAdder subscriptionErrors = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder malformedSent = new LongAdder();
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder teapots = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    /** WebSocket connections open right now. */
    public long openConnections() {
        return openConnections.get();
    }

    /** WebSocket connections accepted since the last reset. */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** WebSocket upgrade requests refused (connection rate limit or ban). */
    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    /** Subscription messages received (valid or not; {@code PING} excluded). */
    public long subscriptionsReceived() {
        return subscriptionsReceived.sum();
    }

    /** Subscription messages answered with an error. */
    public long subscriptionErrors() {
        return subscriptionErrors.sum();
    }

    /** WebSocket data messages sent (duplicates included, malformed frames excluded). */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Malformed WebSocket frames sent by fault injection. */
    public long malformedSent() {
        return malformedSent.sum();
    }

    /** REST requests received for a group ({@code market}, {@code candles}, {@code trade}, {@code ticker}, {@code orderbook}). */
    public long requests(String group) {
        LongAdder a = requests.get(group);
        return a == null ? 0 : a.sum();
    }

    /** REST requests received, per group. */
    public Map<String, Long> requestsByGroup() {
        Map<String, Long> m = new TreeMap<>();
        requests.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** HTTP 429 answers issued (REST and WebSocket upgrades, injected bursts included). */
    public long tooManyRequests() {
        return tooManyRequests.sum();
    }

    /** HTTP 418 answers issued (bans). */
    public long teapots() {
        return teapots.sum();
    }

    /** HTTP 5xx answers issued by fault injection. */
    public long serverErrors() {
        return serverErrors.sum();
    }

    /** Zeroes every count; open connections stay as they are. */
    public void reset() {
        connectionsAccepted.reset();
        connectionsRefused.reset();
        subscriptionsReceived.reset();
        subscriptionErrors.reset();
        messagesSent.reset();
        malformedSent.reset();
        tooManyRequests.reset();
        teapots.reset();
        serverErrors.reset();
        requests.clear();
    }

    void connectionOpened() {
        openConnections.incrementAndGet();
        connectionsAccepted.increment();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    void connectionRefused() {
        connectionsRefused.increment();
    }

    void subscriptionReceived() {
        subscriptionsReceived.increment();
    }

    void subscriptionError() {
        subscriptionErrors.increment();
    }

    void messageSent() {
        messagesSent.increment();
    }

    void malformedFrameSent() {
        malformedSent.increment();
    }

    void request(String group) {
        requests.computeIfAbsent(group, g -> new LongAdder()).increment();
    }

    void tooManyRequestsIssued() {
        tooManyRequests.increment();
    }

    void teapotIssued() {
        teapots.increment();
    }

    void serverErrorIssued() {
        serverErrors.increment();
    }
}
