package io.upbitrouter.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Upbit's request limits, per client address: {@code perSecond} REST requests per group in each
 * wall-clock second; a request carrying {@code Origin} at most once per 10-second window; WebSocket
 * connections {@code wsConnectionsPerSecond} a second and 100 a minute. A client that goes on
 * sending after being refused ({@code banAfterRefusals} refused requests in one wall-clock minute)
 * is banned (418) for {@code banDuration}, doubling with every further ban.
 * <p>
 * Windows are wall-clock aligned (second {@code n} is [n*1000, n*1000+999] ms) and read from the
 * injected clock, so tests move time instead of waiting. Thread-safe (one monitor; decisions are tiny).
 */
public final class ExchangeRateLimits {

    /** What to do with a request. */
    public enum Verdict { ALLOWED, TOO_MANY, BANNED }

    /** A decision, with what is left in the current second and, when banned, how long the ban lasts. */
    public record Decision(Verdict verdict, int remaining, long retryAfterMillis) {
    }

    private final Clock clock;
    private int perSecond;
    private final int banAfterRefusals;
    private final Duration banDuration;
    private final int wsConnectionsPerSecond;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Ban> bans = new HashMap<>();

    ExchangeRateLimits(Clock clock, int perSecond, int banAfterRefusals, Duration banDuration, int wsConnectionsPerSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.banAfterRefusals = banAfterRefusals;
        this.banDuration = banDuration;
        this.wsConnectionsPerSecond = wsConnectionsPerSecond;
    }

    /** The clock the windows are read from. */
    Clock clock() {
        return clock;
    }

    synchronized int perSecond() {
        return perSecond;
    }

    /** Changes the REST requests allowed per group per second from now on (Upbit changes its limits too). */
    public synchronized void perSecond(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least 1 request a second");
        }
        perSecond = n;
    }

    /** Admits (and counts) a REST request of {@code group} from {@code client}. */
    public synchronized Decision admitRest(String client, String group, boolean withOrigin) {
        long now = clock.millis();
        Decision banned = banned(client, now);
        if (banned != null) {
            return banned;
        }
        if (withOrigin && !take(client + "|origin", Math.floorDiv(now, 10_000L), 1)) {
            return refuse(client, now, remaining(client, group, now));
        }
        if (!take(client + "|" + group, Math.floorDiv(now, 1000L), perSecond)) {
            return refuse(client, now, 0);
        }
        return new Decision(Verdict.ALLOWED, remaining(client, group, now), 0);
    }

    /** Admits (and counts) a WebSocket connection attempt from {@code client}. */
    public synchronized Decision admitConnection(String client, boolean withOrigin) {
        long now = clock.millis();
        Decision banned = banned(client, now);
        if (banned != null) {
            return banned;
        }
        if (withOrigin && !take(client + "|origin", Math.floorDiv(now, 10_000L), 1)) {
            return refuse(client, now, 0);
        }
        if (!take(client + "|ws-second", Math.floorDiv(now, 1000L), wsConnectionsPerSecond)
                || !take(client + "|ws-minute", Math.floorDiv(now, 60_000L), 100)) {
            return refuse(client, now, 0);
        }
        return new Decision(Verdict.ALLOWED, 0, 0);
    }

    /** Forgets every window and ban. */
    public synchronized void reset() {
        windows.clear();
        bans.clear();
    }

    private int remaining(String client, String group, long now) {
        Window w = windows.get(client + "|" + group);
        long second = Math.floorDiv(now, 1000L);
        int used = w == null || w.index != second ? 0 : w.count;
        return Math.max(0, perSecond - used);
    }

    private Decision banned(String client, long now) {
        Ban ban = bans.get(client);
        if (ban != null && ban.until > now) {
            return new Decision(Verdict.BANNED, 0, ban.until - now);
        }
        return null;
    }

    private Decision refuse(String client, long now, int remaining) {
        Ban ban = bans.computeIfAbsent(client, c -> new Ban());
        long minute = Math.floorDiv(now, 60_000L);
        if (ban.refusalMinute != minute) {
            ban.refusalMinute = minute;
            ban.refusals = 0;
        }
        ban.refusals++;
        if (ban.refusals > banAfterRefusals) {
            // going on after 429: ban, longer with every repeat
            long length = banDuration.toMillis() << Math.min(ban.count, 16);
            ban.count++;
            ban.until = now + length;
            ban.refusals = 0;
            return new Decision(Verdict.BANNED, 0, length);
        }
        return new Decision(Verdict.TOO_MANY, remaining, 0);
    }

    private boolean take(String key, long index, int limit) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (w.index != index) {
            w.index = index;
            w.count = 0;
        }
        if (w.count >= limit) {
            return false;
        }
        w.count++;
        return true;
    }

    /** A per-connection limit on subscription messages: 5 a second and 100 a minute (Upbit's). */
    static final class MessageBudget {
        private final Clock clock;
        private int perSecond;
        private final Window second = new Window();
        private final Window minute = new Window();

        MessageBudget(Clock clock, int perSecond) {
            this.clock = clock;
            this.perSecond = perSecond;
        }

        synchronized boolean take() {
            long now = clock.millis();
            long s = Math.floorDiv(now, 1000L);
            long m = Math.floorDiv(now, 60_000L);
            if (second.index != s) {
                second.index = s;
                second.count = 0;
            }
            if (minute.index != m) {
                minute.index = m;
                minute.count = 0;
            }
            if (second.count >= perSecond || minute.count >= 100) {
                return false;
            }
            second.count++;
            minute.count++;
            return true;
        }
    }

    private static final class Window {
        long index = Long.MIN_VALUE;
        int count;
    }

    private static final class Ban {
        long until;
        int count;
        long refusalMinute = Long.MIN_VALUE;
        int refusals;
    }
}
