package io.upbitrouter.wsproxy;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.protocol.MarketKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.ws.MarketUpdateTap;
import io.upbitrouter.ws.StreamIngest;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.time.Clock;
import java.util.Locale;

/**
 * The facade's Upbit-compatible WebSocket endpoint and its fan-out, present where the facade is (an HTTP server
 * serves platform-http) and {@code upbit.local-ws.enabled} is not {@code false}:
 * <ul>
 *   <li>{@code upbit-local-ws-fanout}: every item the stream stores for a stream some connected client subscribed to,
 *       from its own queue {@link UpbitRouterConstants#LOCAL_WS_UPDATES} (a seda queue with this one consumer, so the
 *       ingest thread only hands the item over; the stream feeds it nothing while no client wants an item), to the
 *       local clients of its stream;</li>
 *   <li>{@code upbit-local-ws-demand}: re-demands the clients' streams every {@code upbit.local-ws.demand-refresh-ms},
 *       so the shared subscription keeps them while clients stay connected and drops them when they have left.</li>
 * </ul>
 * Beans: {@code upbitLocalStreamHub} ({@link LocalStreamHub}); the endpoint itself is {@link LocalWebSocketServer}.
 */
public class LocalWebSocketRoutes extends RouteBuilder {

    public static final String HUB = UpbitRouterConstants.BEAN_LOCAL_STREAM_HUB;

    @Override
    public void configure() throws Exception {
        if (!enabled()) {
            return;
        }
        RealtimeCache cache = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        SubscriptionDemand demand = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, SubscriptionDemand.class);
        Clock clock = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLOCK, Clock.class);
        if (cache == null || demand == null) {
            return; // no realtime path assembled: nothing to fan out
        }
        Clock time = clock == null ? Clock.systemUTC() : clock;
        LocalStreamHub hub = new LocalStreamHub(cache, demand, time, longProperty("upbit.cache.freshness-ms", "60000"));
        getContext().getRegistry().bind(HUB, hub);
        LocalWebSocketServer.Limits limits = new LocalWebSocketServer.Limits(
                intProperty("upbit.local-ws.max-codes", "300"),
                intProperty("upbit.local-ws.subscriptions-per-second", "5"),
                intProperty("upbit.local-ws.queue-size", "1024"),
                policy(property("upbit.local-ws.slow-client-policy", "drop-oldest")),
                intProperty("upbit.local-ws.max-clients", "200"),
                intProperty("upbit.local-ws.max-message-chars", "65536"));
        LocalWebSocketServer server = new LocalWebSocketServer(getContext(), hub,
                property("upbit.local-ws.path", "/websocket/v1"), limits, time);
        getContext().addService(server, true, true);
        getContext().addStartupListener(server);

        // the stream hands this route's own queue only the items of streams some connected client subscribed to: with
        // no client nothing at all, and no place among the market updates' consumers (that queue hands every item to
        // each of them on a pool)
        StreamIngest ingest = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
        if (ingest != null) {
            MarketUpdateTap queue = new MarketUpdateTap(getContext().getEndpoint(UpbitRouterConstants.LOCAL_WS_UPDATES));
            getContext().addService(queue, true, true);
            ingest.handStoredItems(hub::wants, queue);
        }
        from(UpbitRouterConstants.LOCAL_WS_UPDATES).routeId(UpbitRouterConstants.LOCAL_WS_FANOUT_ROUTE_ID)
                .process(exchange -> publish(hub, exchange));

        from("timer:upbit-local-ws-demand?delay={{upbit.local-ws.demand-refresh-ms:30000}}"
                + "&period={{upbit.local-ws.demand-refresh-ms:30000}}").routeId(UpbitRouterConstants.LOCAL_WS_DEMAND_ROUTE_ID)
                .process(exchange -> hub.refreshDemand());
    }

    private static void publish(LocalStreamHub hub, Exchange exchange) {
        if (hub.clientCount() > 0 && exchange.getMessage().getBody() instanceof ObjectNode item) {
            MarketKey.parse(exchange.getMessage().getHeader(UpbitRouterConstants.KEY, String.class))
                    .ifPresent(key -> hub.publish(key, item));
        }
    }

    static LocalStreamClient.SlowClientPolicy policy(String setting) {
        return LocalStreamClient.SlowClientPolicy.valueOf(setting.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** {@code upbit.local-ws.enabled}: true, false, or auto (default): where the HTTP facade is served. */
    private boolean enabled() {
        String setting = property("upbit.local-ws.enabled", "auto");
        if (!"auto".equalsIgnoreCase(setting)) {
            return Boolean.parseBoolean(setting);
        }
        String facade = property("upbit.facade.enabled", "false");
        if (!"auto".equalsIgnoreCase(facade)) {
            return Boolean.parseBoolean(facade);
        }
        return Boolean.parseBoolean(property("camel.server.enabled", "false"))
                || getContext().hasService(
                        org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer.class) != null;
    }

    private String property(String key, String defaultValue) {
        return getContext().resolvePropertyPlaceholders("{{" + key + ":" + defaultValue + "}}").trim();
    }

    private int intProperty(String key, String defaultValue) {
        return Integer.parseInt(property(key, defaultValue));
    }

    private long longProperty(String key, String defaultValue) {
        return Long.parseLong(property(key, defaultValue));
    }
}
