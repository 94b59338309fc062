package io.upbitrouter.routing;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.sim.UpbitSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 concurrent callers ask for 500 REST requests in total, spread over the four quotation groups,
 * against the simulator's real limits (10 a second per group, 429 past it, 418 after repeated 429s).
 * Every caller gets an answer or a clear rate-limit error, and the exchange never answers 429.
 */
class SimulatorConcurrencyIT extends RouterTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorConcurrencyIT.class);
    private static final int CALLERS = 50;
    private static final int REQUESTS_PER_CALLER = 10;
    private static UpbitSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-DOGE"))
                .seed(5).tradesPerSecond(0).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        // no stream: every request is a REST request (WS_DISABLED)
        p.setProperty("upbit.ws.enabled", "false");
        p.setProperty("upbit.rest.max-budget-wait-ms", "10000");
        // the budget under concurrency is tested here, not the bulkhead: every caller's request may wait its turn
        p.setProperty("upbit.rest.bulkhead.threads", String.valueOf(CALLERS));
        p.setProperty("upbit.request.deadline-ms", "60000");
        return p;
    }

    private static MarketDataRequest request(int caller, int i) {
        String symbol = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-DOGE").get((caller + i) % 5);
        return switch ((caller + i) % 4) {
            case 0 -> new MarketDataRequest(MarketDataType.TICKER, List.of(symbol), null, 1, null, null);
            case 1 -> new MarketDataRequest(MarketDataType.ORDERBOOK, List.of(symbol), null, 1, null, null);
            case 2 -> new MarketDataRequest(MarketDataType.TRADES, List.of(symbol), null, 3, null, null);
            default -> new MarketDataRequest(MarketDataType.CANDLES, List.of(symbol), CandleInterval.MINUTES_1, 3, null, null);
        };
    }

    @Test
    void should_answer_50_concurrent_callers_without_a_single_429() throws Exception {
        sim.counters().reset();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger rateLimited = new AtomicInteger();
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            done.add(callers.submit(() -> {
                start.await();
                for (int i = 0; i < REQUESTS_PER_CALLER; i++) {
                    try {
                        MarketDataResponse r = ask(request(caller, i));
                        if (r.results().get(0).items().isEmpty()) {
                            unexpected.add(new AssertionError("empty answer for " + r.request()));
                        }
                        answered.incrementAndGet();
                    } catch (RateLimitedException e) {
                        rateLimited.incrementAndGet();
                    } catch (MarketDataException | AssertionError e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        callers.shutdown();
        long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        long upstream = sim.counters().requestsByGroup().values().stream().mapToLong(Long::longValue).sum();
        LOG.info("concurrency: {} callers, {} requests: {} answered, {} rate-limited errors, {} unexpected; "
                        + "upstream requests {} ({}), 429s {}, 418s {}, in {} ms",
                CALLERS, CALLERS * REQUESTS_PER_CALLER, answered.get(), rateLimited.get(), unexpected.size(),
                upstream, sim.counters().requestsByGroup(), sim.counters().tooManyRequests(), sim.counters().teapots(), seconds);

        assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
        assertEquals(CALLERS * REQUESTS_PER_CALLER, answered.get() + rateLimited.get(), "every caller got an answer or a clear error");
        assertEquals(0, sim.counters().tooManyRequests(), "the exchange never answered 429");
        assertEquals(0, sim.counters().teapots());
        assertEquals(answered.get(), upstream, "one upstream request per answer, no retries needed");
    }
}
