package io.upbitrouter.ws;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Wakes the subscription route ({@code upbit-ws-subscribe}) when there is something to send, instead of a timer that
 * runs it every period whether or not anything changed: {@link #run()} (the {@link StreamSubscriptions}' pending
 * listener: a new stream wanted, idle streams dropped, a new connection ready, a resend asked) puts one token on the
 * route's queue, and never a second while one waits, so a burst of changes is one wake-up. The route waits
 * {@link #waitMillis()} first, so two of its runs are at least a period apart (the coalescing the timer gave), takes
 * the token ({@link #taken()}), sends what {@link StreamSubscriptions#nextMessage()} gives, and at its end asks
 * {@link #again()}: while something is still pending on a live connection (the per-connection message budget was
 * spent, or the write failed) it wakes itself for the next period. With nothing pending it sleeps: no exchange, no
 * step, no thread woken per period. A service of the CamelContext: it offers nothing while stopped.
 */
public final class SubscriptionWakeUp extends ServiceSupport implements Runnable {

    private final Endpoint queue;
    private final long periodNanos;
    private final BooleanSupplier pendingOnLiveConnection;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long lastTakenNanos;
    private volatile AsyncProducer producer;

    /**
     * @param queue                   the route's queue (a {@code seda:} endpoint)
     * @param periodMillis            the least time between two runs of the route
     * @param pendingOnLiveConnection whether something is still to be sent on a connection that is up
     */
    public SubscriptionWakeUp(Endpoint queue, long periodMillis, BooleanSupplier pendingOnLiveConnection) {
        this.queue = queue;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.pendingOnLiveConnection = pendingOnLiveConnection;
        this.lastTakenNanos = System.nanoTime() - periodNanos;
    }

    @Override
    protected void doStart() throws Exception {
        AsyncProducer created = queue.createAsyncProducer();
        ServiceHelper.startService(created);
        producer = created;
        again(); // whatever became pending before this started
    }

    @Override
    protected void doStop() {
        AsyncProducer running = producer;
        producer = null;
        ServiceHelper.stopService(running);
        queued.set(false);
    }

    /** Puts a token on the route's queue unless one waits there already (or this is stopped). Never blocks. */
    @Override
    public void run() {
        AsyncProducer running = producer;
        if (running == null || !queued.compareAndSet(false, true)) {
            return;
        }
        Exchange token = queue.createExchange();
        try {
            running.process(token, doneSync -> {
                if (token.getException() != null) {
                    queued.set(false); // not queued (the queue refused it): the next change tries again
                }
            });
        } catch (RuntimeException e) {
            queued.set(false);
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

    /** Whether a token waits on the route's queue (for tests). */
    public boolean queued() {
        return queued.get();
    }
}
