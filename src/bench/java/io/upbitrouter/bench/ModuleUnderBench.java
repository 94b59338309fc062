package io.upbitrouter.bench;

import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.ws.StreamStatus;
import io.upbitrouter.ws.SubscriptionDemand;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The module as a user runs it: Camel Main assembled from {@link UpbitRouterModule}, configured from
 * config/application.properties with the benchmark's overrides on top (upstream URLs pointing at
 * 127.0.0.1). Everything a figure touches is looked up by the contract's registry names.
 */
public final class ModuleUnderBench implements AutoCloseable {

    private final Main main;
    private final long startNanos;
    private final long startedNanos;

    private ModuleUnderBench(Main main, long startNanos, long startedNanos) {
        this.main = main;
        this.startNanos = startNanos;
        this.startedNanos = startedNanos;
    }

    /** Starts the module with these property overrides; returns once the Camel context is started. */
    public static ModuleUnderBench start(Map<String, String> overrides) throws Exception {
        long t0 = System.nanoTime();
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties;optional=true");
        // YAML route tweaks load from routes/ when the working directory has them (the project root does)
        // -Dbench.routes=file:routes/keep-warm.yaml (say) loads fewer of them, to see what the others cost
        String routes = System.getProperty("bench.routes", "").trim();
        main.addOverrideProperty("camel.main.routes-include-pattern", !routes.isEmpty() ? routes
                : java.nio.file.Files.isDirectory(java.nio.file.Path.of("routes")) ? "file:routes/*.yaml" : "classpath:bench-no-routes/*.yaml");
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        overrides.forEach(main::addOverrideProperty);
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.start();
        CamelContext context = main.getCamelContext();
        Await.until(() -> context.getStatus() == ServiceStatus.Started, 30_000, "camel context started");
        return new ModuleUnderBench(main, t0, System.nanoTime());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public double startMillis() {
        return (startedNanos - startNanos) / 1e6;
    }

    public RealtimeCache cache() {
        return bean("upbitRealtimeCache", RealtimeCache.class);
    }

    public StreamStatus streamStatus() {
        return bean("upbitStreamStatus", StreamStatus.class);
    }

    public SubscriptionDemand demand() {
        return bean("upbitSubscriptionDemand", SubscriptionDemand.class);
    }

    public <T> T bean(String name, Class<T> type) {
        T bean = context().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("the module binds no " + type.getSimpleName() + " named '" + name
                    + "' (is that part merged into this branch?)");
        }
        return bean;
    }

    /** Asks for ticker, trade, orderbook and 1m candles of every market on the stream. */
    public void demandAll(List<String> markets) {
        SubscriptionDemand demand = demand();
        for (String m : markets) {
            demand.demand(MarketDataType.TICKER, null, m);
            demand.demand(MarketDataType.TRADES, null, m);
            demand.demand(MarketDataType.ORDERBOOK, null, m);
            demand.demand(MarketDataType.CANDLES, CandleInterval.MINUTES_1, m);
        }
    }

    public void awaitHealthy(long timeoutMillis) {
        StreamStatus status = streamStatus();
        Await.until(status::isHealthy, timeoutMillis, "stream healthy");
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            System.err.println("module stop: " + e);
        }
    }

    /** A bounded poll: waits for a condition, failing with its description after the timeout. */
    public static final class Await {
        private Await() {
        }

        public static void until(BooleanSupplier condition, long timeoutMillis, String what) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after " + timeoutMillis + " ms waiting for: " + what);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for: " + what);
                }
            }
        }
    }
}
