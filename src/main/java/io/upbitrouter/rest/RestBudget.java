package io.upbitrouter.rest;

import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.UpstreamUnavailableException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-group REST budget: a sliding-window permit store that hands out send times so that no
 * group ever gets more than {@code limit} requests in any window of {@code windowMillis + marginMillis}
 * (by the injected clock), whatever the number of concurrent callers. The margin absorbs network
 * jitter between our send time and the exchange's count.
 *
 * <p>Callers {@link #reserve} a slot and wait the returned delay before sending; slots are handed out in
 * call order. The exchange's {@code Remaining-Req} tightens the window ({@link #onRemaining}): when it
 * says fewer requests are left than we think (another process on the same IP), the difference is booked
 * as used. A 429 pauses the group ({@link #onTooManyRequests}); a 418 bans it ({@link #onBan}) and
 * every reservation fails at once until the ban ends. Each group has its own lock, held only for
 * bookkeeping, never while waiting.
 */
public class RestBudget implements RestGroupStatus {

    private final Clock clock;
    private final int limit;
    private final long windowMillis;
    private final Map<RestGroup, GroupBudget> groups = new EnumMap<>(RestGroup.class);

    /**
     * @param clock        the clock every slot is computed on ({@code upbitClock})
     * @param limit        requests per window per group (Upbit: 10 per second)
     * @param windowMillis the exchange's window (1000)
     * @param marginMillis added to the window for jitter between our clock and the exchange's count
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
     * Books the next send slot for the group and returns how long to wait before sending (0 = now).
     *
     * @throws UpstreamUnavailableException when the group is banned (418) until later
     * @throws RateLimitedException         when the slot is further away than {@code maxWaitMillis};
     *                                      nothing is booked then
     */
    public long reserve(RestGroup group, long maxWaitMillis) {
        return groups.get(group).reserve(clock.millis(), maxWaitMillis);
    }

    /** Reconciles with the exchange's {@code Remaining-Req} received now for a call made on {@code calledGroup}. */
    public void onRemaining(RestGroup calledGroup, RemainingReq remaining) {
        if (remaining == null || remaining.sec().isEmpty()) {
            return;
        }
        // a header naming another known group speaks for that group; unknown or missing names for the one called
        RestGroup group = remaining.restGroup().orElse(calledGroup);
        groups.get(group).reconcile(clock.millis(), remaining.sec().getAsInt());
    }

    /** A 429: no slot for the group before {@code backoffMillis} from now. */
    public void onTooManyRequests(RestGroup group, long backoffMillis) {
        groups.get(group).pause(clock.millis() + backoffMillis, false);
    }

    /** A 418: the group is banned for {@code banMillis} from now. */
    public void onBan(RestGroup group, long banMillis) {
        groups.get(group).pause(clock.millis() + banMillis, true);
    }

    @Override
    public GroupState state(RestGroup group) {
        return groups.get(group).state(clock.millis());
    }

    @Override
    public Map<RestGroup, GroupState> states() {
        Map<RestGroup, GroupState> states = new LinkedHashMap<>();
        for (RestGroup g : RestGroup.values()) {
            states.put(g, state(g));
        }
        return Collections.unmodifiableMap(states);
    }

    /** True when a request on the group could not be sent right now. */
    public boolean isRateLimited(RestGroup group) {
        return state(group).rateLimited();
    }

    private final class GroupBudget {
        private final RestGroup group;
        /** Booked send times, ascending; entries older than the window are dropped. */
        private final List<Long> slots = new ArrayList<>();
        private long backoffUntil;
        private long bannedUntil;
        private int lastRemainingSec = -1;
        private final AtomicLong tooManyRequests = new AtomicLong();
        private final AtomicLong teapots = new AtomicLong();

        GroupBudget(RestGroup group) {
            this.group = group;
        }

        synchronized long reserve(long now, long maxWaitMillis) {
            if (now < bannedUntil) {
                throw banned(now);
            }
            long slot = nextSlot(now);
            long delay = slot - now;
            if (delay > maxWaitMillis) {
                throw new RateLimitedException(group.headerName(), delay, "no REST budget within " + maxWaitMillis + " ms");
            }
            slots.add(slot);
            return delay;
        }

        synchronized void reconcile(long now, int remainingSec) {
            lastRemainingSec = remainingSec;
            prune(now);
            int used = 0;
            for (long s : slots) {
                if (s > now - windowMillis && s <= now) {
                    used++;
                }
            }
            int missing = (limit - used) - remainingSec;
            for (int i = 0; i < missing; i++) {
                insertSorted(now);
            }
        }

        synchronized void pause(long until, boolean ban) {
            if (ban) {
                bannedUntil = Math.max(bannedUntil, until);
                teapots.incrementAndGet();
            } else {
                backoffUntil = Math.max(backoffUntil, until);
                tooManyRequests.incrementAndGet();
            }
        }

        synchronized GroupState state(long now) {
            boolean banned = now < bannedUntil;
            long wait = nextSlot(now) - now;
            return new GroupState(group, banned || wait > 0, banned, banned ? bannedUntil : 0,
                    backoffUntil > now ? backoffUntil : 0, banned ? bannedUntil - now : wait, lastRemainingSec,
                    tooManyRequests.get(), teapots.get());
        }

        private long nextSlot(long now) {
            prune(now);
            long slot = Math.max(now, backoffUntil);
            if (!slots.isEmpty()) {
                slot = Math.max(slot, slots.get(slots.size() - 1));
            }
            if (slots.size() >= limit) {
                slot = Math.max(slot, slots.get(slots.size() - limit) + windowMillis);
            }
            return slot;
        }

        private void prune(long now) {
            int drop = 0;
            while (drop < slots.size() && slots.get(drop) <= now - windowMillis) {
                drop++;
            }
            if (drop > 0) {
                slots.subList(0, drop).clear();
            }
        }

        private void insertSorted(long t) {
            int i = slots.size();
            while (i > 0 && slots.get(i - 1) > t) {
                i--;
            }
            slots.add(i, t);
        }

        private UpstreamUnavailableException banned(long now) {
            return new UpstreamUnavailableException("upstream_banned", "the exchange banned REST group "
                    + group.headerName() + " (HTTP 418); no calls until " + java.time.Instant.ofEpochMilli(bannedUntil),
                    bannedUntil - now, null);
        }
    }
}
