package io.upbitrouter.cache;

import io.upbitrouter.protocol.MarketKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The latest item per key, filled from the stream (and from REST answers). Implementations are
 * safe under concurrent writers: {@link #offer} is atomic per key and never replaces an entry with
 * one that is not newer ({@link CachedMarketData#isNewerThan}). Entries expire after write.
 */
public interface RealtimeCache {

    /** The entry for a key, if present and not expired. Does not judge freshness: callers compare the age. */
    Optional<CachedMarketData> get(MarketKey key);

    /**
     * The entry for a key like {@link #get}, but not counted as a read: no read listener is told and no hit or miss is
     * recorded. For a look that may be given up (the facade's fast path decides with it, and leaves the request to the
     * route when it cannot answer, so the route's own read is the only one counted). By default the same as get.
     */
    default Optional<CachedMarketData> peek(MarketKey key) {
        return get(key);
    }

    /** Stores the entry if it is newer than the current one; returns whether it was stored. */
    boolean offer(CachedMarketData entry);

    /**
     * Completes with the next entry stored for the key after this call, or with empty when the timeout
     * passes first. Never completes exceptionally for a timeout.
     */
    CompletableFuture<Optional<CachedMarketData>> awaitNext(MarketKey key, Duration timeout);
}
