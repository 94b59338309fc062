package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.cache.CacheKeys;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One deadline per request: with the exchange 7 s slow (the simulator's slow-REST fault) and a deadline of 1.5 s,
 * a request ends by its deadline with 503 {@code upstream_timeout}, one call upstream and no retry.
 */
class SimulatorDeadlineIT extends RouterTestSupport {

    private static UpbitSimulator sim;
    private final TestRealtimeCache cache = new TestRealtimeCache();
    private final TestStream stream = new TestStream();

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
        p.setProperty("upbit.request.deadline-ms", "1500");
        return p;
    }

    @Override
    protected void bindStreamBeans(org.apache.camel.spi.Registry registry) {
        registry.bind("realtimeCache", cache);
        registry.bind("streamStatus", stream);
        registry.bind("subscriptionDemand", stream);
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

    private static MarketDataRequest lowTrades(String market) {
        return new MarketDataRequest(MarketDataType.TRADES, List.of(market), null, 1, null, RealtimePriority.LOW);
    }

    @Test
    void should_end_a_request_by_its_deadline_when_the_exchange_is_slow() {
        sim.faults().slowRest(Duration.ofSeconds(7));
        long t0 = System.nanoTime();
        Exchange answer = send(lowTrades("KRW-BTC"));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        UpstreamUnavailableException late = assertInstanceOf(UpstreamUnavailableException.class, answer.getException());
        assertEquals(503, late.httpStatus());
        assertEquals("upstream_timeout", late.errorName());
        assertEquals(1, sim.counters().requests("trade"), "no retry after the deadline");
        // the deadline is 1.5 s; without it the answer could not come before the exchange's 7 s (it took 21 s)
        assertTrue(tookMillis < 7_000, "answered after " + tookMillis + " ms");
        System.out.println("DEADLINE deadline-ms=1500 slow-rest-ms=7000 answered-after-ms=" + tookMillis + " upstream-calls=1");
    }
}
