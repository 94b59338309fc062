package io.upbitrouter.sim;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the simulator can inject, switched from tests or the control endpoint. Switches are
 * visible at once to every connection and request. Thread-safe.
 */
public final class SimulatorFaults {

    /** What the WebSocket side does when a fault is triggered. */
    interface Connections {
        void dropAll();

        void sendMalformed(int n);

        void releaseHeld();
    }

    private final Connections connections;
    private volatile boolean silent;
    private volatile boolean dataStalled;
    private volatile Set<String> stalledCodes = Set.of();
    private volatile boolean duplicates;
    private volatile boolean outOfOrder;
    private volatile Duration slowRest = Duration.ZERO;
    private volatile int burstStatus;
    private final AtomicInteger burstRemaining = new AtomicInteger();

    SimulatorFaults(Connections connections) {
        this.connections = connections;
    }

    /** Closes every WebSocket connection at once, as a network drop would. */
    public void dropAllConnections() {
        connections.dropAll();
    }

    /** While on, no WebSocket data (nor PING answer) is sent; sockets stay open. */
    public void silent(boolean on) {
        silent = on;
    }

    /**
     * While on, no WebSocket data message (snapshot or realtime) is sent on any connection, but sockets stay open
     * and PING is still answered: a stream that stalled while its connection looks alive.
     */
    public void stallData(boolean on) {
        dataStalled = on;
    }

    /** Like {@link #stallData} for these markets only (empty: none); data for every other market flows. */
    public void stallCodes(Collection<String> codes) {
        stalledCodes = codes == null ? Set.of() : Set.copyOf(codes);
    }

    /** True when data for this market is held back by {@link #stallData} or {@link #stallCodes}. */
    public boolean isDataStalled(String code) {
        return dataStalled || stalledCodes.contains(code);
    }

    public boolean isDataStalled() {
        return dataStalled;
    }

    public Set<String> stalledCodes() {
        return stalledCodes;
    }

    /** While on, every WebSocket data message is sent twice. */
    public void duplicates(boolean on) {
        duplicates = on;
    }

    /**
     * While on, messages of each stream (type and code) are sent in swapped pairs: each message is
     * held back and sent right after the next, newer one. Switching off sends what is held.
     */
    public void outOfOrder(boolean on) {
        outOfOrder = on;
        if (!on) {
            connections.releaseHeld();
        }
    }

    /** Sends {@code n} malformed binary frames (truncated JSON) to every subscribed connection now. */
    public void malformedFrames(int n) {
        if (n > 0) {
            connections.sendMalformed(n);
        }
    }

    /** Delays every REST answer by {@code delay} (zero turns it off). */
    public void slowRest(Duration delay) {
        slowRest = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Answers the next {@code n} REST requests with {@code status} (429, or a 5xx), before any other check. */
    public void restErrorBurst(int status, int n) {
        if (status != 429 && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("burst status must be 429 or 5xx: " + status);
        }
        burstStatus = status;
        burstRemaining.set(Math.max(0, n));
    }

    /** Turns every fault off (held out-of-order messages are sent). */
    public void reset() {
        silent = false;
        dataStalled = false;
        stalledCodes = Set.of();
        duplicates = false;
        outOfOrder(false);
        slowRest = Duration.ZERO;
        burstRemaining.set(0);
    }

    public boolean isSilent() {
        return silent;
    }

    public boolean isDuplicates() {
        return duplicates;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public Duration slowRestDelay() {
        return slowRest;
    }

    /** REST requests the current burst will still fail. */
    public int restErrorsPending() {
        return burstRemaining.get();
    }

    /** Takes one request from the burst: its status, or 0 when no burst is running. */
    int takeBurst() {
        int left = burstRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        return left > 0 ? burstStatus : 0;
    }
}
