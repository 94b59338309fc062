package io.upbitrouter.bench;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.UpbitSimulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The module wired to the project's exchange simulator on 127.0.0.1 (REST and WebSocket), optionally
 * with its HTTP facade on a free loopback port: the set-up of the read, HTTP, economy and memory figures.
 */
final class SimulatedModule implements AutoCloseable {

    final UpbitSimulator sim;
    final ModuleUnderBench module;
    final int httpPort;

    private SimulatedModule(UpbitSimulator sim, ModuleUnderBench module, int httpPort) {
        this.sim = sim;
        this.module = module;
        this.httpPort = httpPort;
    }

    /**
     * Starts a simulator listing {@code markets} synthetic markets with live trades, then the module on it
     * (with the facade when {@code facade}); returns once the module's context has started.
     */
    static SimulatedModule start(int markets, double tradesPerSecond, boolean facade, Map<String, String> extra)
            throws Exception {
        UpbitSimulator sim = UpbitSimulator.builder().syntheticMarkets(markets).tradesPerSecond(tradesPerSecond).seed(7).build();
        sim.start();
        try {
            Map<String, String> props = new HashMap<>();
            props.put("upbit.ws.url", sim.wsUrl());
            props.put("upbit.rest.base-url", sim.restBaseUrl());
            int port = 0;
            if (facade) {
                port = BaselineHttpServers.freePort();
                props.put("camel.server.enabled", "true");
                props.put("upbit.facade.enabled", "true");
                props.put("camel.server.host", "127.0.0.1");
                props.put("camel.server.port", String.valueOf(port));
            } else {
                props.put("upbit.facade.enabled", "false");
            }
            props.putAll(extra);
            return new SimulatedModule(sim, ModuleUnderBench.start(props), port);
        } catch (Exception | Error e) {
            sim.stop();
            throw e;
        }
    }

    List<String> markets() {
        return sim.market().codes().stream().sorted().toList();
    }

    /** Subscribes the tickers of these markets and waits until each is cached and the stream is healthy. */
    void warmTickers(List<String> symbols, long timeoutMillis) {
        symbols.forEach(m -> module.demand().demand(MarketDataType.TICKER, null, m));
        ModuleUnderBench.Await.until(() -> symbols.stream().allMatch(m -> module.cache().get(MarketKey.ticker(m)).isPresent()),
                timeoutMillis, symbols.size() + " tickers cached");
        module.awaitHealthy(timeoutMillis);
    }

    @Override
    public void close() {
        module.close();
        sim.stop();
    }
}
