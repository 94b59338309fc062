package io.upbitrouter.rest;

import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamUnavailableException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-group REST budget: a sliding-window permit store that keeps every group under {@code limit}
 * requests per exchange second, whatever the number of concurrent callers and however late a request
 * reaches the exchange after it was allowed to go.
 *
 * <p>A request holds its permit from {@link #acquire} until {@link Permit#release} (its answer, or its
 * failure), and the permit keeps counting for {@code windowMillis + marginMillis} after release (by the
 * injected clock). A new permit is given only while fewer than {@code limit} are in flight or released
 * within that window. Since the exchange counted each request at some instant between its acquire and
 * its release, no exchange second (fixed or sliding) can see more than {@code limit} of them: network,
 * connection-pool or scheduling delays cannot push a burst into one second.
 *
 * <p>The exchange's {@code Remaining-Req} tightens the window ({@link #onRemaining}): when it says fewer are
 * left than we think (another process on the same IP), the difference is booked as just used. A 429
 * pauses the group ({@link #onTooManyRequests}). A 418 is an IP ban: it stops every group
 * ({@link #onBan}), and every acquire fails at once until it ends. Callers wait (bounded) on the calling
 * thread; each group has its own fair lock, held for bookkeeping only.
 */
public class RestBudget implements RestGroupStatus {

    /** A granted request slot; release it exactly once when the exchange answered or the call failed. */
    public interface Permit {
        void release();
    }

    private final Clock clock;
    private final int limit;
    private final long windowMillis;
    private final Map<RestGroup, GroupBudget> groups = new EnumMap<>(RestGroup.class);

    /**
     * @param clock        the clock every window is measured on ({@code upbitClock})
     * @param limit        requests per window per group (Upbit: 10 per second)
     * @param windowMillis the exchange's window (1000)
     * @param marginMillis added to the window for drift between our clock and the exchange's
     */
    public RestBudget(Clock clock, int limit, long windowMillis, long marginMillis) {
        if (limit < 1 || windowMillis < 1 || marginMillis < 0) {
            throw new IllegalArgumentException("limit and window must be positive, margin not negative");
        }
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = windowMillis + marginMillis;
        for (RestGroup g : RestGroup.values()) {
            groups.put(g, new GroupBudget(g));
        }
    }

    /**
     * Waits (at most {@code maxWaitMillis} of real time) for a permit on the group.
     *
     * @throws UpstreamUnavailableException when the exchange has banned this IP (418) until later
     * @throws RateLimitedException         when no permit came within {@code maxWaitMillis}
     */
    public Permit acquire(RestGroup group, long maxWaitMillis) {
        return groups.get(group).acquire(maxWaitMillis);
    }

    /** Reconciles with the exchange's {@code Remaining-Req} received now for a call made on {@code calledGroup}. */
    public void onRemaining(RestGroup calledGroup, RemainingReq remaining) {
        if (remaining == null || remaining.sec().isEmpty()) {
            return;
        }
        // a header naming another known group speaks for that group; unknown or missing names for the one called
        RestGroup group = remaining.restGroup().orElse(calledGroup);
        groups.get(group).reconcile(remaining.sec().getAsInt());
    }

    /** A 429: no new permit for the group before {@code backoffMillis} from now. */
    public void onTooManyRequests(RestGroup group, long backoffMillis) {
        groups.get(group).pause(clock.millis() + backoffMillis);
    }

    /** A 418 seen on {@code group}: the IP is banned, so every group stops for {@code banMillis} from now. */
    public void onBan(RestGroup group, long banMillis) {
        long until = clock.millis() + banMillis;
        groups.get(group).teapots.incrementAndGet();
        groups.values().forEach(g -> g.ban(until));
    }

    /**
     * Forgets every booking, back-off and ban (counts stay). For operators who know the exchange's window
     * has passed, and for tests; never called by the router itself.
     */
    public void reset() {
        groups.values().forEach(GroupBudget::reset);
    }

    @Override
    public GroupState state(RestGroup group) {
        return groups.get(group).state();
    }

    @Override
    public Map<RestGroup, GroupState> states() {
        Map<RestGroup, GroupState> states = new LinkedHashMap<>();
        for (RestGroup g : RestGroup.values()) {
            states.put(g, state(g));
        }
        return Collections.unmodifiableMap(states);
    }

    /** True when a request on the group could not get a permit right now. */
    public boolean isRateLimited(RestGroup group) {
        return state(group).rateLimited();
    }

    private final class GroupBudget {
        private final RestGroup group;
        private final ReentrantLock lock = new ReentrantLock(true);
        private final Condition changed = lock.newCondition();
        /** Release times of permits still counting, ascending. */
        private final Deque<Long> released = new ArrayDeque<>();
        private int inFlight;
        private long backoffUntil;
        private long bannedUntil;
        private volatile int lastRemainingSec = -1;
        private final AtomicLong tooManyRequests = new AtomicLong();
        private final AtomicLong teapots = new AtomicLong();

        GroupBudget(RestGroup group) {
            this.group = group;
        }

        Permit acquire(long maxWaitMillis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            lock.lock();
            try {
                while (true) {
                    long now = clock.millis();
                    if (now < bannedUntil) {
                        throw banned(now);
                    }
                    long wait = waitMillis(now);
                    if (wait == 0) {
                        inFlight++;
                        return new GroupPermit(this);
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new RateLimitedException(group.headerName(), wait < 0 ? windowMillis : wait,
                                "no REST budget within " + maxWaitMillis + " ms");
                    }
                    // short slices: a release signals, but time moving on (the injected clock) does not
                    long slice = Math.min(left, wait < 0 ? 50 : Math.min(wait, 50));
                    changed.await(Math.max(1, slice), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException("interrupted", "interrupted while waiting for REST budget", 0, e);
            } finally {
                lock.unlock();
            }
        }

        /** 0 = a permit is free now; &gt;0 = one frees in that many ms; &lt;0 = only a release can free one. */
        private long waitMillis(long now) {
            prune(now);
            if (backoffUntil > now) {
                return backoffUntil - now;
            }
            if (inFlight + released.size() < limit) {
                return 0;
            }
            if (released.isEmpty()) {
                return -1;
            }
            return Math.max(1, released.peekFirst() + windowMillis - now);
        }

        void release() {
            lock.lock();
            try {
                inFlight--;
                released.addLast(clock.millis());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void reconcile(int remainingSec) {
            lastRemainingSec = remainingSec;
            lock.lock();
            try {
                long now = clock.millis();
                prune(now);
                int missing = (limit - inFlight - released.size()) - remainingSec;
                for (int i = 0; i < missing; i++) {
                    released.addLast(now);
                }
            } finally {
                lock.unlock();
            }
        }

        void pause(long until) {
            tooManyRequests.incrementAndGet();
            lock.lock();
            try {
                backoffUntil = Math.max(backoffUntil, until);
            } finally {
                lock.unlock();
            }
        }

        void ban(long until) {
            lock.lock();
            try {
                bannedUntil = Math.max(bannedUntil, until);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void reset() {
            lock.lock();
            try {
                released.clear();
                backoffUntil = 0;
                bannedUntil = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        GroupState state() {
            lock.lock();
            try {
                long now = clock.millis();
                boolean banned = now < bannedUntil;
                long wait = waitMillis(now);
                return new GroupState(group, banned || wait != 0, banned, banned ? bannedUntil : 0,
                        backoffUntil > now ? backoffUntil : 0, banned ? bannedUntil - now : (wait < 0 ? windowMillis : wait),
                        lastRemainingSec, tooManyRequests.get(), teapots.get());
            } finally {
                lock.unlock();
            }
        }

        private void prune(long now) {
            while (!released.isEmpty() && released.peekFirst() <= now - windowMillis) {
                released.pollFirst();
            }
        }

        private UpstreamUnavailableException banned(long now) {
            return new UpstreamUnavailableException("upstream_banned", "the exchange banned this IP (HTTP 418); no calls to REST group "
                    + group.headerName() + " until " + Instant.ofEpochMilli(bannedUntil), bannedUntil - now, null);
        }
    }

    private static final class GroupPermit implements Permit {
        private final GroupBudget budget;
        private boolean released;

        GroupPermit(GroupBudget budget) {
            this.budget = budget;
        }

        @Override
        public synchronized void release() {
            if (!released) {
                released = true;
                budget.release();
            }
        }
    }
}
