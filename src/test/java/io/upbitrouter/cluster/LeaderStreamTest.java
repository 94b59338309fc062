package io.upbitrouter.cluster;

import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A follower's view of the leader's stream: trusted only while the leader's last report is young and the leader leads. */
class LeaderStreamTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<String> leader = new AtomicReference<>("L");
    private final LeaderStream stream = new LeaderStream(clock, 1000, id -> id.equals(leader.get()));

    @Test
    void should_be_unhealthy_until_a_report_arrives() {
        assertFalse(stream.isConnected());
        assertFalse(stream.isHealthy());
        assertTrue(stream.lastMessageAgeMillis().isEmpty());
    }

    @Test
    void should_follow_the_leaders_report_while_it_is_young() {
        stream.heard(new LeaderStreamReport("L", true, true, false, false, 40, Set.of("KRW-ETH")));
        assertTrue(stream.isHealthy());
        assertTrue(stream.isStalled("KRW-ETH"));
        assertFalse(stream.isStalled("KRW-BTC"));
        clock.advance(Duration.ofMillis(1000));
        assertTrue(stream.isHealthy(), "a report as old as the limit still counts");
        assertEquals(1040, stream.lastMessageAgeMillis().getAsLong());
        clock.advance(Duration.ofMillis(1));
        assertFalse(stream.isHealthy(), "a silent leader (dead or cut off): REST from now");
        assertFalse(stream.isConnected());
    }

    @Test
    void should_be_idle_only_while_the_leader_says_so() {
        assertFalse(stream.isIdle(), "no report: unhealthy, not idle");
        stream.heard(new LeaderStreamReport("L", false, false, true, false, -1, Set.of()));
        assertTrue(stream.isIdle());
        clock.advance(Duration.ofMillis(1001));
        assertFalse(stream.isIdle(), "a silent leader's cluster is not idle: its followers answer from REST");
    }

    @Test
    void should_ignore_the_report_of_a_member_that_no_longer_leads() {
        stream.heard(new LeaderStreamReport("L", true, true, false, false, 0, Set.of()));
        leader.set("M");
        assertFalse(stream.isHealthy());
        leader.set(null);
        assertFalse(stream.isHealthy(), "no leader at all");
    }

    @Test
    void should_pass_an_unhealthy_or_stalled_leader_on_as_such() {
        stream.heard(new LeaderStreamReport("L", true, false, false, false, 31_000, Set.of()));
        assertTrue(stream.isConnected());
        assertFalse(stream.isHealthy());
        stream.heard(new LeaderStreamReport("L", true, true, false, true, 10, Set.of()));
        assertTrue(stream.isConnectionStalled());
        assertTrue(stream.isStalled("KRW-BTC"), "a stalled connection stalls every market");
    }

    @Test
    void should_carry_a_report_through_its_text_form() {
        LeaderStreamReport report = new LeaderStreamReport("L", true, false, false, true, 17, Set.of("KRW-BTC", "KRW-ETH"));
        assertEquals(report, LeaderStreamReport.decode(report.encode()));
        LeaderStreamReport none = new LeaderStreamReport("L", false, false, true, false, -1, Set.of());
        assertEquals(none, LeaderStreamReport.decode(none.encode()));
    }
}
