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
 * left than we think (another process on the same IP), the difference is booked as just used. A 429 pauses the
 * group ({@link #onTooManyRequests}).
 * A 418 is an IP ban: it stops every group ({@link #onBan}), and every acquire fails at once until it ends.
 * Callers wait (bounded) on the calling thread; each group has its own fair lock, held for bookkeeping only.
 *
 * <p>With {@link Adaptation} on, each group's {@link #allowance} learns what the exchange really allows,
 * between 1 and the configured {@code limit} (the ceiling), so that a 429 is not answered by more 429s and
 * never grows into a 418:
 * <ul>
 *   <li>until a group's first answer, one request at a time goes out (its {@code sec} tells the allowance);</li>
 *   <li>every {@code Remaining-Req} bounds the allowance from above by {@code sec} + our requests still
 *       counting (the exchange cannot have left more for us), and a lower allowance is taken at once;</li>
 *   <li>a 429 halves it (once per window: the 429s of one burst are one signal) and pauses the group for at least
 *       a window, so the next request falls into a new exchange second;</li>
 *   <li>after {@code holdMillis} without a decrease it grows by one per {@code increaseIntervalMillis}, and only
 *       when an answer proved room: {@code sec + 1} above the allowance (this request counted, {@code sec}
 *       still left), so it never grows past what the exchange has shown;</li>
 *   <li>at most a quarter of the allowance (rounded up) is in flight unanswered, which bounds the 429s of a
 *       burst sent just as the exchange lowered its limit; at 10 a second that is 3 in flight, enough for the
 *       allowance while an answer takes less than 300 ms.</li>
 * </ul>
 * Decisions read the injected clock only.
 */
public class RestBudget implements RestGroupStatus {

    /** A granted request slot; release it exactly once when the exchange answered or the call failed. */
    public interface Permit {
        void release();
    }

    /**
     * How a group's allowance adapts to the exchange.
     *
     * @param enabled                false = a fixed allowance of {@code limit} (no probing, no in-flight bound)
     * @param holdMillis             no increase for this long after a decrease
     * @param increaseIntervalMillis at most one step up (+1 per window) per this period
     */
    public record Adaptation(boolean enabled, long holdMillis, long increaseIntervalMillis) {
        public Adaptation {
            if (holdMillis < 0 || increaseIntervalMillis < 0) {
                throw new IllegalArgumentException("adaptation periods must not be negative");
            }
        }

        /** A fixed allowance: the configured limit, always. */
        public static Adaptation off() {
            return new Adaptation(false, 0, 0);
        }

        /** The shipped defaults: hold 10 s after a decrease, then +1 a second where answers show room. */
        public static Adaptation defaults() {
            return new Adaptation(true, 10_000, 1_000);
        }
    }

    /**
     * A budget shared with other processes behind the same IP (the cluster's), consulted after this process's own:
     * a request goes out only with a permit from both. Calls may block up to the wait given.
     */
    public interface SharedAllowance {
        /**
         * A permit from the shared store within {@code maxWaitMillis}.
         *
         * @throws RateLimitedException         when none came in time
         * @throws UpstreamUnavailableException when the shared store knows of a ban
         */
        Permit acquire(RestGroup group, long maxWaitMillis);

        /** A 429 seen here: the whole group pauses everywhere until {@code untilMillis} (this budget's clock). */
        void tooManyRequests(RestGroup group, long untilMillis);

        /** A 418 seen here: every process stops until {@code untilMillis} (this budget's clock). */
        void banned(long untilMillis);
    }

    private final Clock clock;
    private volatile SharedAllowance shared;
    private final int limit;
    private final long windowMillis;
    private final Adaptation adaptation;
    private final Map<RestGroup, GroupBudget> groups = new EnumMap<>(RestGroup.class);

    /**
     * @param clock        the clock every window is measured on ({@code upbitClock})
     * @param limit        requests per window per group (Upbit: 10 per second)
     * @param windowMillis the exchange's window (1000)
     * @param marginMillis added to the window for drift between our clock and the exchange's
     */
    public RestBudget(Clock clock, int limit, long windowMillis, long marginMillis) {
        this(clock, limit, windowMillis, marginMillis, Adaptation.off());
    }

    /**
     * @param limit      the ceiling of every group's allowance (the configured requests per window)
     * @param adaptation how the allowance learns what the exchange allows ({@link Adaptation#off()}: fixed)
     */
    public RestBudget(Clock clock, int limit, long windowMillis, long marginMillis, Adaptation adaptation) {
        if (limit < 1 || windowMillis < 1 || marginMillis < 0) {
            throw new IllegalArgumentException("limit and window must be positive, margin not negative");
        }
        this.clock = clock;
        this.limit = limit;
        this.adaptation = adaptation;
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
        GroupBudget budget = groups.get(group);
        long start = System.nanoTime();
        Permit local = budget.acquire(maxWaitMillis);
        SharedAllowance store = shared;
        if (store == null) {
            return local;
        }
        Permit common;
        try {
            common = store.acquire(group, Math.max(0, maxWaitMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        } catch (RuntimeException refused) {
            budget.cancel(); // never went out: the local permit is handed back without counting
            throw refused;
        }
        return () -> {
            local.release();
            common.release();
        };
    }

    /**
     * Adds a budget shared with other processes (the cluster's): from now on a request needs a permit from it too, and
     * 429s and bans seen here are reported to it. Null stops sharing.
     */
    public void share(SharedAllowance allowance) {
        this.shared = allowance;
    }

    /** A ban reported by another process behind the same IP: every group stops here until {@code untilMillis}. */
    public void bannedElsewhere(long untilMillis) {
        groups.values().forEach(g -> g.ban(untilMillis));
    }

    /** A 429 reported by another process behind the same IP: the group pauses here until {@code untilMillis}. */
    public void pausedElsewhere(RestGroup group, long untilMillis) {
        groups.get(group).holdUntil(untilMillis);
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

    /** Requests per window the group may send now: the configured limit, or less where the exchange allows less. */
    public int allowance(RestGroup group) {
        return groups.get(group).allowance();
    }

    /** 429s and lowered allowances seen on the group since start (counts only grow). */
    public long decreases(RestGroup group) {
        return groups.get(group).decreases.get();
    }

    /** A 429: no new permit for the group before {@code backoffMillis} from now; an adaptive allowance halves. */
    public void onTooManyRequests(RestGroup group, long backoffMillis) {
        long until = clock.millis() + backoffMillis;
        groups.get(group).pause(until);
        SharedAllowance store = shared;
        if (store != null) {
            store.tooManyRequests(group, until);
        }
    }

    /** A 418 seen on {@code group}: the IP is banned, so every group stops for {@code banMillis} from now. */
    public void onBan(RestGroup group, long banMillis) {
        long until = clock.millis() + banMillis;
        groups.get(group).teapots.incrementAndGet();
        groups.values().forEach(g -> g.ban(until));
        SharedAllowance store = shared;
        if (store != null) {
            store.banned(until);
        }
    }

    /**
     * Forgets every booking, back-off, ban and learned allowance (counts stay). For operators who know the exchange's window
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
        private final AtomicLong decreases = new AtomicLong();
        /** The learned allowance, 1..limit (guarded by lock). */
        private int rate = limit;
        /** False until the group's first answer: one request at a time until then. */
        private boolean answered;
        private long lastDecrease = Long.MIN_VALUE / 2;
        private long lastHalving = Long.MIN_VALUE / 2;
        private long lastIncrease = Long.MIN_VALUE / 2;
        /** The highest {@code sec + 1} seen since the last change: what the exchange has shown it allows us. */
        private int shown;

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
            if (adaptation.enabled() && inFlight >= inFlightCap()) {
                return -1;
            }
            if (inFlight + released.size() < rate) {
                return 0;
            }
            if (released.isEmpty()) {
                return -1;
            }
            return Math.max(1, released.peekFirst() + windowMillis - now);
        }

        /** A permit given back unused (the shared store refused): it never counted at the exchange. */
        void cancel() {
            lock.lock();
            try {
                inFlight--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** No new permit before {@code until}; no adaptation (the 429 was another process's). */
        void holdUntil(long until) {
            lock.lock();
            try {
                backoffUntil = Math.max(backoffUntil, until);
            } finally {
                lock.unlock();
            }
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

        private int inFlightCap() {
            return answered ? (rate + 3) / 4 : 1;
        }

        int allowance() {
            lock.lock();
            try {
                return rate;
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
                if (adaptation.enabled()) {
                    adapt(now, remainingSec);
                }
                int missing = (rate - inFlight - released.size()) - remainingSec;
                for (int i = 0; i < missing; i++) {
                    released.addLast(now);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Called under the lock with an answer's {@code sec}: lower at once to what is possible, grow on proof. */
        private void adapt(long now, int remainingSec) {
            answered = true;
            // our requests the exchange may have counted in this second are at most those still counting here
            int upper = remainingSec + inFlight + released.size();
            if (upper < rate) {
                decrease(now, Math.max(1, upper));
                return;
            }
            shown = Math.max(shown, Math.min(limit, remainingSec + 1));
            if (shown > rate && now - lastDecrease >= adaptation.holdMillis()
                    && now - lastIncrease >= adaptation.increaseIntervalMillis()) {
                rate++;
                lastIncrease = now;
            }
        }

        private void decrease(long now, int to) {
            rate = to;
            lastDecrease = now;
            shown = 0;
            decreases.incrementAndGet();
        }

        void pause(long until) {
            tooManyRequests.incrementAndGet();
            lock.lock();
            try {
                long now = clock.millis();
                // the exchange's second is spent: with adaptation, nothing more before a new one has surely begun
                backoffUntil = Math.max(backoffUntil, adaptation.enabled() ? Math.max(until, now + windowMillis) : until);
                answered = true;
                // the 429s of one burst are one signal: halve once per window
                if (adaptation.enabled() && now - lastHalving >= windowMillis) {
                    lastHalving = now;
                    decrease(now, Math.max(1, rate / 2));
                }
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
                rate = limit;
                answered = false;
                shown = 0;
                lastDecrease = Long.MIN_VALUE / 2;
                lastHalving = Long.MIN_VALUE / 2;
                lastIncrease = Long.MIN_VALUE / 2;
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
