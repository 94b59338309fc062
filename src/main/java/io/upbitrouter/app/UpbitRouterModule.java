package io.upbitrouter.app;

import io.upbitrouter.api.ApiConfiguration;
import io.upbitrouter.api.UpbitFacadeErrors;
import io.upbitrouter.api.UpbitHttpFacadeRoutes;
import io.upbitrouter.cluster.ClusterConfiguration;
import io.upbitrouter.cluster.ClusterRoutes;
import io.upbitrouter.ops.OpsConfiguration;
import io.upbitrouter.ops.RealtimeUpkeepRoutes;
import io.upbitrouter.ops.UpbitRouteTemplates;
import io.upbitrouter.rest.UpbitRestRoutes;
import io.upbitrouter.routing.MarketDataRoutes;
import io.upbitrouter.routing.RouterErrorConfiguration;
import io.upbitrouter.routing.RoutingConfiguration;
import io.upbitrouter.ws.RealtimeConfiguration;
import io.upbitrouter.ws.StreamErrorHandling;
import io.upbitrouter.ws.StreamIngestRoutes;
import io.upbitrouter.ws.StreamSubscriptionRoutes;
import io.upbitrouter.wsproxy.LocalWebSocketRoutes;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.RoutesBuilder;

import java.util.List;

/**
 * The module's parts in one list: the configuration classes that bind its beans and the route
 * builders that make its flows. Camel Main, tests and the OSGi activator all assemble the module
 * from here, so a part added here is present in every runtime.
 */
public final class UpbitRouterModule {

    private UpbitRouterModule() {
    }

    /** Configuration classes ({@code @BindToRegistry} methods), in binding order. */
    public static List<CamelConfiguration> configurations() {
        return List.of(new CoreConfiguration(), new RoutingConfiguration(), new RealtimeConfiguration(),
                new ApiConfiguration(), new OpsConfiguration(), new ClusterConfiguration());
    }

    /** The module's Java route builders (YAML routes in {@code routes/} come on top). */
    public static List<RoutesBuilder> routeBuilders() {
        return List.of(new RouterErrorConfiguration(), new UpbitRestRoutes(), new MarketDataRoutes(),
                new StreamErrorHandling(), new StreamIngestRoutes(), new StreamSubscriptionRoutes(),
                new RealtimeUpkeepRoutes(), new ClusterRoutes(),
                new UpbitFacadeErrors(), new UpbitHttpFacadeRoutes(), new LocalWebSocketRoutes(), new UpbitRouteTemplates());
    }
}
