package io.upbitrouter.cluster;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One REST group's permits across the cluster, kept in a Hazelcast map entry and changed only by the entry processors
 * below, which the engine runs one at a time on the entry's owner: every check-and-grant is atomic without a lock, and
 * every time is read on the owner from the clock the processor carries ({@code Clock.systemUTC()} in the cluster: the
 * owner's clock; callers send durations, never instants). The rule is the single process's
 * ({@code RestBudget}): a permit counts from its grant until a window (with margin) after its release, and at most
 * {@code limit} count at once. A permit whose member died is released when the member is reported gone, and one never
 * released stops counting a window after its lease ends.
 */
public final class SharedWindow implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Granted now. */
    public static final long GRANTED = 0;
    /** Not now: retry after the given wait. */
    public static final long WAIT = 1;
    /** Banned: no call before the given wait ends. */
    public static final long BANNED = 2;

    private static final class Slot implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final String id;
        final String member;
        final long leaseUntil;
        long releasedAt = -1;

        Slot(String id, String member, long leaseUntil) {
            this.id = id;
            this.member = member;
            this.leaseUntil = leaseUntil;
        }

        /** When it stops occupying the window's start: its release, or its lease's end when never released. */
        long end() {
            return releasedAt >= 0 ? releasedAt : leaseUntil;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private long backoffUntil;
    private long bannedUntil;

    private int counting(long now, long windowMillis) {
        for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
            if (it.next().end() <= now - windowMillis) {
                it.remove();
            }
        }
        return slots.size();
    }

    private long nextFree(long now, long windowMillis) {
        long first = Long.MAX_VALUE;
        for (Slot s : slots) {
            first = Math.min(first, s.end() + windowMillis);
        }
        return first == Long.MAX_VALUE ? 1 : Math.max(1, Math.min(first - now, 50));
    }

    private static SharedWindow of(Map.Entry<String, SharedWindow> entry) {
        SharedWindow window = entry.getValue();
        return window == null ? new SharedWindow() : window;
    }

    /** Grants a permit under {@code id} when fewer than {@code limit} count; else says how long to wait. */
    public record Acquire(String id, String member, int limit, long windowMillis, long leaseMillis, Clock clock)
            implements EntryProcessor<String, SharedWindow, long[]> {
        @Override
        public long[] process(Map.Entry<String, SharedWindow> entry) {
            SharedWindow w = of(entry);
            long now = clock.millis();
            if (now < w.bannedUntil) {
                return new long[] {BANNED, w.bannedUntil - now};
            }
            if (now < w.backoffUntil) {
                return new long[] {WAIT, w.backoffUntil - now};
            }
            if (w.counting(now, windowMillis) >= limit) {
                return new long[] {WAIT, w.nextFree(now, windowMillis)};
            }
            w.slots.add(new Slot(id, member, now + leaseMillis));
            entry.setValue(w);
            return new long[] {GRANTED, 0};
        }
    }

    /** The permit's answer came (or its call failed): it counts one more window from now. */
    public record Release(String id, Clock clock) implements EntryProcessor<String, SharedWindow, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, SharedWindow> entry) {
            SharedWindow w = entry.getValue();
            if (w == null) {
                return false;
            }
            long now = clock.millis();
            for (Slot s : w.slots) {
                if (s.id.equals(id) && s.releasedAt < 0) {
                    s.releasedAt = now;
                    entry.setValue(w);
                    return true;
                }
            }
            return false;
        }
    }

    /** A member left the cluster: its permits still in flight are released now (they count one more window). */
    public record MemberGone(String member, Clock clock) implements EntryProcessor<String, SharedWindow, Integer> {
        @Override
        public Integer process(Map.Entry<String, SharedWindow> entry) {
            SharedWindow w = entry.getValue();
            if (w == null) {
                return 0;
            }
            long now = clock.millis();
            int released = 0;
            for (Slot s : w.slots) {
                if (s.member.equals(member) && s.releasedAt < 0) {
                    s.releasedAt = Math.min(now, s.leaseUntil);
                    released++;
                }
            }
            if (released > 0) {
                entry.setValue(w);
            }
            return released;
        }
    }

    /** A 429 (pause the group) or a 418 (ban) seen by a member: nobody calls before {@code millis} from now. */
    public record Hold(long millis, boolean ban, Clock clock) implements EntryProcessor<String, SharedWindow, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, SharedWindow> entry) {
            SharedWindow w = of(entry);
            long until = clock.millis() + millis;
            if (ban) {
                w.bannedUntil = Math.max(w.bannedUntil, until);
            } else {
                w.backoffUntil = Math.max(w.backoffUntil, until);
            }
            entry.setValue(w);
            return true;
        }
    }
}
