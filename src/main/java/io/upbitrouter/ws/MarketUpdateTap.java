package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CachedMarketData;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Hands a stored stream item to a queue, the market-updates queue ({@link UpbitRouterConstants#MARKET_UPDATES}) or the
 * local WebSocket's own ({@link UpbitRouterConstants#LOCAL_WS_UPDATES}), from the stream's thread, with the message the ingest route's wire tap makes ({@link MarketUpdate}: the REST item as body,
 * headers {@code UpbitKey}, {@code UpbitType}, {@code UpbitSymbol}, {@code UpbitEventTime}), through the queue's own
 * producer: a non-blocking offer that drops when the queue is full. The stream's consumer uses it on its fast path
 * for every stored item some route consuming the market updates wants ({@link MarketUpdateInterest}), so a data frame
 * never becomes an exchange of the ingest route: the route's unit of work, error handler, steps and the wire tap's copy cost more per
 * item than decoding the frame (benchmarks.md, ingest). A service of the CamelContext (its producer starts and stops
 * with it); while it is not started it takes nothing ({@link #test} false), and the route's wire tap does the work.
 */
public final class MarketUpdateTap extends ServiceSupport implements Predicate<CachedMarketData> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketUpdateTap.class);

    private final Endpoint queue;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile AsyncProducer producer;

    public MarketUpdateTap(Endpoint queue) {
        this.queue = queue;
    }

    @Override
    protected void doStart() throws Exception {
        AsyncProducer created = queue.createAsyncProducer();
        ServiceHelper.startService(created);
        producer = created;
    }

    @Override
    protected void doStop() {
        AsyncProducer running = producer;
        producer = null;
        ServiceHelper.stopService(running);
    }

    /** Hands the entry to the queue; false when this tap is not running (nothing was done). */
    @Override
    public boolean test(CachedMarketData entry) {
        AsyncProducer running = producer;
        if (running == null) {
            return false;
        }
        Exchange update = queue.createExchange();
        MarketUpdate.fill(update.getMessage(), entry);
        try {
            running.process(update, doneSync -> failed(update.getException()));
        } catch (RuntimeException e) {
            failed(e);
        }
        return true;
    }

    private void failed(Exception error) {
        if (error != null && failureLogged.compareAndSet(false, true)) {
            LOG.warn("A stored stream item could not be handed to the market updates (logged once): {}", error.toString());
        }
    }
}
