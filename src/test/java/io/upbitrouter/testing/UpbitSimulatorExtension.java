package io.upbitrouter.testing;

import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.osgi.UpbitRouterContext;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.ws.StreamHealth;
import io.upbitrouter.ws.StreamStatus;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * JUnit 5 support for users' own Camel tests with the Upbit smart router: starts the bundled exchange simulator
 * (simulated market data on 127.0.0.1, an ephemeral port; never the real exchange) once per test class, binds the
 * module into a {@code CamelTestSupport} context pointed at it, and waits for the stream (which connects on demand:
 * {@link #awaitStreamReady(CamelContext, Duration, String...)} demands the markets it waits for).
 * <pre>{@code
 * @RegisterExtension
 * static UpbitSimulatorExtension upbit = UpbitSimulatorExtension.withMarkets("KRW-BTC");
 *
 * @Override
 * protected CamelContext createCamelContext() throws Exception {
 *     CamelContext context = super.createCamelContext();
 *     upbit.bindModule(context);
 *     return context;
 * }
 * }</pre>
 * Published in the module's {@code tests} jar (classifier {@code tests}, package {@code io.upbitrouter.testing}
 * only); see {@code src/main/docs/testing.md}. Thread-safe for one test class at a time.
 */
public final class UpbitSimulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private final List<String> markets;
    private long seed = 42;
    private double tradesPerSecond = 5;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private UpbitSimulator simulator;

    private UpbitSimulatorExtension(List<String> markets) {
        this.markets = List.copyOf(markets);
        // the facade's HTTP routes are left out: a test talks to direct:upbit-market-data or SmartRouter
        properties.put("upbit.facade.enabled", "false");
    }

    /** A simulator with these markets (Upbit codes such as {@code KRW-BTC}); none given: the simulator's default six. */
    public static UpbitSimulatorExtension withMarkets(String... markets) {
        return new UpbitSimulatorExtension(List.of(markets));
    }

    /** The market generator's seed (default 42): the same seed gives the same history. */
    public UpbitSimulatorExtension seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Live trades per market and second (default 5; 0: only those a test makes with {@code simulator().market()}). */
    public UpbitSimulatorExtension tradesPerSecond(double tradesPerSecond) {
        this.tradesPerSecond = tradesPerSecond;
        return this;
    }

    /** Any {@code upbit.*} (or Camel) property for the module, e.g. {@code upbit.ws.warm-symbols}. */
    public UpbitSimulatorExtension property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        simulator();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        stop();
    }

    /** The running simulator (started on first use): faults, counters, the market, its URLs. */
    public synchronized UpbitSimulator simulator() {
        if (simulator == null) {
            UpbitSimulator.Builder builder = UpbitSimulator.builder().seed(seed).tradesPerSecond(tradesPerSecond);
            if (!markets.isEmpty()) {
                builder.markets(markets);
            }
            simulator = builder.build().start();
        }
        return simulator;
    }

    /** Stops the simulator; the next {@link #simulator()} starts a new one. */
    public synchronized void stop() {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
    }

    /** The module's properties for this simulator: its REST and WebSocket URLs, the facade off, and {@link #property}s. */
    public Properties properties() {
        UpbitSimulator sim = simulator();
        Properties all = new Properties();
        all.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        all.setProperty("upbit.ws.url", sim.wsUrl());
        properties.forEach(all::setProperty);
        return all;
    }

    /**
     * Adds the module (its beans, then its routes) to a context that is not started yet, pointed at the simulator.
     * The properties are the context's initial properties, so a test's own override properties win.
     */
    public void bindModule(CamelContext context) throws Exception {
        properties().forEach((key, value) ->
                context.getPropertiesComponent().addInitialProperty((String) key, (String) value));
        UpbitRouterContext.assemble(context, UpbitRouterModule.configurations(), UpbitRouterModule.routeBuilders());
    }


    /**
     * Waits until the module's WebSocket stream is healthy (connected, subscribed, a message within the watchdog
     * limit). The stream connects on demand: with nothing demanded and no warm set ({@code upbit.ws.warm-symbols})
     * it stays idle, unconnected, and this wait fails; use {@link #awaitStreamReady(CamelContext, Duration, String...)}
     * with markets, or set a warm set. Polls every 20 ms; throws {@link AssertionError} with the stream's state after
     * the timeout.
     */
    public static void awaitStreamReady(CamelContext context, Duration timeout) {
        StreamStatus stream = stream(context);
        await(timeout, stream::isHealthy, () -> stream.isIdle()
                ? "the Upbit stream is idle: nothing was demanded and there is no warm set (upbit.ws.warm-symbols), so it"
                        + " does not connect; pass markets to awaitStreamReady or set a warm set"
                : "the Upbit stream was not ready within " + timeout.toMillis() + " ms (connected=" + stream.isConnected()
                        + ", last message age=" + stream.lastMessageAgeMillis() + ")");
    }

    /**
     * Demands the tickers of these markets on the stream (as a request for them would), then waits until the stream
     * is healthy and has delivered data for each, so that a first request for their tickers is answered from the
     * stream's cache ({@code CACHE_FRESH}), not from REST ({@code CACHE_MISS} or {@code WS_UNHEALTHY}). The markets
     * stay subscribed while requests keep asking for them (see {@code upbit.ws.idle-unsubscribe-ms}). Polls every
     * 20 ms; throws {@link AssertionError} with the stream's state after the timeout.
     */
    public static void awaitStreamReady(CamelContext context, Duration timeout, String... markets) {
        StreamStatus stream = stream(context);
        SubscriptionDemand demand = context.getRegistry().findSingleByType(SubscriptionDemand.class);
        StreamHealth delivered = context.getRegistry().findSingleByType(StreamHealth.class);
        if (demand == null || delivered == null) {
            throw new AssertionError("no Upbit stream in this CamelContext (is the module bound, upbit.ws.enabled true?)");
        }
        for (String market : markets) {
            demand.demand(MarketDataType.TICKER, null, market);
        }
        List<String> wanted = List.of(markets);
        await(timeout, () -> stream.isHealthy() && wanted.stream().allMatch(m -> delivered.delivered(m).isPresent()),
                () -> "the Upbit stream was not ready for " + wanted + " within " + timeout.toMillis() + " ms (connected="
                        + stream.isConnected() + ", delivered=" + wanted.stream().filter(m -> delivered.delivered(m).isPresent()).toList()
                        + ", last message age=" + stream.lastMessageAgeMillis() + ")");
    }

    private static StreamStatus stream(CamelContext context) {
        StreamStatus stream = context.getRegistry().findSingleByType(StreamStatus.class);
        if (stream == null) {
            throw new AssertionError("no Upbit stream in this CamelContext (is the module bound, upbit.ws.enabled true?)");
        }
        return stream;
    }

    private static void await(Duration timeout, BooleanSupplier ready, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the Upbit stream", e);
            }
        }
    }
}
