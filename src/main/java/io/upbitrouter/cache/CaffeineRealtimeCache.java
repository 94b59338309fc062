package io.upbitrouter.cache;

import io.upbitrouter.protocol.MarketKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The realtime cache on a Caffeine {@link Cache} that expires entries a fixed time after write and holds
 * at most a given number of them. The same Cache instance is bound in the registry under {@link io.upbitrouter.api.UpbitRouterConstants#BEAN_REALTIME_ENTRIES},
 * so the {@code caffeine-cache:} endpoint of that name works on these very entries (cleanup, reads from YAML).
 * <p>
 * {@link #offer} applies {@link CachedMarketData#isNewerThan} in a compare-and-set loop on {@code asMap()}
 * ({@code putIfAbsent}/{@code replace(key, old, new)}), so the ordering rule holds under any number of concurrent
 * writers (stream workers and REST answers alike) without locks; a rejected offer leaves the entry and its expiry
 * untouched. Expiry runs on a Ticker read from the injected clock.
 */
public class CaffeineRealtimeCache implements RealtimeCache {

    /** The registry name of the Caffeine Cache, and the name in {@code caffeine-cache:<name>} URIs. */

    // Keyed by the key's text ("ticker:KRW-BTC", computed once per MarketKey): camel-caffeine's producer reads
    // CamelCaffeineKey as a String, so only text keys let a route read these very entries through caffeine-cache:.
    private final Cache<String, CachedMarketData> entries;
    private final Policy<String, CachedMarketData> policy;
    private final Map<MarketKey, Set<CompletableFuture<Optional<CachedMarketData>>>> waiters = new ConcurrentHashMap<>();
    private volatile Consumer<MarketKey> readListener = key -> { };

    public CaffeineRealtimeCache(Cache<String, CachedMarketData> entries) {
        this.entries = entries;
        this.policy = entries.policy();
    }

    /**
     * Builds the Caffeine cache this class expects: expire after write (whole seconds, as camel-caffeine's own
     * options are), a size bound, statistics on, and time read from the clock so tests drive expiry. Its upkeep
     * (applying writes to the expiry and size order, evicting) runs on the thread that wrote, a few hundred
     * nanoseconds at a time, rather than on the common pool: the stream writes thousands of times a second, and a
     * hand-off to a pool thread for each batch cost more CPU in waking it than the upkeep itself (benchmarks.md).
     */
    public static Cache<String, CachedMarketData> newEntries(Clock clock, int ttlSeconds, long maximumSize) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttlSeconds, TimeUnit.SECONDS)
                .maximumSize(maximumSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** Called with the key of every read, hit or miss; the stream side uses it to keep read symbols subscribed. */
    public void onRead(Consumer<MarketKey> listener) {
        this.readListener = listener == null ? key -> { } : listener;
    }

    @Override
    public Optional<CachedMarketData> get(MarketKey key) {
        readListener.accept(key);
        return Optional.ofNullable(entries.getIfPresent(key.toString()));
    }

    /** Through the map view: expired entries are absent as for {@link #get}, but no statistics and no listener. */
    @Override
    public Optional<CachedMarketData> peek(MarketKey key) {
        return Optional.ofNullable(entries.asMap().get(key.toString()));
    }

    @Override
    public boolean offer(CachedMarketData entry) {
        ConcurrentMap<String, CachedMarketData> map = entries.asMap();
        String text = entry.key().toString();
        // A compare-and-set loop rather than compute(): Caffeine restarts the write expiry even when compute
        // returns the current value unchanged, so a rejected late message would keep a stale entry alive.
        while (true) {
            // quietly: the writer's look at the current entry is no read (no hit counted, no access recorded)
            CachedMarketData current = policy.getIfPresentQuietly(text);
            if (!entry.isNewerThan(current)) {
                return false;
            }
            boolean stored = current == null
                    ? map.putIfAbsent(text, entry) == null
                    : map.replace(text, current, entry);
            if (stored) {
                Set<CompletableFuture<Optional<CachedMarketData>>> waiting = waiters.remove(entry.key());
                if (waiting != null) {
                    waiting.forEach(f -> f.complete(Optional.of(entry)));
                }
                return true;
            }
        }
    }

    @Override
    public CompletableFuture<Optional<CachedMarketData>> awaitNext(MarketKey key, Duration timeout) {
        CompletableFuture<Optional<CachedMarketData>> next = new CompletableFuture<>();
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(next);
        next.whenComplete((value, error) -> waiters.computeIfPresent(key, (k, set) -> {
            set.remove(next);
            return set.isEmpty() ? null : set;
        }));
        return next.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs pending expiry and eviction now. */
    public void cleanUp() {
        entries.cleanUp();
    }

    /** Size, hits, misses and evictions since start. */
    public CacheFigures figures() {
        CacheStats stats = entries.stats();
        return new CacheFigures(entries.estimatedSize(), stats.hitCount(), stats.missCount(), stats.evictionCount());
    }

    /** The underlying Caffeine cache (the registry bean {@link io.upbitrouter.api.UpbitRouterConstants#BEAN_REALTIME_ENTRIES}). */
    public Cache<String, CachedMarketData> entries() {
        return entries;
    }
}
