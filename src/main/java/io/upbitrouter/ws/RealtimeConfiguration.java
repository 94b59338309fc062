package io.upbitrouter.ws;

import io.upbitrouter.support.Backoff;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.protocol.ExactJson;
import com.github.benmanes.caffeine.cache.Cache;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.model.CandleInterval;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Binds the realtime path's beans: the cache ({@code upbitRealtimeCache} and the Caffeine cache behind it),
 * the stream's status ({@code upbitStreamStatus}), subscription demand ({@code upbitSubscriptionDemand}), the
 * connection supervisor and the supervised vertx-websocket component, the one-step ingest of a frame
 * ({@code upbitStreamIngest}: decode, duplicate filter, cache offer), what the market-updates tap's consumers want
 * ({@code upbitMarketUpdateInterest}) and the dead-letter counts. All of them read time from {@code upbitClock}, which must be bound before this runs.
 */
public class RealtimeConfiguration implements CamelConfiguration {

    @PropertyInject(value = "upbit.ws.enabled", defaultValue = "true")
    boolean wsEnabled;
    @PropertyInject(value = "upbit.ws.warm-symbols", defaultValue = "none")
    String warmSymbols;
    @PropertyInject(value = "upbit.ws.warm-candle-intervals", defaultValue = "1m")
    String warmCandleIntervals;
    @PropertyInject(value = "upbit.ws.idle-unsubscribe-ms", defaultValue = "600000")
    long idleUnsubscribeMillis;
    @PropertyInject(value = "upbit.ws.subscribe-window-margin-ms", defaultValue = "500")
    long subscribeWindowMarginMillis;
    @PropertyInject(value = "upbit.ws.watchdog-silence-ms", defaultValue = "30000")
    long watchdogSilenceMillis;
    @PropertyInject(value = "upbit.ws.reconnect-initial-ms", defaultValue = "500")
    long reconnectInitialMillis;
    @PropertyInject(value = "upbit.ws.reconnect-max-ms", defaultValue = "30000")
    long reconnectMaxMillis;
    @PropertyInject(value = "upbit.ws.min-connect-interval-ms", defaultValue = "250")
    long minConnectIntervalMillis;
    @PropertyInject(value = "upbit.ws.connect-timeout-ms", defaultValue = "5000")
    int connectTimeoutMillis;
    @PropertyInject(value = "upbit.ws.ingest.fast-path", defaultValue = "true")
    boolean ingestFastPath;
    @PropertyInject(value = "upbit.ws.stall.data-silence-ms", defaultValue = "10000")
    long stallDataSilenceMillis;
    @PropertyInject(value = "upbit.ws.stall.tolerance-ms", defaultValue = "2000")
    long stallToleranceMillis;
    @PropertyInject(value = "upbit.ws.stall.max-markets-per-probe", defaultValue = "20")
    int stallMaxMarketsPerProbe;
    @PropertyInject(value = "upbit.cache.ttl-seconds", defaultValue = "60")
    int cacheTtlSeconds;
    @PropertyInject(value = "upbit.cache.max-entries", defaultValue = "20000")
    long cacheMaxEntries;

    private Cache<String, CachedMarketData> entries;
    private CaffeineRealtimeCache cache;
    private StreamSubscriptions subscriptions;
    private StreamHealth health;
    private StreamSupervisor supervisor;
    private StreamIngest ingest;
    private MarketUpdateInterest interest;
    private volatile CamelContext camelContext;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The Caffeine cache holding the entries; {@code caffeine-cache:upbitRealtimeEntryCache} uses this instance. */
    @BindToRegistry(UpbitRouterConstants.BEAN_REALTIME_ENTRIES)
    public synchronized Cache<String, CachedMarketData> realtimeEntries(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (entries == null) {
            entries = CaffeineRealtimeCache.newEntries(clock, cacheTtlSeconds, cacheMaxEntries);
        }
        return entries;
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_REALTIME_CACHE)
    public synchronized CaffeineRealtimeCache realtimeCache(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (cache == null) {
            cache = new CaffeineRealtimeCache(realtimeEntries(clock));
            // A read is interest: symbols the router keeps reading stay subscribed.
            cache.onRead(subscriptionDemand(clock)::touch);
        }
        return cache;
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND)
    public synchronized StreamSubscriptions subscriptionDemand(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (subscriptions == null) {
            List<CandleInterval> intervals = split(warmCandleIntervals).stream()
                    .map(code -> CandleInterval.fromCode(code).orElseThrow(
                            () -> new IllegalArgumentException("upbit.ws.warm-candle-intervals: unknown interval " + code)))
                    .toList();
            subscriptions = new StreamSubscriptions(clock, idleUnsubscribeMillis, split(warmSymbols), intervals,
                    subscribeWindowMarginMillis);
        }
        return subscriptions;
    }

    @BindToRegistry(UpbitRouterConstants.BEAN_STREAM_STATUS)
    public synchronized StreamHealth streamStatus(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (health == null) {
            StreamSubscriptions demand = subscriptionDemand(clock);
            health = new StreamHealth(clock, watchdogSilenceMillis, demand::isSubscribed, demand::anythingWanted);
        }
        return health;
    }

    @BindToRegistry(value = UpbitRouterConstants.BEAN_STREAM_SUPERVISOR, destroyMethod = "close")
    public synchronized StreamSupervisor streamSupervisor(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (supervisor == null) {
            supervisor = new StreamSupervisor(wsEnabled, new Backoff(reconnectInitialMillis, reconnectMaxMillis),
                    connectTimeoutMillis, minConnectIntervalMillis, clock, streamStatus(clock), subscriptionDemand(clock));
        }
        return supervisor;
    }

    @BindToRegistry(SupervisedWebsocketComponent.SCHEME)
    public SupervisedWebsocketComponent supervisedWebsocket(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        // with the fast path, the ingest route's consumer takes data frames itself (no exchange per frame)
        return new SupervisedWebsocketComponent(streamSupervisor(clock), ingestFastPath ? streamIngest(clock) : null);
    }

    /** Decode, duplicate check and cache offer of one frame in one step (the ingest route's first step). */
    @BindToRegistry(UpbitRouterConstants.BEAN_STREAM_INGEST)
    public synchronized StreamIngest streamIngest(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        if (ingest == null) {
            ingest = new StreamIngest(streamStatus(clock), new StreamFrameDecoder(ExactJson.MAPPER, clock),
                    new StreamDuplicateFilter(), realtimeCache(clock));
        }
        return ingest;
    }

    /** What the routes consuming the market-updates tap want; the ingest taps only wanted items. */
    @BindToRegistry(UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST)
    public synchronized MarketUpdateInterest marketUpdateInterest() {
        if (interest == null) {
            interest = new MarketUpdateInterest();
        }
        return interest;
    }

    /**
     * The stall probe. It asks the exchange through {@code upbitExchangeTradeTimes} (bound by the REST side), looked
     * up per round; without it the probe never calls and never alarms.
     */
    @BindToRegistry(UpbitRouterConstants.BEAN_STREAM_STALL_PROBE)
    public StreamStallProbe streamStallProbe(@BeanInject(UpbitRouterConstants.BEAN_CLOCK) Clock clock) {
        ExchangeTradeTimes exchange = markets -> {
            CamelContext context = camelContext;
            ExchangeTradeTimes rest = context == null ? null
                    : context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_EXCHANGE_TRADE_TIMES, ExchangeTradeTimes.class);
            return rest == null ? Optional.empty() : rest.latestTradeTimes(markets);
        };
        return new StreamStallProbe(clock, streamStatus(clock), subscriptionDemand(clock), exchange,
                streamSupervisor(clock)::forceReconnect, stallDataSilenceMillis, stallToleranceMillis, stallMaxMarketsPerProbe);
    }

    /** The registry name of the {@link ExchangeTradeTimes} the stall probe asks. */

    @BindToRegistry(UpbitRouterConstants.BEAN_DEAD_LETTER_COUNTS)
    public DeadLetterCounts deadLetterCounts() {
        return new DeadLetterCounts();
    }

    /** A comma list; {@code none} (Camel refuses an empty default) or blank means an empty list. */
    private static List<String> split(String list) {
        if (list == null || list.isBlank() || "none".equalsIgnoreCase(list.trim())) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
