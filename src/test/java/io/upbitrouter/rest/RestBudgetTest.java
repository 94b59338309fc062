package io.upbitrouter.rest;

import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RestBudget budget = new RestBudget(clock, 10, 1000, 100);

    private List<RestBudget.Permit> take(RestGroup group, int n) {
        List<RestBudget.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            permits.add(budget.acquire(group, 0));
        }
        return permits;
    }

    @Test
    void should_give_ten_permits_and_refuse_the_eleventh_until_the_window_after_release_passed() {
        List<RestBudget.Permit> permits = take(RestGroup.TICKER, 10);
        assertTrue(budget.isRateLimited(RestGroup.TICKER));
        assertFalse(budget.isRateLimited(RestGroup.CANDLES), "groups are independent");
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TICKER, 0));
        assertEquals("ticker", e.group());
        permits.forEach(RestBudget.Permit::release);
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TICKER, 0), "released permits count one more window");
        assertEquals(1100, budget.state(RestGroup.TICKER).nextPermitInMillis());
        clock.advance(Duration.ofMillis(1100));
        take(RestGroup.TICKER, 10);
    }

    @Test
    void should_count_a_permit_in_flight_however_long_the_call_takes() {
        List<RestBudget.Permit> permits = take(RestGroup.TRADE, 10);
        clock.advance(Duration.ofSeconds(30));
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TRADE, 0), "still in flight");
        permits.get(0).release();
        permits.get(0).release();
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TRADE, 0), "released just now");
        clock.advance(Duration.ofMillis(1100));
        budget.acquire(RestGroup.TRADE, 0);
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TRADE, 0), "a double release frees one permit");
    }

    @Test
    void should_wake_a_waiting_caller_when_the_window_moves_on() throws Exception {
        take(RestGroup.ORDERBOOK, 10).forEach(RestBudget.Permit::release);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<RestBudget.Permit> waiting = pool.submit(() -> budget.acquire(RestGroup.ORDERBOOK, 10_000));
        clock.advance(Duration.ofMillis(1100));
        waiting.get(5, TimeUnit.SECONDS);
        pool.shutdown();
    }

    @Test
    void should_never_allow_more_than_the_limit_at_once_under_concurrent_callers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5; i++) {
                    RestBudget.Permit p = budget.acquire(RestGroup.CANDLES, 20_000);
                    int now = holding.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    granted.incrementAndGet();
                    holding.decrementAndGet();
                    p.release();
                    released.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        // time moves only when the test says so: each step lets exactly one more window of permits through
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Integer> perWindow = new ArrayList<>();
        int before = 0;
        while (granted.get() < 80 && System.nanoTime() < deadline) {
            int g = granted.get();
            if (g - before >= 10 && released.get() == g) {
                perWindow.add(g - before);
                before = g;
                clock.advance(Duration.ofMillis(1100));
            }
            Thread.onSpinWait();
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(80, granted.get());
        assertTrue(most.get() <= 10);
        assertTrue(Collections.max(perWindow) <= 10, "permits per window " + perWindow);
    }

    @Test
    void should_book_what_remaining_req_says_others_used() {
        budget.acquire(RestGroup.CANDLES, 0).release();
        budget.onRemaining(RestGroup.CANDLES, RemainingReq.parse("group=candles; min=600; sec=2"));
        take(RestGroup.CANDLES, 2);
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.CANDLES, 0), "the exchange said only 2 were left");
        assertEquals(2, budget.state(RestGroup.CANDLES).lastRemainingSec());
    }

    @Test
    void should_ignore_remaining_req_without_sec_or_saying_more_is_left() {
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("group=ticker; min=600"));
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("garbage"));
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("group=default; min=1800; sec=29"));
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("group=ticker; sec=10"));
        take(RestGroup.TICKER, 10);
    }

    @Test
    void should_pause_the_group_after_a_429() {
        budget.onTooManyRequests(RestGroup.ORDERBOOK, 700);
        assertTrue(budget.state(RestGroup.ORDERBOOK).rateLimited());
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.ORDERBOOK, 0));
        assertEquals(700, e.retryAfterMillis());
        assertEquals(1, budget.state(RestGroup.ORDERBOOK).tooManyRequests());
        clock.advance(Duration.ofMillis(700));
        budget.acquire(RestGroup.ORDERBOOK, 0);
    }

    @Test
    void should_stop_every_group_while_the_ip_is_banned_and_allow_calls_after() {
        budget.onBan(RestGroup.TRADE, 30_000);
        for (RestGroup g : RestGroup.values()) {
            UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class,
                    () -> budget.acquire(g, Long.MAX_VALUE / 2));
            assertTrue(e.getMessage().contains("418"), e.getMessage());
            assertEquals(30_000, e.retryAfterMillis());
        }
        RestGroupStatus.GroupState state = budget.state(RestGroup.TRADE);
        assertTrue(state.banned());
        assertEquals(1, state.teapots());
        assertEquals(clock.millis() + 30_000, state.bannedUntilMillis());
        clock.advance(Duration.ofMillis(30_000));
        assertFalse(budget.state(RestGroup.TRADE).banned());
        budget.acquire(RestGroup.TRADE, 0);
    }
}
