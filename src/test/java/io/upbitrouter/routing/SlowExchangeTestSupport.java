package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Properties;

/**
 * The router against the simulator made slow by a test (its slow-REST fault), with a small bulkhead (2 threads,
 * 2 queued), a stream and cache of the test's own, and a deadline the test class chooses.
 */
abstract class SlowExchangeTestSupport extends RouterTestSupport {

    static UpbitSimulator sim;
    final TestRealtimeCache cache = new TestRealtimeCache();
    final TestStream stream = new TestStream();

    @BeforeAll
    static void startSimulator() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(4).tradesPerSecond(0).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.rest.bulkhead.threads", "2");
        p.setProperty("upbit.rest.bulkhead.queue", "2");
        p.setProperty("upbit.rest.max-retries", "3");
        p.setProperty("upbit.rest.response-timeout-ms", "20000");
        p.setProperty("upbit.request.deadline-ms", Long.toString(deadlineMillis()));
        return p;
    }

    @Override
    protected void bindStreamBeans(org.apache.camel.spi.Registry registry) {
        registry.bind("upbitRealtimeCache", cache);
        registry.bind("upbitStreamStatus", stream);
        registry.bind("upbitSubscriptionDemand", stream);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // requests still waiting on the slow exchange when a test ends are not waited for
        context.getShutdownStrategy().setTimeout(1);
        return context;
    }

    @BeforeEach
    void resetWorld() {
        sim.counters().reset();
        sim.faults().reset();
    }

    @AfterEach
    void fastExchange() {
        sim.faults().reset();
    }

    static MarketDataRequest lowTrades(String market) {
        return new MarketDataRequest(MarketDataType.TRADES, List.of(market), null, 1, null, RealtimePriority.LOW);
    }

    /** The request deadline ({@code upbit.request.deadline-ms}) of this test class. */
    protected abstract long deadlineMillis();
}
