package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.FastClock;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange allows less than the router is configured for (10 a second): 5, 3, or 10 dropping to 3 mid-run.
 * Eight concurrent callers send bounded batches of ticker requests (no stream: every one is a REST call) to the
 * simulator on 127.0.0.1, which refuses with 429 past its limit and bans (418) after 5 refusals in a minute.
 * The router learns the allowance: never a 418, 429s only while adapting (bounded, counted and printed as
 * {@code ADAPT ...}), none once adapted. The simulator's windows and the router's budget share one clock running
 * 10 times faster than real time, so a batch spans many exchange seconds in little real time.
 */
class SimulatorAdaptiveBudgetIT extends RouterTestSupport {

    private static final Clock CLOCK = new FastClock(Instant.parse("2026-03-02T01:00:00.000Z"), 10);
    private static final int CALLERS = 8;
    private static final int BATCH = 40;
    private static UpbitSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(3).tradesPerSecond(0)
                .rateLimitClock(CLOCK).requestsPerSecond(10).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void freshExchange() {
        sim.limits().reset();
        sim.counters().reset();
    }

    @Override
    protected Clock upbitClock() {
        return CLOCK;
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.rest.requests-per-second", "10");
        // in real time: a caller may wait for a slot while the others take the learned allowance
        p.setProperty("upbit.rest.max-budget-wait-ms", "20000");
        p.setProperty("upbit.request.deadline-ms", "30000");
        return p;
    }

    /** Sends {@code n} ticker requests from {@link #CALLERS} threads; returns how many failed. */
    private int batch(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Exchange>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String market = i % 2 == 0 ? "KRW-BTC" : "KRW-ETH";
                answers.add(pool.submit(() -> send(
                        new MarketDataRequest(MarketDataType.TICKER, List.of(market), null, 1, null, null))));
            }
            int failed = 0;
            for (Future<Exchange> f : answers) {
                if (f.get(60, TimeUnit.SECONDS).getException() != null) {
                    failed++;
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    private void adapts(int exchangeLimit, String start) throws Exception {
        int failed = batch(BATCH);
        long adapting429 = sim.counters().tooManyRequests();
        long adapting418 = sim.counters().teapots();
        failed += batch(BATCH);
        long after429 = sim.counters().tooManyRequests() - adapting429;
        long teapots = sim.counters().teapots();
        System.out.printf("ADAPT limit=%d start=%s 429s=%d 418s=%d 429s-after=%d requests=%d failed=%d allowance=%d%n",
                exchangeLimit, start, adapting429, teapots, after429, 2 * BATCH, failed, budget().allowance(RestGroup.TICKER));
        assertEquals(0, adapting418 + teapots, "never a ban");
        // the simulator bans after 5 refusals in a minute; adapting stays well under that
        assertTrue(adapting429 <= 4, "429s while adapting are bounded: " + adapting429);
        assertEquals(0, after429, "no 429 once adapted");
        assertEquals(0, failed, "every caller answered");
        assertTrue(budget().allowance(RestGroup.TICKER) <= exchangeLimit);
    }

    @Test
    void should_learn_an_exchange_limit_of_5_without_a_ban() throws Exception {
        sim.limits().perSecond(5);
        adapts(5, "probe");
    }

    @Test
    void should_learn_an_exchange_limit_of_3_without_a_ban() throws Exception {
        sim.limits().perSecond(3);
        adapts(3, "probe");
    }

    @Test
    void should_follow_the_exchange_down_from_10_to_3_without_a_ban() throws Exception {
        sim.limits().perSecond(10);
        assertEquals(0, batch(BATCH));
        assertEquals(0, sim.counters().tooManyRequests());
        assertEquals(10, budget().allowance(RestGroup.TICKER));
        sim.counters().reset();
        sim.limits().perSecond(3);
        adapts(3, "learned-10");
    }
}
