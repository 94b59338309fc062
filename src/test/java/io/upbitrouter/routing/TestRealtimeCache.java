package io.upbitrouter.routing;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A small {@link RealtimeCache} the router's tests fill by hand (no expiry: tests set ages through receive times). */
final class TestRealtimeCache implements RealtimeCache {

    private final Map<MarketKey, CachedMarketData> entries = new ConcurrentHashMap<>();
    private final Map<MarketKey, List<CompletableFuture<Optional<CachedMarketData>>>> waiters = new ConcurrentHashMap<>();
    final List<MarketKey> awaited = new CopyOnWriteArrayList<>();

    @Override
    public Optional<CachedMarketData> get(MarketKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Puts the entry under the key whatever it holds, or removes the key when the entry is null. */
    void replace(MarketKey key, CachedMarketData entry) {
        if (entry == null) {
            entries.remove(key);
        } else {
            entries.put(key, entry);
        }
    }

    @Override
    public boolean offer(CachedMarketData entry) {
        boolean[] stored = {false};
        entries.compute(entry.key(), (k, old) -> {
            if (entry.isNewerThan(old)) {
                stored[0] = true;
                return entry;
            }
            return old;
        });
        if (stored[0]) {
            List<CompletableFuture<Optional<CachedMarketData>>> list = waiters.remove(entry.key());
            if (list != null) {
                list.forEach(f -> f.complete(Optional.of(entry)));
            }
        }
        return stored[0];
    }

    @Override
    public CompletableFuture<Optional<CachedMarketData>> awaitNext(MarketKey key, Duration timeout) {
        awaited.add(key);
        CompletableFuture<Optional<CachedMarketData>> f = new CompletableFuture<Optional<CachedMarketData>>()
                .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }
}
