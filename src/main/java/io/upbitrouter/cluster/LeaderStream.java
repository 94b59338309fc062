package io.upbitrouter.cluster;

import io.upbitrouter.ws.StreamStatus;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The stream as a follower sees it: the leader's last report, trusted only while it is younger than
 * {@code maxAgeMillis} by this member's clock and comes from the member that leads now. A leader that dies or is cut
 * off stops reporting, so within {@code maxAgeMillis} every follower counts the stream unhealthy and answers from REST,
 * without waiting for the engine to notice the member is gone.
 */
public final class LeaderStream implements StreamStatus {

    private record Heard(LeaderStreamReport report, long atMillis) {
    }

    private final Clock clock;
    private final long maxAgeMillis;
    private final Predicate<String> isLeader;
    private volatile Heard last;

    /**
     * @param isLeader whether a member id leads the stream's namespace now
     */
    public LeaderStream(Clock clock, long maxAgeMillis, Predicate<String> isLeader) {
        this.clock = clock;
        this.maxAgeMillis = maxAgeMillis;
        this.isLeader = isLeader;
    }

    /** A report arrived from the member that published it. */
    public void heard(LeaderStreamReport report) {
        last = new Heard(report, clock.millis());
    }

    /** Forgets the last report (leadership changed). */
    public void forget() {
        last = null;
    }

    private LeaderStreamReport current() {
        Heard heard = last;
        if (heard == null || clock.millis() - heard.atMillis() > maxAgeMillis || !isLeader.test(heard.report().publisher())) {
            return null;
        }
        return heard.report();
    }

    @Override
    public boolean isConnected() {
        LeaderStreamReport report = current();
        return report != null && report.connected();
    }

    @Override
    public boolean isHealthy() {
        LeaderStreamReport report = current();
        return report != null && report.healthy();
    }

    /** Idle only as the leader reports it: no report, or an old one, is an unhealthy stream, never an idle one. */
    @Override
    public boolean isIdle() {
        LeaderStreamReport report = current();
        return report != null && report.idle();
    }

    @Override
    public boolean isStalled(String symbol) {
        LeaderStreamReport report = current();
        return report != null && (report.connectionStalled() || report.stalled().contains(symbol));
    }

    @Override
    public Set<String> stalledSymbols() {
        LeaderStreamReport report = current();
        return report == null ? Set.of() : report.stalled();
    }

    @Override
    public boolean isConnectionStalled() {
        LeaderStreamReport report = current();
        return report != null && report.connectionStalled();
    }

    @Override
    public OptionalLong lastMessageAgeMillis() {
        Heard heard = last;
        if (heard == null || heard.report().lastMessageAgeMillis() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(heard.report().lastMessageAgeMillis() + Math.max(0, clock.millis() - heard.atMillis()));
    }
}
