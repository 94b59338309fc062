package io.upbitrouter.api;

/**
 * The module's names, written once: route ids, endpoint URIs, header and exchange-property names, and
 * registry bean names. Java, YAML and AdviceWith users refer to routes and headers through these (as
 * camel-caffeine's {@code CaffeineConstants} does for its headers); the values are part of the module's
 * API and change only with a release note. See {@code src/main/docs/routes.md} for what each route does.
 */
public final class UpbitRouterConstants {

    private UpbitRouterConstants() {
    }

    // ---- the request path: endpoints (route ids are the same names without "direct:")

    /** The request endpoint: body in a {@code MarketDataRequest}, body out a {@code MarketDataResponse}. */
    public static final String MARKET_DATA = "direct:upbit-market-data";
    public static final String MARKET_DATA_ROUTE_ID = "upbit-market-data";
    /** The bulkhead in front of every branch that may wait (a bounded {@code threads()} pool). */
    public static final String BULKHEAD = "direct:upbit-bulkhead";
    public static final String BULKHEAD_ROUTE_ID = "upbit-bulkhead";
    /** Branch CACHE: every symbol fresh in the realtime cache, answered on the caller's thread. */
    public static final String BRANCH_CACHE = "direct:upbit-branch-cache";
    public static final String BRANCH_CACHE_ROUTE_ID = "upbit-branch-cache";
    /** Branch REST: every symbol from the exchange's REST API (the guide's "when in doubt"). */
    public static final String BRANCH_REST = "direct:upbit-branch-rest";
    public static final String BRANCH_REST_ROUTE_ID = "upbit-branch-rest";
    /** Branch SPLIT: fresh symbols from the cache, the others from REST, in the order asked. */
    public static final String BRANCH_SPLIT = "direct:upbit-branch-split";
    public static final String BRANCH_SPLIT_ROUTE_ID = "upbit-branch-split";
    /** Branch STREAM_WAIT: HIGH-priority symbols wait (bounded) for the stream's snapshot, then REST. */
    public static final String BRANCH_STREAM_WAIT = "direct:upbit-branch-stream-wait";
    public static final String BRANCH_STREAM_WAIT_ROUTE_ID = "upbit-branch-stream-wait";
    /** Branch HISTORY: paged candle history, closed candles from the store where they cover it. */
    public static final String BRANCH_HISTORY = "direct:upbit-branch-history";
    public static final String BRANCH_HISTORY_ROUTE_ID = "upbit-branch-history";
    /** The REST calls of the symbols a branch left to REST (ticker and orderbook batched in one call). */
    public static final String REST_SYMBOLS = "direct:upbit-rest-symbols";
    public static final String REST_SYMBOLS_ROUTE_ID = "upbit-rest-symbols";
    /** The one place a request leaves for the exchange: one HTTP GET, headers stripped. */
    public static final String REST_CALL = "direct:upbit-rest-call";
    public static final String REST_CALL_ROUTE_ID = "upbit-rest-call";
    /** The market list's upkeep (a timer route). */
    public static final String MARKET_LIST_ROUTE_ID = "upbit-market-list";
    /** Route configuration (error handling) of the request and REST routes. */
    public static final String ROUTER_ERRORS_CONFIGURATION_ID = "upbit-router-errors";

    // ---- the HTTP facade and the local WebSocket (only with upbit.facade.enabled)

    /** Prefix of the facade's route ids: {@code upbit-facade-ticker}, {@code upbit-facade-candles-days} ... */
    public static final String FACADE_ROUTE_ID_PREFIX = "upbit-facade-";
    /** The facade's {@code /v1/ticker}, {@code /v1/orderbook} and {@code /v1/trades/ticks}: the paths whose cache hits the fast path answers. */
    public static final String FACADE_TICKER_ROUTE_ID = FACADE_ROUTE_ID_PREFIX + "ticker";
    public static final String FACADE_ORDERBOOK_ROUTE_ID = FACADE_ROUTE_ID_PREFIX + "orderbook";
    public static final String FACADE_TRADES_ROUTE_ID = FACADE_ROUTE_ID_PREFIX + "trades";
    public static final String FACADE_TICKER_ALL_ROUTE_ID = FACADE_ROUTE_ID_PREFIX + "ticker-all";
    /** The router calls of {@code /v1/ticker/all}, one per 100 markets. */
    public static final String FACADE_TICKER_ALL_CALLS = "direct:upbit-facade-ticker-all-calls";
    public static final String FACADE_TICKER_ALL_CALLS_ROUTE_ID = "upbit-facade-ticker-all-calls";
    public static final String FACADE_MARKET_ALL_ROUTE_ID = FACADE_ROUTE_ID_PREFIX + "market-all";
    /**
     * The switch of the facade's fast path ({@code true} by default): cache hits of the paths above answered on the
     * HTTP server's event loop before the facade's routes, from each entry's stored bytes. {@code false}: every request
     * through the facade's routes (for route advice or interceptors that must see every request).
     */
    public static final String PROPERTY_FACADE_FAST_HITS = "upbit.facade.fast-hits";
    /** Whether {@link SmartRouter} answers cache hits without the route's exchange (true by default). */
    public static final String PROPERTY_API_FAST_HITS = "upbit.api.fast-hits";
    /** Route configuration (error answers) of the facade's routes. */
    public static final String FACADE_ERRORS_CONFIGURATION_ID = "upbit-facade-errors";
    /** Fans stored stream items out to the local WebSocket's clients. */
    public static final String LOCAL_WS_FANOUT_ROUTE_ID = "upbit-local-ws-fanout";
    /** Re-demands the local WebSocket clients' streams (a timer route). */
    public static final String LOCAL_WS_DEMAND_ROUTE_ID = "upbit-local-ws-demand";

    // ---- route templates (templatedRoute's routeTemplateRef in YAML)

    public static final String TEMPLATE_KEEP_WARM = "upbit-keep-warm";
    public static final String TEMPLATE_FORWARD_MARKET_UPDATES = "upbit-forward-market-updates";
    public static final String TEMPLATE_FORWARD_DECISIONS = "upbit-forward-decisions";
    public static final String TEMPLATE_POLL = "upbit-poll";

    // ---- step ids on the request path (for weaveById and interceptors)

    /** Step of {@code upbit-market-data}: the decision ({@code SourceDecision}) for every symbol. */
    public static final String STEP_DECIDE = "decide-source";
    /** Step of {@code upbit-market-data}: the content-based router. */
    public static final String STEP_CHOICE = "source-decision";
    /** Step of {@code upbit-branch-cache}: the answer from the entries the decision read. */
    public static final String STEP_ANSWER_FROM_CACHE = "answer-from-cache";
    /** Step of {@code upbit-rest-symbols}: the REST calls. */
    public static final String STEP_REST_CALLS = "rest-calls";
    /** Step of {@code upbit-branch-history}: the candle pages. */
    public static final String STEP_PAGE_HISTORY = "page-candle-history";
    /** Step of {@code upbit-branch-stream-wait}: the bounded wait for the stream's snapshot. */
    public static final String STEP_AWAIT_STREAM = "await-stream-snapshot";
    /** Step of {@code upbit-rest-call}: the {@code http} endpoint. */
    public static final String STEP_HTTP = "upbit-rest-http";

    // ---- the stream path

    /** Scheme of the supervised vertx-websocket component the stream runs on (a registry bean of that name). */
    public static final String STREAM_COMPONENT = "upbit-vertx-websocket";
    /**
     * The exchange's stream through the supervised vertx-websocket component. Consumer and producers use this
     * identical URI, so producers write on the consumer's socket. No Origin header: Upbit allows a connection
     * carrying one only once every 10 seconds (Vert.x sends one unless told not to).
     */
    public static final String STREAM = UpbitRouterConstants.STREAM_COMPONENT
            + ":{{upbit.ws.url:wss://api.upbit.com/websocket/v1}}?consumeAsClient=true&allowOriginHeader=false";
    public static final String WS_INGEST_ROUTE_ID = "upbit-ws-ingest";
    /** The ingest route's first step: liveness, decode, duplicate filter and cache offer of one frame. */
    public static final String STEP_INGEST_FRAME = "upbit-ws-ingest-frame";
    /**
     * Stores data frames decoded elsewhere (a cluster member's replicated entries): the duplicate filter and the
     * ordered offer of the stream's ingest, then the market-updates tap.
     */
    public static final String WS_STORE = "direct:upbit-ws-store";
    public static final String WS_STORE_ROUTE_ID = "upbit-ws-store";
    public static final String WS_DEAD_LETTER = "direct:upbit-ws-dead-letter";
    public static final String WS_DEAD_LETTER_ROUTE_ID = "upbit-ws-dead-letter";
    /** Writes the subscription message on the stream (a timer route). */
    public static final String WS_SUBSCRIBE_ROUTE_ID = "upbit-ws-subscribe";
    /**
     * The subscription route's endpoint: a wake-up token, sent from the wake-up's own thread when there is something to
     * send ({@link io.upbitrouter.ws.SubscriptionWakeUp}); at most one is on its way.
     */
    public static final String WS_SUBSCRIBE = "direct:upbit-ws-subscribe";
    /** Sends the keepalive PING on the stream (a timer route). */
    public static final String WS_KEEPALIVE_ROUTE_ID = "upbit-ws-keepalive";
    /** The realtime cache's cleanup and figures (a scheduler route). */
    public static final String CACHE_UPKEEP_ROUTE_ID = "upbit-cache-upkeep";
    /** Drops streams nobody asked for within the idle time (a scheduler route). */
    public static final String WS_IDLE_UNSUBSCRIBE_ROUTE_ID = "upbit-ws-idle-unsubscribe";
    /** Forces a reconnect of a stream silent past the watchdog limit (a scheduler route). */
    public static final String WS_WATCHDOG_ROUTE_ID = "upbit-ws-watchdog";
    /** Asks the exchange whether the stream stalled (a scheduler route). */
    public static final String WS_STALL_PROBE_ROUTE_ID = "upbit-ws-stall-probe";
    /** Route configuration (error handling) of the stream routes. */
    public static final String WS_ERRORS_CONFIGURATION_ID = "upbit-ws-errors";
    /** The realtime cache through camel-caffeine; the registry bean {@link #BEAN_REALTIME_ENTRIES} is the cache. */
    public static final String REALTIME_CACHE = "caffeine-cache:" + UpbitRouterConstants.BEAN_REALTIME_ENTRIES + "?createCacheIfNotExist=false";

    // ---- taps (seda queues with several consumers; nothing is sent while none consumes)

    private static final String TAP_OPTIONS = "?multipleConsumers=true&size=10000&discardWhenFull=true"
            + "&waitForTaskToComplete=Never";
    /**
     * Every stream item the realtime cache stored: body the item in Upbit's REST shape (a Jackson
     * {@code ObjectNode} shared with the cache: read it, do not change it), headers {@link #KEY},
     * {@link #TYPE}, {@link #SYMBOL}, {@link #EVENT_TIME}. Consume with {@code from(MARKET_UPDATES)}.
     */
    public static final String MARKET_UPDATES = "seda:upbit-market-updates" + TAP_OPTIONS;
    /**
     * Every answered request's decisions, body JSON
     * {@code {"type":"TICKER","priority":"NORMAL","results":[{"symbol":..,"source":..,"reason":..,"age_ms":..}]}},
     * headers {@link #TYPE} and {@link #SOURCES}. Consume with {@code from(DECISIONS)}: a route that declares nothing
     * gets a record of every answered request; the {@code upbit-forward-decisions} template declares its
     * {@code sources}, and no record is made for it of other answers ({@link #BEAN_DECISIONS_INTEREST}).
     */
    public static final String DECISIONS = "seda:upbit-decisions" + TAP_OPTIONS;
    /**
     * The local WebSocket's own queue (only with the facade): the stored stream items of the streams its connected
     * clients subscribed to, as {@link #MARKET_UPDATES} carries them, for its one consumer, route
     * {@link #LOCAL_WS_FANOUT_ROUTE_ID}. Not a tap to consume: the stream feeds it only with what those clients want.
     */
    public static final String LOCAL_WS_UPDATES = "seda:upbit-local-ws-updates?size=10000&discardWhenFull=true"
            + "&waitForTaskToComplete=Never";

    // ---- headers

    /** Cache key of a market update, e.g. {@code ticker:KRW-BTC}. */
    public static final String KEY = "UpbitKey";
    /** Data type: {@code ticker}, {@code trade}, {@code orderbook}, {@code candle} on updates; the request type on decisions. */
    public static final String TYPE = "UpbitType";
    /**
     * On a decision record: where its answer's symbols came from, the distinct {@code X-Data-Source} values in the
     * order met, comma separated ({@code websocket}, {@code rest,websocket} ...).
     */
    public static final String SOURCES = "UpbitSources";
    /** Market code of a market update. */
    public static final String SYMBOL = "UpbitSymbol";
    /** Event time (epoch ms) of a market update, as the exchange stamped it. */
    public static final String EVENT_TIME = "UpbitEventTime";
    /** The branch of the decision a request took: HISTORY, CACHE, STREAM_WAIT, SPLIT or REST. */
    public static final String ROUTING_PATH = "UpbitRoutingPath";
    /** Set by {@code upbit-ws-ingest} on a data frame: true when the item was newer and stored. */
    public static final String STORED = "UpbitStored";
    /** Kind of a dead-lettered stream frame. */
    public static final String DEAD_LETTER_KIND = "UpbitDeadLetterKind";
    /** The cache figures the upkeep route reports. */
    public static final String CACHE_FIGURES = "UpbitCacheFigures";

    // ---- exchange properties

    /** The request's deadline, a {@link System#nanoTime()} value. */
    public static final String DEADLINE = "upbitRequestDeadline";
    /** Path below the REST base URL, from validated values only. */
    public static final String REST_PATH = "upbitRestPath";
    /** The encoded REST query string, from validated values only. */
    public static final String REST_QUERY = "upbitRestQuery";

    // ---- registry bean names: every bean the module binds in the host's registry, prefixed "upbit", each named
    // after the type it is looked up as (RegistryNamesTest checks both)

    public static final String BEAN_CLOCK = "upbitClock";
    /**
     * Bound only by the runnable started with {@code --simulator}: the exchange simulator it serves from. When it is
     * in the registry, every facade answer carries {@link UpbitResponseHeaders#SIMULATED}.
     */
    public static final String BEAN_SIMULATOR = "upbitSimulator";
    public static final String BEAN_REQUEST_VALIDATOR = "upbitRequestValidator";
    public static final String BEAN_MARKET_DATA_ROUTER = "upbitMarketDataRouter";
    public static final String BEAN_SOURCE_DECISION = "upbitSourceDecision";
    public static final String BEAN_MARKET_LIST = "upbitMarketList";
    public static final String BEAN_REST_BUDGET = "upbitRestBudget";
    public static final String BEAN_REST_CLIENT = "upbitRestClient";
    public static final String BEAN_QUOTATION = "upbitQuotation";
    public static final String BEAN_CANDLE_HISTORY = "upbitCandleHistory";
    public static final String BEAN_DECISION_COUNTER = "upbitRoutingDecisionCounter";
    public static final String BEAN_HTTP_CLIENT_CONFIGURER = "upbitHttpClientConfigurer";
    public static final String BEAN_REALTIME_CACHE = "upbitRealtimeCache";
    /** The Caffeine {@code Cache} itself, as the {@code caffeine-cache:} endpoint finds it. */
    public static final String BEAN_REALTIME_ENTRIES = "upbitRealtimeEntryCache";
    public static final String BEAN_SUBSCRIPTION_DEMAND = "upbitSubscriptionDemand";
    public static final String BEAN_STREAM_STATUS = "upbitStreamStatus";
    public static final String BEAN_STREAM_SUPERVISOR = "upbitStreamSupervisor";
    /** The one-step ingest of a stream frame (decode, duplicate filter, cache offer): {@code io.upbitrouter.ws.StreamIngest}. */
    public static final String BEAN_STREAM_INGEST = "upbitStreamIngest";
    public static final String BEAN_STREAM_STALL_PROBE = "upbitStreamStallProbe";
    /**
     * What the routes consuming {@link #MARKET_UPDATES} want ({@code io.upbitrouter.ws.MarketUpdateInterest}): the
     * stream taps only items some consumer route wants; a consumer that declared nothing gets every item.
     */
    public static final String BEAN_MARKET_UPDATE_INTEREST = "upbitMarketUpdateInterest";
    /**
     * What the routes consuming {@link #DECISIONS} want ({@code io.upbitrouter.routing.DecisionsInterest}): an answered
     * request becomes a record only when some consumer route wants it; a consumer that declared nothing gets every one.
     */
    public static final String BEAN_DECISIONS_INTEREST = "upbitDecisionsInterest";
    /** The cluster member ({@code io.upbitrouter.cluster.ClusterNode}), bound only with {@code upbit.cluster.enabled=true}. */
    public static final String BEAN_CLUSTER = "upbitCluster";
    /** The embedded Hazelcast member, bound only with {@code upbit.cluster.enabled=true}. */
    public static final String BEAN_HAZELCAST = "upbitHazelcast";
    public static final String BEAN_DEAD_LETTER_COUNTS = "upbitDeadLetterCounts";
    public static final String BEAN_EXCHANGE_TRADE_TIMES = "upbitExchangeTradeTimes";
    public static final String BEAN_METRICS = "upbitMetrics";
    /** The local WebSocket's hub (only with the facade). */
    public static final String BEAN_LOCAL_STREAM_HUB = "upbitLocalStreamHub";
    /**
     * The meter registry the module's meters go to, when bound (the Spring Boot auto-configuration binds the host's
     * there); otherwise the host's shared {@code metricsRegistry}, else the module's own Prometheus registry, bound
     * under this name.
     */
    public static final String BEAN_METER_REGISTRY = "upbitMeterRegistry";
    public static final String BEAN_SMART_ROUTER = "upbitSmartRouter";
}
