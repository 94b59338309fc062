package io.upbitrouter.ws;

import io.upbitrouter.support.Backoff;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Owns the one WebSocket connection to the exchange. Every decision runs on one dedicated thread, so
 * there is never more than one connect attempt in flight, a new socket is only opened once the previous one
 * has closed, and a close reported for a socket that is no longer current changes nothing. Connect failures and
 * connections that die young are retried with exponential backoff and jitter ({@link Backoff}); every
 * new connection gets the full subscription again ({@link StreamSubscriptions#onConnected()}). The watchdog
 * calls {@link #forceReconnect} on silence. Nothing here blocks a Vert.x event loop: socket callbacks only
 * hand over to the supervisor's thread.
 * <p>
 * Connects on demand: while nothing is wanted ({@link StreamSubscriptions#anythingWanted()}: no warm set, no stream
 * demanded within the idle time) no connection is opened, and the open one is closed once the last wanted stream
 * went idle. The first demand (a request's symbols, a keep-warm route, a local WebSocket client) connects.
 */
public class StreamSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSupervisor.class);

    private final boolean enabled;
    private final Backoff backoff;
    private final int connectTimeoutMillis;
    private final long minConnectIntervalMillis;
    private final Clock clock;
    private final StreamHealth health;
    private final StreamSubscriptions subscriptions;
    private final RandomGenerator random;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upbit-ws-supervisor");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong forcedReconnects = new AtomicLong();

    // Confined to the supervisor's thread, except `current`, which producers read.
    private SupervisedClientConsumer consumer;
    private volatile WebSocket current;
    private long currentSince;
    private int failuresInARow;
    private ScheduledFuture<?> pendingConnect;
    private long lastAttemptMillis = Long.MIN_VALUE / 2;
    private boolean failureLogged;

    /**
     * @param minConnectIntervalMillis least time between two connect attempts whatever the backoff says (Upbit
     *                                 refuses more than 5 new connections a second with 429, then bans with 418)
     */
    public StreamSupervisor(boolean enabled, Backoff backoff, int connectTimeoutMillis, long minConnectIntervalMillis,
                            Clock clock, StreamHealth health, StreamSubscriptions subscriptions) {
        this(enabled, backoff, connectTimeoutMillis, minConnectIntervalMillis, clock, health, subscriptions, new Random());
    }

    StreamSupervisor(boolean enabled, Backoff backoff, int connectTimeoutMillis, long minConnectIntervalMillis,
                     Clock clock, StreamHealth health, StreamSubscriptions subscriptions, RandomGenerator random) {
        this.enabled = enabled;
        this.backoff = backoff;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.minConnectIntervalMillis = minConnectIntervalMillis;
        this.clock = clock;
        this.health = health;
        this.subscriptions = subscriptions;
        this.random = random;
        subscriptions.onWantedChange(this::wantedChanged);
    }

    /** True when nothing is wanted on the stream, so no connection is open or opening on purpose. */
    public boolean isIdle() {
        return !subscriptions.anythingWanted();
    }

    /** The open socket, or null between connections. */
    public WebSocket currentSocket() {
        return current;
    }

    /** The ingest consumer started: connect as soon as something is wanted (unless the stream is switched off). */
    void attach(SupervisedClientConsumer started) {
        onSupervisorThread(() -> {
            consumer = started;
            failuresInARow = 0;
            if (!enabled) {
                LOG.info("Upbit stream switched off in configuration (upbit.ws.enabled=false): not connecting");
            } else if (subscriptions.anythingWanted()) {
                scheduleConnect(0);
            } else {
                LOG.info("Upbit stream idle: nothing demanded and no warm set (upbit.ws.warm-symbols); connecting on the first demand");
            }
        });
    }

    /** A stream became wanted, or idle streams went: connect when something is wanted, close when nothing is. */
    private void wantedChanged() {
        onSupervisorThread(() -> {
            if (consumer == null || !enabled) {
                return;
            }
            if (subscriptions.anythingWanted()) {
                if (current == null) {
                    scheduleConnect(0);
                }
                return;
            }
            cancelPendingConnect();
            WebSocket socket = current;
            if (socket != null) {
                current = null;
                health.disconnected();
                LOG.info("Nothing wanted on the Upbit stream any more: closing the connection until the next demand");
                socket.close();
            }
        });
    }

    /** The ingest consumer stopped: close the socket and stop reconnecting. */
    void detach(SupervisedClientConsumer stopped) {
        onSupervisorThread(() -> {
            if (consumer != stopped) {
                return;
            }
            consumer = null;
            cancelPendingConnect();
            WebSocket socket = current;
            if (socket != null) {
                current = null;
                health.disconnected();
                socket.close();
            }
        });
    }

    /**
     * Closes the current socket so that a fresh one is opened (the watchdog's remedy for a silent stream).
     * The new connect waits for the old socket's close, so the two never overlap.
     */
    public void forceReconnect(String reason) {
        onSupervisorThread(() -> {
            WebSocket socket = current;
            if (socket == null) {
                return;
            }
            forcedReconnects.incrementAndGet();
            LOG.warn("Reconnecting the Upbit stream: {}", reason);
            socket.close();
            // Should the peer never complete the close, stop waiting after the closing timeout and move on.
            thread.schedule(() -> closed(socket), 2L * Math.max(1000, connectTimeoutMillis), TimeUnit.MILLISECONDS);
        });
    }

    void onClosed(WebSocket socket) {
        onSupervisorThread(() -> closed(socket));
    }

    private void onSupervisorThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException shutDown) {
            LOG.debug("Stream supervisor already closed");
        }
    }

    void onSocketError(WebSocket socket, Throwable error) {
        LOG.debug("Upbit stream socket error: {}", error.toString());
    }

    private void closed(WebSocket socket) {
        if (socket != current) {
            return; // an old socket's late close: the current connection is unaffected
        }
        current = null;
        health.disconnected();
        long lived = clock.millis() - currentSince;
        if (!subscriptions.anythingWanted()) {
            LOG.info("Upbit stream disconnected after {} ms; nothing wanted: idle until the next demand", lived);
            return;
        }
        // A connection that dies young counts as a failed attempt, so a flapping exchange is not hammered.
        failuresInARow = lived >= backoff.maxMillis() ? 0 : failuresInARow + 1;
        long delay = backoff.delayMillis(Math.max(0, failuresInARow - 1), random);
        LOG.info("Upbit stream disconnected after {} ms; reconnecting in {} ms", lived, delay);
        scheduleConnect(delay);
    }

    private void scheduleConnect(long delayMillis) {
        if (consumer == null || !subscriptions.anythingWanted() || (pendingConnect != null && !pendingConnect.isDone())) {
            return;
        }
        // Never two attempts closer than the minimum interval, whatever the backoff says.
        long spacing = lastAttemptMillis + minConnectIntervalMillis - clock.millis();
        long delay = Math.max(delayMillis, Math.min(spacing, minConnectIntervalMillis));
        pendingConnect = thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelPendingConnect() {
        if (pendingConnect != null) {
            pendingConnect.cancel(false);
            pendingConnect = null;
        }
    }

    private void connect() {
        pendingConnect = null;
        SupervisedClientConsumer target = consumer;
        if (target == null || current != null || !subscriptions.anythingWanted()) {
            return;
        }
        connectAttempts.incrementAndGet();
        lastAttemptMillis = clock.millis();
        WebSocket socket;
        try {
            socket = target.getEndpoint().openSocket(connectTimeoutMillis);
        } catch (Exception e) {
            failedConnects.incrementAndGet();
            // Refused for rate (429) or banned (418): wait the longest backoff rather than climb towards it.
            long delay = isRefusedForRate(e) ? backoff.maxMillis() : backoff.delayMillis(failuresInARow++, random);
            if (!failureLogged) {
                LOG.warn("Cannot connect to the Upbit stream ({}); serving REST only, retrying with backoff", rootMessage(e));
                failureLogged = true;
            } else {
                LOG.debug("Upbit stream connect attempt failed ({}); next in {} ms", rootMessage(e), delay);
            }
            scheduleConnect(delay);
            return;
        }
        failureLogged = false;
        current = socket;
        currentSince = clock.millis();
        subscriptions.onConnected();
        health.connected();
        target.bind(socket);
        subscriptions.connectionReady();
        LOG.info("Connected to the Upbit stream at {}", socket.remoteAddress());
        if (socket.isClosed()) {
            closed(socket); // closed before the handlers were in place: no close event will come
        }
    }

    private static boolean isRefusedForRate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UpgradeRejectedException rejected && (rejected.getStatus() == 429 || rejected.getStatus() == 418)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Connect attempts since start. */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** Connect attempts that failed. */
    public long failedConnects() {
        return failedConnects.get();
    }

    /** Reconnects the watchdog forced. */
    public long forcedReconnects() {
        return forcedReconnects.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
