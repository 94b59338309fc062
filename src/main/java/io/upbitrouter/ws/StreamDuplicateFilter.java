package io.upbitrouter.ws;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.protocol.MarketKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stream's duplicate filter: per stream key (ticker, trade, orderbook or candle of one market) the last item
 * accepted on the current connection. An item is accepted only when it is newer than that one by the cache's
 * ordering rule ({@link CachedMarketData#isNewerThan}: candle time, timestamp, then the same-millisecond order such as
 * a trade's {@code sequential_id}), so a repeated frame, or an older one arriving late, is skipped whatever came
 * between. Its memory is one entry per stream key, however many messages pass (the entry is the item the cache holds
 * anyway). A new connection starts afresh: the exchange's snapshot after a reconnect is accepted even when it repeats
 * the last item, so an entry the cache let expire meanwhile is stored again.
 * <p>
 * Thread-safe: {@link #accept} is a compare-and-set per key, so of two threads offering the same item exactly one
 * is told it is new.
 */
public final class StreamDuplicateFilter {

    private record Accepted(long connection, CachedMarketData item) {
    }

    // a holder per stream key: after the first item a frame costs a map read and one compare-and-set on its holder,
    // not a locked map write
    private final Map<MarketKey, AtomicReference<Accepted>> last = new ConcurrentHashMap<>();

    /**
     * True when {@code item} is new for its stream on connection number {@code connection} (and is now the last
     * accepted); false for a duplicate or an older item.
     */
    public boolean accept(CachedMarketData item, long connection) {
        AtomicReference<Accepted> holder = last.get(item.key());
        if (holder == null) {
            holder = last.computeIfAbsent(item.key(), k -> new AtomicReference<>());
        }
        Accepted next = new Accepted(connection, item);
        while (true) {
            Accepted current = holder.get();
            if (current != null && current.connection == connection && !item.isNewerThan(current.item)) {
                return false;
            }
            if (holder.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** Stream keys remembered: one per stream that delivered anything. */
    public int size() {
        return last.size();
    }

    /** Forgets streams that are no longer of interest (their next item is accepted as new). */
    public void forget(MarketKey key) {
        last.remove(key);
    }
}
