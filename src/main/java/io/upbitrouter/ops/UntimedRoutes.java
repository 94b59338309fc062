package io.upbitrouter.ops;

import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.PatternHelper;

import java.util.Arrays;
import java.util.Collection;

/**
 * Leaves Camel's Micrometer route timing ({@code camel.metrics.enabled}: a timer per exchange of every route) off the
 * routes named in {@code upbit.metrics.untimed-routes} and off every route consuming the market updates
 * ({@code seda:upbit-market-updates}), the local WebSocket's queue ({@code seda:upbit-local-ws-updates}), the queue
 * of an {@code upbit-forward-market-updates} template's route, or the decisions ({@code seda:upbit-decisions}, the
 * {@code upbit-forward-decisions} template's): they run per stream frame, per stored item, per answered request or per
 * cached read, where the timer costs more than the work (it formats a property name
 * per exchange). Those
 * routes are counted by the module's own meters instead ({@code upbit.stream.frames}, {@code upbit.router.decisions}).
 * Camel's configuration has no key for this in 4.14 or 4.17 ({@code MicrometerRoutePolicyConfiguration.excludePattern}
 * is not set by {@code camel.metrics.*}), so the policies are taken off those routes as they are added. Other
 * route policies stay.
 */
public class UntimedRoutes extends LifecycleStrategySupport {

    private static final String MICROMETER_POLICIES = "org.apache.camel.component.micrometer.";
    /** Routes consuming the market updates run once per stored stream item, as the ingest does. */
    private static final String PER_ITEM_QUEUE = "seda://upbit-market-updates";
    /** Routes consuming the decisions run once per answered request, as the request route does (a cache hit included). */
    private static final String PER_ANSWER_QUEUE = "seda://upbit-decisions";
    /** The local WebSocket's fan-out runs once per stored item its clients want. */
    private static final String LOCAL_WS_QUEUE = "seda://upbit-local-ws-updates";
    /** The forward template's routes run once per stored item of their type and symbols. */
    private static final String FORWARD_QUEUE = "seda://upbit-forward-";

    private final String[] patterns;

    /** Route ids or patterns ({@code upbit-*}, regular expressions), comma separated; blank or {@code none}: none. */
    public UntimedRoutes(String patterns) {
        this.patterns = patterns == null || patterns.isBlank() || "none".equalsIgnoreCase(patterns.trim()) ? new String[0]
                : Arrays.stream(patterns.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            String from = route.getEndpoint() == null ? "" : route.getEndpoint().getEndpointUri();
            if (isUntimed(route.getRouteId()) || from.startsWith(PER_ITEM_QUEUE) || from.startsWith(PER_ANSWER_QUEUE)
                    || from.startsWith(LOCAL_WS_QUEUE) || from.startsWith(FORWARD_QUEUE)) {
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
