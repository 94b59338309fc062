package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Feeds a route's own queue with the stream's stored items it wants, while the route runs: attached to a route that
 * consumes a seda queue of its own (one consumer), it has the stream hand that queue every item it stores of
 * {@code type} ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle} or {@code all}), of candles of one
 * {@code interval} when given, and of {@code symbols} (comma list or {@code all}), with the market-updates tap's
 * message ({@link MarketUpdateTap}, {@link StreamIngest#handStoredItems}). The {@code upbit-forward-market-updates}
 * template's route is fed so.
 * <p>
 * Why not {@link UpbitRouterConstants#MARKET_UPDATES}: that queue hands each item to each of its consumers through a
 * thread pool (a second thread wake-up per item, and every consumer gets what any other wanted); a queue of one
 * consumer runs the route on the thread that takes the item (benchmarks.md, whole exchange). On stop or removal the
 * feed ends. Without the module's ingest in the registry it does nothing.
 */
public class StoredItemsFeed extends MarketSelectionPolicy {

    private volatile MarketUpdateTap tap;
    private volatile Runnable end;

    public StoredItemsFeed() {
        this("all", null, "all");
    }

    public StoredItemsFeed(String type, String interval, String symbols) {
        super(type, interval, symbols);
    }

    @Override
    public synchronized void onStart(Route route) {
        StreamIngest ingest = route.getCamelContext().getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
        if (ingest == null || end != null) {
            return;
        }
        MarketUpdateTap queue = new MarketUpdateTap(route.getEndpoint());
        ServiceHelper.startService(queue);
        tap = queue;
        end = ingest.handStoredItems(selection(), queue);
    }

    @Override
    public void onStop(Route route) {
        stopFeeding();
    }

    @Override
    public void onRemove(Route route) {
        stopFeeding();
    }

    private synchronized void stopFeeding() {
        Runnable ending = end;
        end = null;
        if (ending != null) {
            ending.run();
        }
        ServiceHelper.stopService(tap);
        tap = null;
    }
}
