package io.upbitrouter.rest;

import java.util.Map;

/**
 * What health checks and the routing decision read about each REST group. Reads are cheap,
 * lock-free snapshots; they never wait.
 */
public interface RestGroupStatus {

    /** The state of one group now (by the injected clock). */
    GroupState state(RestGroup group);

    /** Every group's state now, in {@link RestGroup} order. */
    Map<RestGroup, GroupState> states();

    /**
     * One group's state.
     *
     * @param group              the group
     * @param rateLimited        no request may be sent right now (window full, backing off after a 429, or banned)
     * @param banned             the exchange answered 418 and the ban has not ended
     * @param bannedUntilMillis  epoch millis when the ban ends (0 when not banned)
     * @param backoffUntilMillis epoch millis when the 429 back-off ends (0 when none)
     * @param nextPermitInMillis how long a new request would wait for budget now
     * @param lastRemainingSec   the last {@code sec} the exchange reported, or -1
     * @param tooManyRequests    429 answers seen for this group since start
     * @param teapots            418 answers seen for this group since start
     */
    record GroupState(RestGroup group, boolean rateLimited, boolean banned, long bannedUntilMillis,
                      long backoffUntilMillis, long nextPermitInMillis, int lastRemainingSec,
                      long tooManyRequests, long teapots) {
    }
}
