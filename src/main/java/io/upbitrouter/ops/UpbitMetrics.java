package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.upbitrouter.api.UpbitErrorAnswer;
import io.upbitrouter.cache.CaffeineRealtimeCache;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestGroupStatus;
import io.upbitrouter.ws.DeadLetterCounts;
import io.upbitrouter.ws.StreamHealth;
import io.upbitrouter.ws.StreamIngest;
import io.upbitrouter.ws.StreamStallProbe;
import io.upbitrouter.ws.StreamStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The module's Micrometer meters, fed by a route policy on the module's own two routes rather than by calls
 * from the other parts, so the router, the stream and the REST client need no metrics code of their own:
 * <ul>
 *   <li>{@code upbit.router.decisions} (type, source, reason): one per symbol answered by the route
 *       {@code upbit-market-data}; {@code upbit.router.failures} (type, status, name) for errors;</li>
 *   <li>{@code upbit.cache.hits} / {@code upbit.cache.misses}: symbols answered from the cache, and
 *       symbols that went to REST because the entry was missing or stale; {@code upbit.cache.size},
 *       {@code upbit.cache.oldest.age} (ms) and {@code upbit.cache.evictions} from the Caffeine cache;</li>
 *   <li>{@code upbit.rest.requests} (group, status): every pass through the route {@code upbit-rest-call};
 *       {@code upbit.rest.too.many.requests} and {@code upbit.rest.bans} (group) from the REST budget;</li>
 *   <li>{@code upbit.stream.connected} (0/1), {@code upbit.stream.last.message.age} (ms),
 *       {@code upbit.stream.reconnects} and {@code upbit.stream.disconnects} from the stream's health;</li>
 *   <li>{@code upbit.stream.frames} and {@code upbit.stream.items} (outcome: stored, duplicate, older), counted by
 *       the stream's ingest;</li>
 *   <li>{@code upbit.stream.dead.letters}: stream frames sent to the dead-letter route.</li>
 * </ul>
 * As a {@link RoutePolicyFactory} it gives a policy to those two routes only ({@link #WATCHED_ROUTES}); the host's
 * routes get none, so their exchanges are neither seen nor counted (no event notifier watches the host).
 * <p>
 * The meter registry, looked up when first needed (the gauges at context start, after Camel Main's
 * micrometer-prometheus bound its registry): {@code upbitMeterRegistry} when bound (the Spring Boot
 * auto-configuration binds the host's {@code MeterRegistry} there), else the host's shared {@code metricsRegistry}
 * (what camel-micrometer-prometheus scrapes at {@code /observe/metrics}), else a Prometheus registry of the
 * module's own, bound as {@code upbitMeterRegistry}: Camel's {@code metricsRegistry} name is never taken. Thread-safe.
 */
public class UpbitMetrics implements RoutePolicyFactory, StartupListener, CamelContextAware {

    /** Camel's name for the host's shared meter registry (MicrometerConstants.METRICS_REGISTRY_NAME): read, never bound. */
    public static final String SHARED_REGISTRY_NAME = "metricsRegistry";
    /** The module's registry name: a registry bound there gets the meters; otherwise the module's own is bound there. */
    public static final String REGISTRY_NAME = UpbitRouterConstants.BEAN_METER_REGISTRY;
    /** The routes whose exchanges are counted: the request route and the REST call route. */
    public static final Set<String> WATCHED_ROUTES = Set.of(UpbitRouterConstants.MARKET_DATA_ROUTE_ID,
            UpbitRouterConstants.REST_CALL_ROUTE_ID);

    private static final DataSource[] SOURCES = DataSource.values();
    private static final RoutingReason[] REASONS = RoutingReason.values();
    private final java.util.concurrent.atomic.AtomicReferenceArray<Counter> decisionCounters =
            new java.util.concurrent.atomic.AtomicReferenceArray<>((MarketDataType.values().length + 1) * SOURCES.length * (REASONS.length + 1));
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong policiesGiven = new AtomicLong();
    private volatile MeterRegistry registry;
    private volatile CamelContext camelContext;
    private boolean gaugesRegistered;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The registry meters go to (see the class comment for which). */
    public MeterRegistry meterRegistry() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    registry = lookupOrBind(getCamelContext());
                }
                r = registry;
            }
        }
        return r;
    }

    static MeterRegistry lookupOrBind(CamelContext context) {
        MeterRegistry found = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (found == null) {
            found = context.getRegistry().lookupByNameAndType(SHARED_REGISTRY_NAME, MeterRegistry.class);
        }
        if (found == null) {
            found = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(REGISTRY_NAME, found);
        }
        return found;
    }

    /** A policy for the module's watched routes; none (null) for every other route, the host's included. */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        if (UpbitRouterConstants.MARKET_DATA_ROUTE_ID.equals(routeId)) {
            policiesGiven.incrementAndGet();
            return new RoutePolicySupport() {
                @Override
                public void onExchangeDone(Route r, Exchange exchange) {
                    onRouterAnswer(exchange);
                }
            };
        }
        if (UpbitRouterConstants.REST_CALL_ROUTE_ID.equals(routeId)) {
            policiesGiven.incrementAndGet();
            return new RoutePolicySupport() {
                @Override
                public void onExchangeDone(Route r, Exchange exchange) {
                    onRestCall(exchange);
                }
            };
        }
        return null;
    }

    /** How many routes got a policy (the module's watched routes only). */
    public long policiesGiven() {
        return policiesGiven.get();
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        registerGauges();
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }

    /** Gauges and function counters on the module's beans; once, when the context has started. */
    synchronized void registerGauges() {
        if (gaugesRegistered) {
            return;
        }
        gaugesRegistered = true;
        MeterRegistry meters = meterRegistry();
        CamelContext context = getCamelContext();
        FunctionCounter.builder("upbit.cache.hits", hits, AtomicLong::get)
                .description("symbols answered from the realtime cache").register(meters);
        FunctionCounter.builder("upbit.cache.misses", misses, AtomicLong::get)
                .description("symbols sent to REST because the cache entry was missing or stale").register(meters);
        RealtimeCache cache = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_REALTIME_CACHE, RealtimeCache.class);
        if (cache instanceof CaffeineRealtimeCache caffeine) {
            Gauge.builder("upbit.cache.size", caffeine, c -> c.figures().size())
                    .description("entries in the realtime cache").register(meters);
            Gauge.builder("upbit.cache.oldest.age", this, m -> m.oldestEntryAgeMillis(caffeine))
                    .description("age of the oldest cache entry by receive time").baseUnit("milliseconds")
                    .register(meters);
            FunctionCounter.builder("upbit.cache.evictions", caffeine, c -> c.figures().evictions())
                    .description("entries removed by expiry or the size bound").register(meters);
        }
        StreamStatus stream = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STATUS, StreamStatus.class);
        if (stream != null) {
            Gauge.builder("upbit.stream.connected", stream, s -> s.isConnected() ? 1 : 0)
                    .description("1 while the WebSocket is connected and subscribed").register(meters);
            Gauge.builder("upbit.stream.last.message.age", stream, s -> s.lastMessageAgeMillis().orElse(-1))
                    .description("time since the last stream message, -1 before the first")
                    .baseUnit("milliseconds").register(meters);
            if (stream instanceof StreamHealth health) {
                FunctionCounter.builder("upbit.stream.reconnects", health, h -> Math.max(0, h.connects() - 1))
                        .description("connections opened after the first").register(meters);
                FunctionCounter.builder("upbit.stream.disconnects", health, StreamHealth::disconnects)
                        .description("connections lost (dropped or closed by the watchdog)").register(meters);
                FunctionCounter.builder("upbit.stream.stalls", health, StreamHealth::stalls)
                        .description("markets found stalled: data stopped while the exchange traded").register(meters);
                Gauge.builder("upbit.stream.stalled.markets", health, h -> h.stalledSymbols().size())
                        .description("markets answered from REST now because their stream stalled").register(meters);
            }
            StreamStallProbe probe = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_STALL_PROBE, StreamStallProbe.class);
            if (probe != null) {
                FunctionCounter.builder("upbit.stream.stall.probes", probe, StreamStallProbe::probeCalls)
                        .description("REST ticker calls the stall probe made").register(meters);
            }
        }
        StreamIngest ingest = context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_STREAM_INGEST, StreamIngest.class);
        if (ingest != null) {
            // counted by the ingest itself: the stream's frames are not timed one by one
            FunctionCounter.builder("upbit.stream.frames", ingest, i -> i.figures().frames())
                    .description("frames received from the stream").register(meters);
            FunctionCounter.builder("upbit.stream.items", ingest, i -> i.figures().stored())
                    .tags("outcome", "stored").description("market data items from the stream, by what became of them")
                    .register(meters);
            FunctionCounter.builder("upbit.stream.items", ingest, i -> i.figures().duplicates())
                    .tags("outcome", "duplicate").description("market data items from the stream, by what became of them")
                    .register(meters);
            FunctionCounter.builder("upbit.stream.items", ingest, i -> i.figures().older())
                    .tags("outcome", "older").description("market data items from the stream, by what became of them")
                    .register(meters);
        }
        DeadLetterCounts streamDeadLetters = context.getRegistry()
                .lookupByNameAndType(UpbitRouterConstants.BEAN_DEAD_LETTER_COUNTS, DeadLetterCounts.class);
        if (streamDeadLetters != null) {
            FunctionCounter.builder("upbit.stream.dead.letters", streamDeadLetters, DeadLetterCounts::total)
                    .description("stream frames sent to the dead-letter route").register(meters);
        }
        RestGroupStatus rest = context.getRegistry().findSingleByType(RestGroupStatus.class);
        if (rest != null) {
            for (RestGroup group : RestGroup.values()) {
                Tags tags = Tags.of("group", group.headerName());
                FunctionCounter.builder("upbit.rest.too.many.requests", rest, r -> r.state(group).tooManyRequests())
                        .tags(tags).description("429 answers from the exchange").register(meters);
                FunctionCounter.builder("upbit.rest.bans", rest, r -> r.state(group).teapots())
                        .tags(tags).description("418 answers (IP bans) from the exchange").register(meters);
            }
        }
    }

    /** Age of the oldest entry by receive time; a scan, done only when the gauge is read. */
    long oldestEntryAgeMillis(CaffeineRealtimeCache cache) {
        java.time.Clock clock = getCamelContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_CLOCK, java.time.Clock.class);
        long now = clock == null ? System.currentTimeMillis() : clock.millis();
        return cache.entries().asMap().values().stream()
                .mapToLong(e -> e.ageMillis(now)).max().orElse(0);
    }

    private void onRouterAnswer(Exchange exchange) {
        if (exchange.getException() != null) {
            MarketDataException error = UpbitErrorAnswer.asMarketDataException(exchange.getException());
            Object request = exchange.getIn().getBody();
            String type = request instanceof io.upbitrouter.model.MarketDataRequest r && r.type() != null
                    ? r.type().name() : "unknown";
            Counter.builder("upbit.router.failures")
                    .tags("type", type, "status", Integer.toString(error.httpStatus()), "name", error.errorName())
                    .description("requests the router refused or could not answer").register(meterRegistry())
                    .increment();
            return;
        }
        if (exchange.getMessage().getBody() instanceof MarketDataResponse response) {
            recordAnswer(response);
        }
    }

    /**
     * Counts an answered request as the request route's policy counts it: {@code upbit.router.decisions} per symbol,
     * and the cache hits and misses. Called by the policy, and by the facade's fast path for the cache hits it answers
     * without the route ({@code upbit.facade.fast-hits}).
     */
    public void recordAnswer(MarketDataResponse response) {
        MarketDataType type = response.request() == null ? null : response.request().type();
        for (SymbolResult result : response.results()) {
            decisions(type, result.source(), result.reason()).increment();
            if (result.source() == DataSource.WEBSOCKET_CACHE) {
                hits.incrementAndGet();
            } else if (result.reason() == RoutingReason.CACHE_MISS || result.reason() == RoutingReason.CACHE_STALE) {
                misses.incrementAndGet();
            }
        }
    }

    /**
     * The decisions counter of one tag set, registered once and then found by index (per symbol of every answer, a
     * builder, or even a key string, costs more than the increment).
     */
    private Counter decisions(MarketDataType type, DataSource source, RoutingReason reason) {
        int index = ((type == null ? 0 : type.ordinal() + 1) * SOURCES.length + source.ordinal()) * (REASONS.length + 1)
                + (reason == null ? 0 : reason.ordinal() + 1);
        Counter counter = decisionCounters.get(index);
        if (counter == null) {
            counter = Counter.builder("upbit.router.decisions")
                    .tags("type", type == null ? "unknown" : type.name(), "source", source.wireName(), "reason", String.valueOf(reason))
                    .description("symbols answered, by source and routing rule").register(meterRegistry());
            decisionCounters.compareAndSet(index, null, counter);
        }
        return counter;
    }

    private void onRestCall(Exchange exchange) {
        String status = exchange.getException() != null ? "error"
                : String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, "none", String.class));
        Object path = exchange.getProperty(UpbitRouterConstants.REST_PATH);
        Counter.builder("upbit.rest.requests").tags("group", groupOf(path), "status", status)
                .description("calls to the exchange's REST API").register(meterRegistry()).increment();
    }

    /** The rate-limit group of a REST path ({@code candles/minutes/1} is {@code candles}). */
    static String groupOf(Object path) {
        return RestGroup.ofPath(path == null ? null : path.toString()).map(RestGroup::headerName).orElse("other");
    }
}
