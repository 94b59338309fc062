package io.upbitrouter.ops;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

import java.util.List;

/**
 * Health checks and metrics: registers {@code upbit-stream}, {@code upbit-rest} and {@code upbit-cache}
 * with the context's health check registry, and binds {@link UpbitMetrics} ({@code upbitMetrics})
 * as an event notifier. Set {@code upbit.metrics.enabled=false} to leave the meters out. Also binds
 * {@link MarketDataTaps} ({@code upbitMarketDataTaps}), the hooks the route templates listen on.
 */
public class OpsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        HealthCheckRegistry health = HealthCheckRegistry.get(camelContext);
        if (health != null) {
            for (HealthCheck check : List.of(new StreamHealthCheck(), new RestGroupsHealthCheck(), new CacheHealthCheck())) {
                if (health.getCheck(check.getId()).isEmpty()) {
                    ((org.apache.camel.CamelContextAware) check).setCamelContext(camelContext);
                    health.register(check);
                }
            }
        }
        boolean metricsEnabled = Boolean.parseBoolean(
                camelContext.resolvePropertyPlaceholders("{{upbit.metrics.enabled:true}}"));
        if (metricsEnabled && camelContext.getRegistry().findSingleByType(UpbitMetrics.class) == null) {
            UpbitMetrics metrics = new UpbitMetrics();
            metrics.setCamelContext(camelContext);
            camelContext.getRegistry().bind("upbitMetrics", metrics);
            camelContext.getManagementStrategy().addEventNotifier(metrics);
        }
        if (camelContext.getRegistry().findSingleByType(MarketDataTaps.class) == null) {
            MarketDataTaps taps = new MarketDataTaps();
            taps.setCamelContext(camelContext);
            camelContext.getRegistry().bind("upbitMarketDataTaps", taps);
            camelContext.getManagementStrategy().addEventNotifier(taps);
        }
    }
}
