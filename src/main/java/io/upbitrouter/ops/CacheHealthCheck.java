package io.upbitrouter.ops;

import io.upbitrouter.cache.RealtimeCache;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.annotations.HealthCheck;

import java.util.Map;

/**
 * The realtime cache: DOWN when the module has no {@code realtimeCache} bean (the router cannot
 * answer from the stream at all), UP otherwise, with {@code size} and {@code oldest_age_ms} when the
 * cache reports {@link CacheFigures}, and the hit/miss counts the router's answers produced so far.
 */
@HealthCheck("upbit-cache")
public class CacheHealthCheck extends AbstractHealthCheck {

    public CacheHealthCheck() {
        super("upbit", "upbit-cache");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RealtimeCache cache = getCamelContext().getRegistry().lookupByNameAndType("realtimeCache", RealtimeCache.class);
        if (cache == null) {
            builder.message("no realtimeCache bean: every request goes to REST").down();
            return;
        }
        if (cache instanceof CacheFigures figures) {
            builder.detail("size", figures.size());
            figures.oldestAgeMillis().ifPresent(a -> builder.detail("oldest_age_ms", a));
        }
        UpbitMetrics metrics = getCamelContext().getRegistry().findSingleByType(UpbitMetrics.class);
        if (metrics != null) {
            builder.detail("hits", metrics.cacheHits()).detail("misses", metrics.cacheMisses());
        }
        builder.up();
    }
}
