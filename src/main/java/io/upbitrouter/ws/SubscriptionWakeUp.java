package io.upbitrouter.ws;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Wakes the subscription route ({@code upbit-ws-subscribe}) when there is something to send, instead of a timer that
 * runs it every period whether or not anything changed: {@link #run()} (the {@link StreamSubscriptions}' pending
 * listener: a new stream wanted, idle streams dropped, a new connection ready, a resend asked) sends one token to the
 * route's {@code direct:} endpoint from a thread of its own, and never a second while one is on its way, so a burst
 * of changes is one run. The route waits {@link #waitMillis()} first, so two of its runs are at least a period apart
 * (the coalescing the timer gave), takes the token ({@link #taken()}), sends what
 * {@link StreamSubscriptions#nextMessage()} gives, and at its end asks {@link #again()}: while something is still
 * pending on a live connection (the per-connection message budget was spent, or the write failed) it wakes itself for
 * the next period. With nothing pending nothing runs: no exchange, no step, and the thread waits on its task queue
 * without waking. A suspended route holds the token until it resumes (the {@code direct:} producer waits for its
 * consumer). A service of the CamelContext: its thread is Camel's and stops with it; it sends nothing while stopped.
 */
public final class SubscriptionWakeUp extends ServiceSupport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWakeUp.class);

    private final CamelContext context;
    private final Endpoint route;
    private final long periodNanos;
    private final BooleanSupplier pendingOnLiveConnection;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long lastTakenNanos;
    private volatile Producer producer;
    private volatile ExecutorService thread;

    /**
     * @param context                 whose executor service manager makes the thread
     * @param route                   the route's {@code direct:} endpoint
     * @param periodMillis            the least time between two runs of the route
     * @param pendingOnLiveConnection whether something is still to be sent on a connection that is up
     */
    public SubscriptionWakeUp(CamelContext context, Endpoint route, long periodMillis, BooleanSupplier pendingOnLiveConnection) {
        this.context = context;
        this.route = route;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.pendingOnLiveConnection = pendingOnLiveConnection;
        this.lastTakenNanos = System.nanoTime() - periodNanos;
    }

    @Override
    protected void doStart() throws Exception {
        Producer created = route.createProducer();
        ServiceHelper.startService(created);
        producer = created;
        thread = context.getExecutorServiceManager().newSingleThreadExecutor(this, "upbit-ws-subscribe");
        again(); // whatever became pending before this started
    }

    @Override
    protected void doStop() {
        ExecutorService running = thread;
        thread = null;
        if (running != null) {
            context.getExecutorServiceManager().shutdownNow(running);
        }
        Producer sending = producer;
        producer = null;
        ServiceHelper.stopService(sending);
        queued.set(false);
    }

    /** Sends a token to the route unless one is on its way (or this is stopped). Never blocks. */
    @Override
    public void run() {
        ExecutorService running = thread;
        if (running == null || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            running.execute(this::wake);
        } catch (RejectedExecutionException stopping) {
            queued.set(false);
        }
    }

    /** On the wake-up thread: runs the route with a token. */
    private void wake() {
        long taken = lastTakenNanos;
        Producer sending = producer;
        try {
            if (sending != null) {
                Exchange token = route.createExchange();
                sending.process(token);
                if (token.getException() != null) {
                    LOG.debug("Subscription route failed: {}", token.getException().toString());
                }
            }
        } catch (Exception e) {
            LOG.debug("Subscription route not run: {}", e.toString());
        } finally {
            if (lastTakenNanos == taken) {
                queued.set(false); // the route never took it: the next change tries again
            }
        }
    }

    /** The route's first step: how long to wait so that this run starts a period after the last one. */
    public long waitMillis() {
        long left = lastTakenNanos + periodNanos - System.nanoTime();
        return left <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(left) + 1;
    }

    /** The route took its token (after its wait): a change from now on wakes it again. */
    public void taken() {
        lastTakenNanos = System.nanoTime();
        queued.set(false);
    }

    /** The route's last step: wakes it for the next period while something is pending on a live connection. */
    public void again() {
        if (pendingOnLiveConnection.getAsBoolean()) {
            run();
        }
    }

    /** Whether a token is on its way to the route and not taken yet (for tests). */
    public boolean queued() {
        return queued.get();
    }
}
