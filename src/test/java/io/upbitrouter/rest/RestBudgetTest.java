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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RestBudget budget = new RestBudget(clock, 10, 1000, 100);

    @Test
    void should_hand_out_ten_slots_now_and_the_eleventh_after_the_window() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, budget.reserve(RestGroup.TICKER, 5000));
        }
        assertEquals(1100, budget.reserve(RestGroup.TICKER, 5000));
        assertTrue(budget.isRateLimited(RestGroup.TICKER));
        assertFalse(budget.isRateLimited(RestGroup.CANDLES), "groups are independent");
    }

    @Test
    void should_never_book_more_than_the_limit_in_any_window_under_concurrent_callers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    slots.add(clock.millis() + budget.reserve(RestGroup.TRADE, Long.MAX_VALUE));
                    if (i % 5 == 0) {
                        clock.advance(Duration.ofMillis(7));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        assertEquals(400, sorted.size());
        for (int i = 10; i < sorted.size(); i++) {
            assertTrue(sorted.get(i) - sorted.get(i - 10) >= 1100,
                    "11 sends within one window at " + sorted.get(i - 10) + ".." + sorted.get(i));
        }
    }

    @Test
    void should_refuse_with_retry_after_when_the_slot_is_beyond_the_wait_and_book_nothing() {
        for (int i = 0; i < 10; i++) {
            budget.reserve(RestGroup.TICKER, 0);
        }
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> budget.reserve(RestGroup.TICKER, 500));
        assertEquals(1100, e.retryAfterMillis());
        assertEquals("ticker", e.group());
        clock.advance(Duration.ofMillis(1100));
        assertEquals(0, budget.reserve(RestGroup.TICKER, 0));
    }

    @Test
    void should_book_what_remaining_req_says_others_used() {
        budget.reserve(RestGroup.CANDLES, 0);
        budget.onRemaining(RestGroup.CANDLES, RemainingReq.parse("group=candles; min=600; sec=2"));
        assertEquals(0, budget.reserve(RestGroup.CANDLES, 0));
        assertEquals(0, budget.reserve(RestGroup.CANDLES, 0));
        assertEquals(1100, budget.reserve(RestGroup.CANDLES, 5000), "the exchange said only 2 were left");
        assertEquals(2, budget.state(RestGroup.CANDLES).lastRemainingSec());
    }

    @Test
    void should_ignore_remaining_req_without_sec_or_saying_more_is_left() {
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("group=ticker; min=600"));
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("garbage"));
        budget.onRemaining(RestGroup.TICKER, RemainingReq.parse("group=ticker; sec=10"));
        for (int i = 0; i < 10; i++) {
            assertEquals(0, budget.reserve(RestGroup.TICKER, 0));
        }
    }

    @Test
    void should_pause_the_group_after_a_429() {
        budget.onTooManyRequests(RestGroup.ORDERBOOK, 700);
        assertTrue(budget.state(RestGroup.ORDERBOOK).rateLimited());
        assertEquals(700, budget.reserve(RestGroup.ORDERBOOK, 5000));
        assertEquals(1, budget.state(RestGroup.ORDERBOOK).tooManyRequests());
    }

    @Test
    void should_refuse_every_call_while_banned_and_allow_them_after() {
        budget.onBan(RestGroup.TRADE, 30_000);
        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class,
                () -> budget.reserve(RestGroup.TRADE, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("418"), e.getMessage());
        assertEquals(30_000, e.retryAfterMillis());
        RestGroupStatus.GroupState state = budget.state(RestGroup.TRADE);
        assertTrue(state.banned());
        assertEquals(clock.millis() + 30_000, state.bannedUntilMillis());
        clock.advance(Duration.ofMillis(30_000));
        assertFalse(budget.state(RestGroup.TRADE).banned());
        assertEquals(0, budget.reserve(RestGroup.TRADE, 0));
    }
}
