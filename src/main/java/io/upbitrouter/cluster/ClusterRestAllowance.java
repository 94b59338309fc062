package io.upbitrouter.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamUnavailableException;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestGroup;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * The exchange's per-IP REST limit shared by every member: a request goes out only with a permit from its member's own
 * {@link RestBudget} and one from the cluster's {@link SharedWindow} for its group, so all members together send at most
 * {@code limit} requests per window and group, as one process would. A 429 seen by one member pauses the group for all,
 * a 418 stops every group of every member until the ban ends.
 *
 * <p>The map is an AP structure (any member count; the CP subsystem needs three members and, since Hazelcast 5.5, the
 * enterprise edition). After a partition each side holds a copy, so each side's limit is scaled to the members it sees
 * out of the whole cluster ({@code limit * seen / whole}, at least 1): the sides together never exceed the limit. The
 * price is a smaller budget while a member is down.
 */
public final class ClusterRestAllowance implements RestBudget.SharedAllowance {

    /** The map holding one {@link SharedWindow} per REST group. */
    public static final String MAP = "upbit-rest-permits";
    /** The windows are judged on the clock of the member that owns the entry: one clock per group at any time. */
    private static final Clock OWNER_CLOCK = Clock.systemUTC();

    private final IMap<String, SharedWindow> windows;
    private final String member;
    private final Clock clock;
    private final int limit;
    private final long windowMillis;
    private final long leaseMillis;
    private final int wholeCluster;
    private final IntSupplier seen;
    private final RestBudget local;

    /**
     * @param limit        requests per window per group for the whole cluster ({@code upbit.rest.requests-per-second})
     * @param windowMillis the window with its margin, as {@link RestBudget} counts it
     * @param seen         how many members this one sees now
     * @param local        this member's budget, told of bans and pauses the cluster learned elsewhere
     */
    public ClusterRestAllowance(HazelcastInstance hazelcast, Clock clock, int limit, long windowMillis, long leaseMillis,
                                int wholeCluster, IntSupplier seen, RestBudget local) {
        this.windows = hazelcast.getMap(MAP);
        this.member = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.leaseMillis = leaseMillis;
        this.wholeCluster = wholeCluster;
        this.seen = seen;
        this.local = local;
    }

    /** This side's share of the limit: all of it while every member is seen. */
    public int effectiveLimit() {
        int members = Math.min(wholeCluster, Math.max(1, seen.getAsInt()));
        return Math.max(1, limit * members / wholeCluster);
    }

    @Override
    public RestBudget.Permit acquire(RestGroup group, long maxWaitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        String id = UUID.randomUUID().toString();
        while (true) {
            long[] answer = ask(group, new SharedWindow.Acquire(id, member, effectiveLimit(), windowMillis, leaseMillis,
                    OWNER_CLOCK), deadline, maxWaitMillis);
            if (answer[0] == SharedWindow.GRANTED) {
                return () -> windows.submitToKey(group.name(), new SharedWindow.Release(id, OWNER_CLOCK));
            }
            if (answer[0] == SharedWindow.BANNED) {
                long until = clock.millis() + answer[1];
                local.bannedElsewhere(until);
                throw new UpstreamUnavailableException("upstream_banned", "the exchange banned this IP (HTTP 418, seen by a"
                        + " cluster member); no calls to REST group " + group.headerName() + " until " + Instant.ofEpochMilli(until),
                        answer[1], null);
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new RateLimitedException(group.headerName(), Math.max(answer[1], 1), "no cluster REST budget within "
                        + maxWaitMillis + " ms");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(left, answer[1])));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException("interrupted", "interrupted while waiting for REST budget", 0, e);
            }
        }
    }

    /**
     * Runs the processor on the entry's owner, waiting no longer than the caller may: while the engine repairs its
     * partition table (a member just vanished) an operation can wait for seconds, and then the answer is a 429.
     */
    private long[] ask(RestGroup group, SharedWindow.Acquire acquire, long deadline, long maxWaitMillis) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return windows.submitToKey(group.name(), acquire).toCompletableFuture().get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the grant may still happen: release it whenever it does, so it counts one window and no longer
            windows.submitToKey(group.name(), new SharedWindow.Release(acquire.id(), OWNER_CLOCK));
            throw new RateLimitedException(group.headerName(), windowMillis, "the cluster's REST budget did not answer within "
                    + maxWaitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted", "interrupted while waiting for REST budget", 0, e);
        }
    }

    @Override
    public void tooManyRequests(RestGroup group, long untilMillis) {
        long millis = untilMillis - clock.millis();
        if (millis > 0) {
            windows.submitToKey(group.name(), new SharedWindow.Hold(millis, false, OWNER_CLOCK));
        }
    }

    @Override
    public void banned(long untilMillis) {
        long millis = untilMillis - clock.millis();
        if (millis > 0) {
            for (RestGroup g : RestGroup.values()) {
                windows.submitToKey(g.name(), new SharedWindow.Hold(millis, true, OWNER_CLOCK));
            }
        }
    }

    /** A member left: its permits in flight stop waiting for a release that will never come. */
    public void memberGone(String goneMember) {
        for (RestGroup g : RestGroup.values()) {
            windows.submitToKey(g.name(), new SharedWindow.MemberGone(goneMember, OWNER_CLOCK));
        }
    }
}
