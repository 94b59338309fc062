package io.upbitrouter.ops;

import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.PatternHelper;

import java.util.Arrays;
import java.util.Collection;

/**
 * Leaves Camel's Micrometer route timing ({@code camel.metrics.enabled}: a timer per exchange of every route) off the
 * routes named in {@code upbit.metrics.untimed-routes}: the stream's ingest and the request path's cache answer run
 * per frame and per read, where the timer costs more than the work (it formats a property name per exchange). Those
 * routes are counted by the module's own meters instead ({@code upbit.stream.frames}, {@code upbit.router.decisions}).
 * Camel's configuration has no key for this in 4.14 or 4.17 ({@code MicrometerRoutePolicyConfiguration.excludePattern}
 * is not set by {@code camel.metrics.*}), so the policies are taken off those routes as they are added. Other
 * route policies stay.
 */
public class UntimedRoutes extends LifecycleStrategySupport {

    private static final String MICROMETER_POLICIES = "org.apache.camel.component.micrometer.";

    private final String[] patterns;

    /** Route ids or patterns ({@code upbit-*}, regular expressions), comma separated; blank or {@code none}: none. */
    public UntimedRoutes(String patterns) {
        this.patterns = patterns == null || patterns.isBlank() || "none".equalsIgnoreCase(patterns.trim()) ? new String[0]
                : Arrays.stream(patterns.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            if (isUntimed(route.getRouteId())) {
                route.getRoutePolicyList().removeIf(UntimedRoutes::isMicrometerTiming);
            }
        }
    }

    boolean isUntimed(String routeId) {
        return patterns.length > 0 && routeId != null && PatternHelper.matchPatterns(routeId, patterns);
    }

    private static boolean isMicrometerTiming(RoutePolicy policy) {
        return policy.getClass().getName().startsWith(MICROMETER_POLICIES);
    }
}
