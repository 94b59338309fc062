package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CacheFigures;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.cache.RealtimeCache;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.spi.annotations.HealthCheck;

import java.util.Map;

/**
 * The realtime cache: DOWN when the module has no {@code upbitRealtimeCache} bean (the router cannot
 * answer from the stream at all), UP otherwise, with {@code size} and {@code evictions} of the Caffeine
 * cache and the hit/miss counts of the router's answers so far.
 */
@HealthCheck("upbit-cache")
public class CacheHealthCheck extends UpbitHealthCheck {

    public CacheHealthCheck() {
        super("upbit-cache");
    }


    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RealtimeCache cache = getCamelContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        if (cache == null) {
            builder.message("no upbitRealtimeCache bean: every request goes to REST").down();
            return;
        }
        if (cache instanceof CaffeineRealtimeCache caffeine) {
            CacheFigures figures = caffeine.figures();
            builder.detail("size", figures.size()).detail("evictions", figures.evictions());
        }
        UpbitMetrics metrics = getCamelContext().getRegistry().findSingleByType(UpbitMetrics.class);
        if (metrics != null) {
            builder.detail("hits", metrics.cacheHits()).detail("misses", metrics.cacheMisses());
        }
        builder.up();
    }
}
