package io.upbitrouter.sim;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Upbit's quotation API: a real Vert.x HTTP and WebSocket server on
 * 127.0.0.1 speaking Upbit's REST ({@link #restBaseUrl()}) and WebSocket ({@link #wsUrl()})
 * protocol over a seeded simulated market, with Upbit's rate limits, fault injection
 * ({@link #faults()}), counters ({@link #counters()}) and a control endpoint at {@code /sim/control}.
 * It serves simulated data only and says so in its log; it never contacts the real exchange.
 * <pre>
 * UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(42).tradesPerSecond(0).build();
 * sim.start();
 * sim.market().step();
 * sim.stop();
 * </pre>
 */
public final class UpbitSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitSimulator.class);
    /** The host the simulator binds to; never anything but loopback. */
    public static final String HOST = "127.0.0.1";

    private final Builder config;
    private final MarketGenerator market;
    private final ExchangeRateLimits limits;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final SimulatorFaults faults;
    private Vertx vertx;
    private boolean ownVertx;
    private QuotationWebSocket websocket;
    private HttpServer server;
    private int port;

    private UpbitSimulator(Builder b) {
        this.config = b;
        List<MarketSpec> specs = new ArrayList<>();
        if (b.synthetic > 0) {
            specs.addAll(MarketSpec.synthetic(b.synthetic));
        } else if (b.markets != null) {
            b.markets.forEach(code -> specs.add(MarketSpec.forCode(code)));
        } else {
            specs.addAll(MarketSpec.DEFAULT_MARKETS);
        }
        this.market = new MarketGenerator(specs, b.seed, b.clock, b.historyDays, b.maxLiveTradesPerMarket);
        Clock limitClock = b.limitClock != null ? b.limitClock : b.clock;
        this.limits = new ExchangeRateLimits(limitClock, b.requestsPerSecond, b.banAfterRefusals, b.banDuration,
                b.wsConnectionsPerSecond);
        this.faults = new SimulatorFaults(new SimulatorFaults.Connections() {
            @Override
            public void dropAll() {
                if (websocket != null) {
                    websocket.dropAll();
                }
            }

            @Override
            public void sendMalformed(int n) {
                if (websocket != null) {
                    websocket.sendMalformed(n);
                }
            }

            @Override
            public void releaseHeld() {
                if (websocket != null) {
                    websocket.releaseHeld();
                }
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on 127.0.0.1; returns when the server accepts connections. Idempotent. */
    public synchronized UpbitSimulator start() {
        if (server != null) {
            return this;
        }
        ownVertx = config.vertx == null;
        vertx = ownVertx ? Vertx.vertx() : config.vertx;
        websocket = new QuotationWebSocket(vertx, market, limits, counters, config.idleTimeout, config.subscriptionsPerSecond);
        websocket.faults(faults);
        Router router = Router.router(vertx);
        router.route("/websocket/v1").handler(websocket::handle);
        new SimulatorControlApi(vertx, this).mount(router);
        new QuotationRestApi(vertx, market, limits, counters, faults, config.clock).mount(router);
        try {
            // plain HTTP/1.1, as the module's REST client speaks: no cleartext upgrade to HTTP/2 (h2c), which JDK
            // clients take on every new connection and under load once read an HTTP/1.1 body as HTTP/2 frames
            server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(config.port)
                            .setHttp2ClearTextEnabled(false)
                            .setRegisterWebSocketWriteHandlers(false))
                    .requestHandler(router)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (ownVertx) {
                vertx.close();
            }
            server = null;
            throw new IllegalStateException("Upbit simulator could not listen on " + HOST + ":" + config.port, e);
        }
        port = server.actualPort();
        websocket.start();
        market.startDriver(config.tradesPerSecond);
        LOG.warn("UPBIT EXCHANGE SIMULATOR listening on http://{}:{} (REST {}, WebSocket {}): ALL MARKET DATA IS SIMULATED "
                        + "(seed {}, {} markets, {} trades/s per market); this is not the real Upbit exchange.",
                HOST, port, restBaseUrl(), wsUrl(), config.seed, market.codes().size(), config.tradesPerSecond);
        return this;
    }

    /** Stops the market driver, closes every connection and the server. Idempotent. */
    public synchronized void stop() {
        market.stopDriver();
        if (server == null) {
            return;
        }
        websocket.stop();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (ownVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("Upbit simulator did not stop cleanly: {}", e.toString());
        }
        server = null;
        LOG.info("Upbit exchange simulator on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    /** The port listened on (after {@link #start()}). */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/v1}, the REST base URL to configure instead of Upbit's. */
    public String restBaseUrl() {
        return "http://" + HOST + ":" + port + "/v1";
    }

    /** {@code ws://127.0.0.1:<port>/websocket/v1}. */
    public String wsUrl() {
        return "ws://" + HOST + ":" + port + "/websocket/v1";
    }

    /** {@code http://127.0.0.1:<port>/sim/control}. */
    public String controlUrl() {
        return "http://" + HOST + ":" + port + "/sim/control";
    }

    /**
     * Closes now every WebSocket connection idle (by the clock) for longer than the idle timeout,
     * as the periodic check does; lets tests that move the clock skip waiting for the next check.
     */
    public void closeIdleConnections() {
        if (websocket != null) {
            websocket.closeIdle();
        }
    }

    public SimulatorFaults faults() {
        return faults;
    }

    public SimulatorCounters counters() {
        return counters;
    }

    /** The generator: {@code step()} / {@code publishTrade(...)} drive it from tests. */
    public MarketGenerator market() {
        return market;
    }

    /** The rate limiter (its windows can be reset between tests). */
    public ExchangeRateLimits limits() {
        return limits;
    }

    /** Configures a simulator; every setting has a default that matches Upbit. */
    public static final class Builder {
        private List<String> markets;
        private int synthetic;
        private long seed = 42;
        private double tradesPerSecond = 5;
        private int port;
        private Clock clock = Clock.systemUTC();
        private Clock limitClock;
        private int requestsPerSecond = 10;
        private int banAfterRefusals = 5;
        private Duration banDuration = Duration.ofSeconds(10);
        private int wsConnectionsPerSecond = 5;
        private int subscriptionsPerSecond = 5;
        private Duration idleTimeout = Duration.ofSeconds(120);
        private int historyDays = 400;
        private int maxLiveTradesPerMarket = 50_000;
        private Vertx vertx;

        private Builder() {
        }

        /** Market codes to list (default: a handful of real KRW codes). */
        public Builder markets(List<String> codes) {
            this.markets = List.copyOf(codes);
            return this;
        }

        /** Lists {@code n} synthetic markets {@code KRW-SIM001..} instead (up to 999). */
        public Builder syntheticMarkets(int n) {
            this.synthetic = n;
            return this;
        }

        /** Seed of history and generated trades (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Live trades per market per second (default 5); 0 = only trades made by {@code market().step()}. */
        public Builder tradesPerSecond(double rate) {
            this.tradesPerSecond = rate;
            return this;
        }

        /** Port on 127.0.0.1 (default 0: an ephemeral port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Clock of trades, history end, rate-limit windows and idle timeout (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A separate clock for rate-limit windows and idle timeout (default: {@link #clock(Clock)}). */
        public Builder rateLimitClock(Clock clock) {
            this.limitClock = clock;
            return this;
        }

        /** REST requests per group per client per second (default 10, Upbit's). */
        public Builder requestsPerSecond(int n) {
            this.requestsPerSecond = n;
            return this;
        }

        /** Refused requests tolerated in one wall-clock minute before a 418 ban (default 5). */
        public Builder banAfterRefusals(int n) {
            this.banAfterRefusals = n;
            return this;
        }

        /** Length of the first ban (default 10 s); each further ban doubles it. */
        public Builder banDuration(Duration d) {
            this.banDuration = d;
            return this;
        }

        /** WebSocket connections per client per second (default 5, Upbit's; 100 a minute regardless). */
        public Builder wsConnectionsPerSecond(int n) {
            this.wsConnectionsPerSecond = n;
            return this;
        }

        /** Subscription messages per connection per second (default 5, Upbit's; 100 a minute regardless). */
        public Builder subscriptionsPerSecond(int n) {
            this.subscriptionsPerSecond = n;
            return this;
        }

        /** A connection without traffic either way for this long is closed (default 120 s). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** Days of seeded history before start (default 400). */
        public Builder historyDays(int days) {
            this.historyDays = days;
            return this;
        }

        /** Live trades kept per market (default 50,000); older live trades are forgotten. */
        public Builder maxLiveTradesPerMarket(int n) {
            this.maxLiveTradesPerMarket = n;
            return this;
        }

        /** Runs on this Vert.x instance instead of an own one (not closed on stop). */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        public UpbitSimulator build() {
            return new UpbitSimulator(this);
        }
    }
}
