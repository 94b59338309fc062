package io.upbitrouter.cluster;

import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster's per-group permit window, driven through its entry processors on a plain map entry (as the engine runs
 * them on the entry's owner) with an injected clock.
 */
class SharedWindowTest {

    private static final long WINDOW = 1100;
    private static final long LEASE = 30_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map.Entry<String, SharedWindow> entry = new AbstractMap.SimpleEntry<>("TICKER", null);

    private long[] acquire(String id, String member, int limit) {
        return new SharedWindow.Acquire(id, member, limit, WINDOW, LEASE, clock).process(entry);
    }

    @Test
    void should_grant_at_most_the_limit_across_members_and_say_how_long_to_wait() {
        assertEquals(SharedWindow.GRANTED, acquire("a1", "A", 3)[0]);
        assertEquals(SharedWindow.GRANTED, acquire("b1", "B", 3)[0]);
        assertEquals(SharedWindow.GRANTED, acquire("c1", "C", 3)[0]);
        long[] refused = acquire("a2", "A", 3);
        assertEquals(SharedWindow.WAIT, refused[0]);
        assertTrue(refused[1] >= 1, "a wait hint");
    }

    @Test
    void should_count_a_released_permit_for_one_more_window() {
        acquire("a1", "A", 1);
        clock.advance(Duration.ofMillis(300));
        assertTrue(new SharedWindow.Release("a1", clock).process(entry));
        clock.advance(Duration.ofMillis(WINDOW - 1));
        assertEquals(SharedWindow.WAIT, acquire("b1", "B", 1)[0], "still counting: the exchange may have counted it late");
        clock.advance(Duration.ofMillis(1));
        assertEquals(SharedWindow.GRANTED, acquire("b1", "B", 1)[0]);
    }

    @Test
    void should_release_the_permits_of_a_member_that_left() {
        acquire("a1", "A", 2);
        acquire("b1", "B", 2);
        assertEquals(1, new SharedWindow.MemberGone("A", clock).process(entry));
        assertEquals(SharedWindow.WAIT, acquire("c1", "C", 2)[0], "A's permit counts one window after it left");
        clock.advance(Duration.ofMillis(WINDOW));
        assertEquals(SharedWindow.GRANTED, acquire("c1", "C", 2)[0]);
        assertEquals(SharedWindow.WAIT, acquire("c2", "C", 2)[0], "B's permit, still in flight, still counts");
    }

    @Test
    void should_stop_counting_a_permit_never_released_a_window_after_its_lease() {
        acquire("a1", "A", 1);
        clock.advance(Duration.ofMillis(LEASE + WINDOW - 1));
        assertEquals(SharedWindow.WAIT, acquire("b1", "B", 1)[0]);
        clock.advance(Duration.ofMillis(1));
        assertEquals(SharedWindow.GRANTED, acquire("b1", "B", 1)[0]);
    }

    @Test
    void should_stop_every_member_during_a_ban_and_pause_the_group_after_a_429() {
        new SharedWindow.Hold(5000, true, clock).process(entry);
        assertArrayEquals(new long[] {SharedWindow.BANNED, 5000}, acquire("a1", "A", 10));
        clock.advance(Duration.ofMillis(5000));
        assertEquals(SharedWindow.GRANTED, acquire("a1", "A", 10)[0]);

        new SharedWindow.Hold(800, false, clock).process(entry);
        assertArrayEquals(new long[] {SharedWindow.WAIT, 800}, acquire("b1", "B", 10));
        clock.advance(Duration.ofMillis(800));
        assertEquals(SharedWindow.GRANTED, acquire("b1", "B", 10)[0]);
    }
}
