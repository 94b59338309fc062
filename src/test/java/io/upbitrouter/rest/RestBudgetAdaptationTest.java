package io.upbitrouter.rest;

import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The adaptive allowance, driven by hand: answers, 429s and a clock only the test moves. */
class RestBudgetAdaptationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.000Z"));
    private final RestBudget budget = new RestBudget(clock, 10, 1000, 100, new RestBudget.Adaptation(true, 10_000, 1_000));

    /** One request answered with {@code sec}: acquire, release, then the header, as the REST client does. */
    private void answered(RestGroup group, int sec) {
        budget.acquire(group, 0).release();
        budget.onRemaining(group, RemainingReq.parse("group=" + group.headerName() + "; min=600; sec=" + sec));
    }

    private int grantable(RestGroup group) {
        List<RestBudget.Permit> permits = new ArrayList<>();
        try {
            while (true) {
                RestBudget.Permit p = budget.acquire(group, 0);
                p.release();
                permits.add(p);
            }
        } catch (RateLimitedException full) {
            return permits.size();
        }
    }

    @Test
    void should_send_one_request_at_a_time_until_the_first_answer() {
        RestBudget.Permit first = budget.acquire(RestGroup.CANDLES, 0);
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.CANDLES, 0), "probe in flight");
        first.release();
        budget.onRemaining(RestGroup.CANDLES, RemainingReq.parse("group=candles; min=600; sec=4"));
        assertEquals(5, budget.allowance(RestGroup.CANDLES), "1 counted + 4 left");
    }

    @Test
    void should_learn_the_exchange_allowance_from_the_first_answer_and_keep_it_per_window() {
        answered(RestGroup.TICKER, 2);
        assertEquals(3, budget.allowance(RestGroup.TICKER));
        assertEquals(2, grantable(RestGroup.TICKER), "the exchange said 2 are left in this window");
        clock.advance(Duration.ofMillis(1100));
        assertEquals(3, grantable(RestGroup.TICKER), "a new window: the learned allowance, not the configured 10");
    }

    @Test
    void should_halve_once_per_window_on_429_and_hold() {
        answered(RestGroup.TRADE, 9);
        assertEquals(10, budget.allowance(RestGroup.TRADE));
        budget.onTooManyRequests(RestGroup.TRADE, 100);
        budget.onTooManyRequests(RestGroup.TRADE, 100);
        budget.onTooManyRequests(RestGroup.TRADE, 100);
        assertEquals(5, budget.allowance(RestGroup.TRADE), "one burst of 429s is one signal");
        clock.advance(Duration.ofMillis(1100));
        budget.onTooManyRequests(RestGroup.TRADE, 100);
        assertEquals(2, budget.allowance(RestGroup.TRADE));
        assertEquals(2, budget.decreases(RestGroup.TRADE));
        // room shown, but within the hold: no growth
        clock.advance(Duration.ofMillis(1100));
        answered(RestGroup.TRADE, 9);
        assertEquals(2, budget.allowance(RestGroup.TRADE));
    }

    @Test
    void should_grow_by_one_per_interval_after_the_hold_only_where_answers_show_room() {
        answered(RestGroup.ORDERBOOK, 9);
        budget.onTooManyRequests(RestGroup.ORDERBOOK, 0);
        assertEquals(5, budget.allowance(RestGroup.ORDERBOOK));
        clock.advance(Duration.ofMillis(10_000));
        answered(RestGroup.ORDERBOOK, 9);
        assertEquals(6, budget.allowance(RestGroup.ORDERBOOK));
        answered(RestGroup.ORDERBOOK, 8);
        assertEquals(6, budget.allowance(RestGroup.ORDERBOOK), "one step per interval");
        clock.advance(Duration.ofMillis(1_100));
        answered(RestGroup.ORDERBOOK, 9);
        assertEquals(7, budget.allowance(RestGroup.ORDERBOOK));
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(1_100));
            answered(RestGroup.ORDERBOOK, 9);
        }
        assertEquals(10, budget.allowance(RestGroup.ORDERBOOK), "never above the configured ceiling");
    }

    @Test
    void should_not_grow_past_what_the_exchange_has_shown() {
        answered(RestGroup.CANDLES, 4);
        assertEquals(5, budget.allowance(RestGroup.CANDLES));
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMillis(1_100));
            answered(RestGroup.CANDLES, 4);
        }
        assertEquals(5, budget.allowance(RestGroup.CANDLES), "sec=4 after our first request: 5 is all there is");
    }

    @Test
    void should_lower_at_once_when_an_answer_shows_less_than_the_allowance() {
        answered(RestGroup.MARKET, 9);
        clock.advance(Duration.ofMillis(1100));
        RestBudget.Permit a = budget.acquire(RestGroup.MARKET, 0);
        RestBudget.Permit b = budget.acquire(RestGroup.MARKET, 0);
        a.release();
        // the exchange now allows 3: with 2 of ours counting, 1 is left
        budget.onRemaining(RestGroup.MARKET, RemainingReq.parse("group=market; sec=1"));
        assertEquals(3, budget.allowance(RestGroup.MARKET));
        b.release();
        assertEquals(1, budget.decreases(RestGroup.MARKET));
    }

    @Test
    void should_forget_what_it_learned_on_reset() {
        answered(RestGroup.TICKER, 0);
        assertEquals(1, budget.allowance(RestGroup.TICKER));
        budget.reset();
        assertEquals(10, budget.allowance(RestGroup.TICKER));
    }
}
