package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.cache.CacheFigures;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.ws.StreamHealth;
import io.upbitrouter.ws.StreamStallProbe;
import io.upbitrouter.ws.StreamSubscriptions;
import io.upbitrouter.ws.StreamSupervisor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.caffeine.CaffeineConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled upkeep of the realtime path, each on its own configurable period: cache cleanup with its
 * figures (size, hits, misses, evictions), dropping stream subscriptions nobody asked for within the idle
 * time, the watchdog that reconnects a stream silent past its limit, and the stall probe
 * ({@link StreamStallProbe}) that catches a stream whose data stopped while its socket still answers.
 */
public class RealtimeUpkeepRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeUpkeepRoutes.class);

    /** Exchange header with the {@link CacheFigures} after a cleanup. */

    @Override
    public void configure() {
        CaffeineRealtimeCache cache = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, CaffeineRealtimeCache.class);
        StreamSubscriptions subscriptions = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
        StreamHealth health = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamHealth.class);
        StreamSupervisor supervisor = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_SUPERVISOR, StreamSupervisor.class);

        from("scheduler:upbit-cache-upkeep?initialDelay={{upbit.cache.upkeep-period-ms:30000}}&delay={{upbit.cache.upkeep-period-ms:30000}}")
                .routeId(UpbitRouterConstants.CACHE_UPKEEP_ROUTE_ID)
                .setHeader(CaffeineConstants.ACTION, constant(CaffeineConstants.ACTION_CLEANUP))
                .to(UpbitRouterConstants.REALTIME_CACHE).id("upbit-cache-cleanup")
                .process(exchange -> exchange.getMessage().setHeader(UpbitRouterConstants.CACHE_FIGURES, cache.figures()))
                .log("Realtime cache: ${header." + UpbitRouterConstants.CACHE_FIGURES + "}");

        from("scheduler:upbit-ws-idle?initialDelay={{upbit.ws.idle-check-period-ms:60000}}&delay={{upbit.ws.idle-check-period-ms:60000}}")
                .routeId(UpbitRouterConstants.WS_IDLE_UNSUBSCRIBE_ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(subscriptions.dropIdle()));

        from("scheduler:upbit-ws-watchdog?delay={{upbit.ws.watchdog-period-ms:1000}}").routeId(UpbitRouterConstants.WS_WATCHDOG_ROUTE_ID)
                .filter(exchange -> health.isSilent())
                .process(exchange -> {
                    String age = health.lastMessageAgeMillis().isPresent()
                            ? health.lastMessageAgeMillis().getAsLong() + " ms since the last frame" : "no frame since connect";
                    LOG.warn("Upbit stream silent past {} ms ({}): marked unhealthy", health.silenceLimitMillis(), age);
                    supervisor.forceReconnect("silent past the watchdog limit");
                });

        // data silence apart from connection silence: a socket that answers PING may still have stopped delivering
        StreamStallProbe stallProbe = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STALL_PROBE, StreamStallProbe.class);
        from("scheduler:upbit-ws-stall-probe?delay={{upbit.ws.stall.check-period-ms:1000}}").routeId(UpbitRouterConstants.WS_STALL_PROBE_ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(stallProbe.probe()));
    }
}
