package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

import java.util.List;

/**
 * Health checks and metrics: registers {@code upbit-stream}, {@code upbit-rest} and {@code upbit-cache}
 * with the context's health check registry, and binds {@link UpbitMetrics} ({@code upbitMetrics}) as a route
 * policy factory that gives a policy to the module's own request and REST routes only (no event notifier: the
 * host's exchanges are not watched). Set {@code upbit.metrics.enabled=false} to leave the meters out. Camel's per-exchange route
 * timers are taken off the routes in {@code upbit.metrics.untimed-routes} ({@link UntimedRoutes}). The hooks the route
 * templates listen on are wire taps in the routes themselves ({@link UpbitRouterConstants#MARKET_UPDATES},
 * {@link UpbitRouterConstants#DECISIONS}).
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
            camelContext.getRegistry().bind(UpbitRouterConstants.BEAN_METRICS, metrics);
            camelContext.addRoutePolicyFactory(metrics);
            try {
                camelContext.addStartupListener(metrics);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the module's meters", e);
            }
        }
        // the ingest route, the request route and its cache branch (UpbitRouterConstants' route ids), and the shipped
        // examples' per-item routes: the log route of routes/decisions.yaml (once per answered request, a facade cache
        // hit included) and the ticker example's direct: routes (routes/ticker-updates.yaml, once per stored ticker)
        camelContext.addLifecycleStrategy(new UntimedRoutes(camelContext.resolvePropertyPlaceholders(
                "{{upbit.metrics.untimed-routes:upbit-ws-ingest,upbit-market-data,upbit-branch-cache,upbit-example-decisions-log,upbit-example-ticker-*}}")));
    }
}
