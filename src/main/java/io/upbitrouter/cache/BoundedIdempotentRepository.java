package io.upbitrouter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An idempotent repository that remembers a key for a limited time and at most a given number of keys, so
 * the stream's deduplication cannot grow without bound (camel-caffeine's CaffeineIdempotentRepository has neither
 * limit). {@link #add} is atomic ({@code putIfAbsent}), so two workers racing with the same key see exactly one
 * {@code true}. Forgetting a key early (size bound) can only let a very old duplicate through, which the cache's
 * ordering rule then rejects. Time is read from the injected clock.
 */
public class BoundedIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final Cache<String, Boolean> seen;

    public BoundedIdempotentRepository(Clock clock, long maximumSize, Duration retention) {
        this.seen = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(retention.toMillis(), TimeUnit.MILLISECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public boolean add(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public boolean contains(String key) {
        return seen.getIfPresent(key) != null;
    }

    @Override
    public boolean remove(String key) {
        return seen.asMap().remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        seen.invalidateAll();
    }

    /** Keys remembered now (after pending expiry is applied). */
    public long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    @Override
    protected void doStart() {
    }

    @Override
    protected void doStop() {
    }
}
