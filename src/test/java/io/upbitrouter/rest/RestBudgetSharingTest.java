package io.upbitrouter.rest;

import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook a cluster uses: a request needs the shared store's permit too, and 429s and bans travel both ways. */
class RestBudgetSharingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RestBudget budget = new RestBudget(clock, 2, 1000, 100);

    private static final class Store implements RestBudget.SharedAllowance {
        boolean refuse;
        int granted;
        int released;
        final List<String> heard = new ArrayList<>();

        @Override
        public RestBudget.Permit acquire(RestGroup group, long maxWaitMillis) {
            if (refuse) {
                throw new RateLimitedException(group.headerName(), 100, "shared store");
            }
            granted++;
            return () -> released++;
        }

        @Override
        public void tooManyRequests(RestGroup group, long untilMillis) {
            heard.add("429 " + group + " " + untilMillis);
        }

        @Override
        public void banned(long untilMillis) {
            heard.add("418 " + untilMillis);
        }
    }

    @Test
    void should_need_both_permits_and_release_both() {
        Store store = new Store();
        budget.share(store);
        RestBudget.Permit permit = budget.acquire(RestGroup.TICKER, 0);
        assertEquals(1, store.granted);
        permit.release();
        assertEquals(1, store.released);
    }

    @Test
    void should_hand_the_local_permit_back_uncounted_when_the_shared_store_refuses() {
        Store store = new Store();
        budget.share(store);
        store.refuse = true;
        for (int i = 0; i < 5; i++) {
            assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TICKER, 0));
        }
        store.refuse = false;
        // the refused attempts spent nothing here: both of this window's 2 permits are still free
        budget.acquire(RestGroup.TICKER, 0).release();
        budget.acquire(RestGroup.TICKER, 0).release();
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TICKER, 0));
    }

    @Test
    void should_tell_the_shared_store_of_429s_and_bans() {
        Store store = new Store();
        budget.share(store);
        long now = clock.millis();
        budget.onTooManyRequests(RestGroup.ORDERBOOK, 500);
        budget.onBan(RestGroup.TICKER, 10_000);
        assertEquals(List.of("429 ORDERBOOK " + (now + 500), "418 " + (now + 10_000)), store.heard);
    }

    @Test
    void should_stop_every_group_for_a_ban_seen_elsewhere_and_pause_a_group_for_a_429_seen_elsewhere() {
        budget.bannedElsewhere(clock.millis() + 2000);
        assertThrows(UpstreamUnavailableException.class, () -> budget.acquire(RestGroup.CANDLES, 0));
        assertTrue(budget.state(RestGroup.MARKET).banned());
        clock.advance(Duration.ofMillis(2000));
        budget.acquire(RestGroup.CANDLES, 0).release();

        budget.pausedElsewhere(RestGroup.TRADE, clock.millis() + 300);
        assertThrows(RateLimitedException.class, () -> budget.acquire(RestGroup.TRADE, 0));
        assertFalse(budget.isRateLimited(RestGroup.TICKER), "other groups go on");
        clock.advance(Duration.ofMillis(300));
        budget.acquire(RestGroup.TRADE, 0).release();
    }
}
