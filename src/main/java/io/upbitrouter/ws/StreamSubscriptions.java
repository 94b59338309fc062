package io.upbitrouter.ws;

import io.upbitrouter.protocol.UpbitLimits;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.protocol.MarketKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The set of streams wanted on the WebSocket, one per (type, market), and the subscription message that
 * asks for all of them. {@link #demand} is cheap and non-blocking: it only marks the set changed (and, for a new
 * stream, wakes the subscription route through {@link #onPending}). The subscription route asks
 * {@link #nextMessage()} when woken, at most once a period of at least 200 ms, so changes are
 * coalesced into at most one message per period, and never more than Upbit's 5 a second and 100 a minute per
 * connection (counted by the injected clock, each message for a second and a minute plus a margin, since the
 * exchange counts arrivals in its own windows; what waits is sent when the budget allows), and every new
 * connection gets the full set again ({@link #onConnected()}). Streams nobody asked for within the idle time are
 * dropped by {@link #dropIdle()}; the warm set is never dropped. Time is read from the injected clock.
 * <p>
 * The set also decides whether a connection is wanted at all ({@link #anythingWanted()}): the listener given to
 * {@link #onWantedChange} hears when the first stream is wanted (connect) and when the last one went (close).
 */
public class StreamSubscriptions implements SubscriptionDemand {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSubscriptions.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Upbit's limits on subscription messages per connection. */
    static final int MESSAGES_PER_SECOND = 5;
    static final int MESSAGES_PER_MINUTE = 100;
    /** {@code upbit.ws.subscribe-window-margin-ms}'s default. */
    public static final long DEFAULT_WINDOW_MARGIN_MILLIS = 500;

    /** One stream: the WebSocket type ({@code ticker}, {@code candle.1m}) for one market. */
    public record Stream(String wsType, String code) implements Comparable<Stream> {
        @Override
        public int compareTo(Stream o) {
            int byType = wsType.compareTo(o.wsType);
            return byType != 0 ? byType : code.compareTo(o.code);
        }
    }

    private final Clock clock;
    private final long windowMarginMillis;
    private final long idleMillis;
    private final Set<Stream> warm;
    private final Map<Stream, Long> lastDemanded = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicBoolean resendForConnection = new AtomicBoolean();
    private final AtomicLong messagesSent = new AtomicLong();
    private volatile boolean sentOnThisConnection;
    // Send times on the current connection, for Upbit's 5 a second and 100 a minute per connection.
    private final Deque<Long> sentTimes = new ArrayDeque<>();
    private volatile Runnable wantedChange = () -> { };
    private volatile Runnable pending = () -> { };

    /**
     * @param warmSymbols         markets kept subscribed for ticker, trade and orderbook whatever the demand
     * @param warmCandleIntervals candle intervals kept subscribed for the warm markets (streamable ones only)
     */
    public StreamSubscriptions(Clock clock, long idleMillis, Collection<String> warmSymbols,
                               Collection<CandleInterval> warmCandleIntervals) {
        this(clock, idleMillis, warmSymbols, warmCandleIntervals, DEFAULT_WINDOW_MARGIN_MILLIS);
    }

    /**
     * @param windowMarginMillis how much longer than Upbit's second and minute a sent message counts here: the
     *                           exchange counts a message when it arrives (in windows of its own), and arrivals
     *                           spread by up to this much more than the sends may not push a window over the limit
     */
    public StreamSubscriptions(Clock clock, long idleMillis, Collection<String> warmSymbols,
                               Collection<CandleInterval> warmCandleIntervals, long windowMarginMillis) {
        this.clock = clock;
        this.windowMarginMillis = Math.max(0, windowMarginMillis);
        this.idleMillis = idleMillis;
        Set<Stream> warmStreams = new TreeSet<>();
        for (String symbol : warmSymbols) {
            for (String type : List.of("ticker", "trade", "orderbook")) {
                warmStreams.add(new Stream(type, symbol));
            }
            warmCandleIntervals.stream().filter(CandleInterval::streamable)
                    .forEach(i -> warmStreams.add(new Stream(i.wsType(), symbol)));
        }
        this.warm = Set.copyOf(warmStreams);
        changed.set(!warm.isEmpty());
    }

    @Override
    public void demand(MarketDataType type, CandleInterval interval, String symbol) {
        String wsType = type == MarketDataType.CANDLES ? (interval == null ? null : interval.wsType()) : type.wsType();
        if (wsType == null || symbol == null || symbol.isBlank()) {
            return; // not something Upbit streams (days and longer): nothing to subscribe
        }
        Stream stream = new Stream(wsType, symbol);
        if (lastDemanded.put(stream, clock.millis()) == null && !warm.contains(stream)) {
            changed.set(true);
            // a new stream only (rare): the supervisor connects if nothing was wanted before
            wantedChange.run();
            pending.run();
        }
    }

    /** Marks one stream wanted now, as {@link #demand(MarketDataType, CandleInterval, String)} does (demand from another cluster member). */
    public void demand(Stream stream) {
        if (lastDemanded.put(stream, clock.millis()) == null && !warm.contains(stream)) {
            changed.set(true);
            wantedChange.run();
            pending.run();
        }
    }

    /**
     * Tells the listener whenever a new stream becomes wanted or idle streams were dropped; it reads
     * {@link #anythingWanted()} to decide whether a connection is needed. Called on the demanding thread: keep it short.
     */
    public void onWantedChange(Runnable listener) {
        this.wantedChange = listener;
    }

    /**
     * Tells the listener whenever there is something to send (a new stream, dropped streams, a connection ready for its
     * full set, a resend): the subscription route's wake-up ({@link SubscriptionWakeUp}); a failed write the route
     * retries by itself. Called on the thread that made the change, a request's among them: it must not block.
     */
    public void onPending(Runnable listener) {
        this.pending = listener;
    }

    /** Whether a subscription message is due: the set changed, or the connection wants the full set. */
    public boolean pending() {
        return changed.get() || resendForConnection.get();
    }

    /** True when a connection is needed: a warm set, or a stream demanded within the idle time. */
    public boolean anythingWanted() {
        return !warm.isEmpty() || !lastDemanded.isEmpty();
    }

    /** Refreshes the demand for a stream that is already wanted, given its cache key; keys not streamed are ignored. */
    public void touch(MarketKey key) {
        if (key != null && key.streamable()) {
            lastDemanded.computeIfPresent(new Stream(key.wsType(), key.code()), (s, t) -> clock.millis());
        }
    }

    /** Removes streams not demanded within the idle time (never the warm ones); returns how many went. */
    public int dropIdle() {
        long now = clock.millis();
        List<Stream> idle = new ArrayList<>();
        lastDemanded.forEach((stream, at) -> {
            if (now - at > idleMillis) {
                idle.add(stream);
            }
        });
        int dropped = 0;
        for (Stream stream : idle) {
            if (lastDemanded.computeIfPresent(stream, (s, at) -> now - at > idleMillis ? null : at) == null) {
                dropped++;
                if (!warm.contains(stream)) {
                    changed.set(true);
                }
            }
        }
        if (dropped > 0) {
            LOG.info("Unsubscribing {} idle stream(s); {} wanted now", dropped, wanted().size());
            wantedChange.run();
            pending.run();
        }
        return dropped;
    }

    /** A new connection starts without subscriptions: the full set is sent again at the next period. */
    public void onConnected() {
        sentOnThisConnection = false;
        synchronized (sentTimes) {
            sentTimes.clear();
        }
        resendForConnection.set(true);
    }

    /** The new connection's handlers are in place: its full set may go out now ({@link #onConnected()} came first). */
    public void connectionReady() {
        pending.run();
    }

    /**
     * The subscription message to send now, or null when nothing changed since the last one on this
     * connection (or nothing is wanted: Upbit refuses a message without types, and the old set stays).
     */
    public String nextMessage() {
        if (!withinMessageLimits()) {
            return null; // the flags stay set: the set goes out once the connection's budget allows
        }
        boolean resend = resendForConnection.getAndSet(false);
        boolean change = changed.getAndSet(false);
        if (!resend && !change) {
            return null;
        }
        Set<Stream> wanted = wanted();
        if (wanted.isEmpty()) {
            return null;
        }
        return message(wanted);
    }

    /** Called when the message from {@link #nextMessage()} was written on the socket. */
    public void sent() {
        synchronized (sentTimes) {
            sentTimes.addLast(clock.millis());
        }
        sentOnThisConnection = true;
        messagesSent.incrementAndGet();
    }

    private boolean withinMessageLimits() {
        long now = clock.millis();
        synchronized (sentTimes) {
            while (!sentTimes.isEmpty() && now - sentTimes.peekFirst() >= 60_000 + windowMarginMillis) {
                sentTimes.removeFirst();
            }
            long lastSecond = sentTimes.stream().filter(t -> now - t < 1000 + windowMarginMillis).count();
            return sentTimes.size() < MESSAGES_PER_MINUTE && lastSecond < MESSAGES_PER_SECOND;
        }
    }

    /**
     * Sends the full set again on the current connection at the next period (the exchange answers with fresh
     * snapshots): the remedy for markets whose data stopped while others flow.
     */
    public void resendAll() {
        resendForConnection.set(true);
        pending.run();
    }

    /** Called when writing failed: the full set is offered again at the next period (the route wakes itself). */
    public void sendFailed() {
        changed.set(true);
    }

    /** True when the current connection carries the full set (or nothing is wanted yet). */
    public boolean isSubscribed() {
        return sentOnThisConnection || (warm.isEmpty() && lastDemanded.isEmpty());
    }

    /** Subscription messages written since start. */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** The streams wanted now: the warm set and everything demanded within the idle time, sorted. */
    public Set<Stream> wanted() {
        Set<Stream> all = new TreeSet<>(warm);
        all.addAll(lastDemanded.keySet());
        return all;
    }

    /** The markets of every stream wanted now, in no order (the stall probe's set: one look-up a market, not a stream). */
    public Set<String> wantedMarkets() {
        Set<String> markets = new HashSet<>();
        warm.forEach(s -> markets.add(s.code()));
        lastDemanded.keySet().forEach(s -> markets.add(s.code()));
        return markets;
    }

    /** The markets subscribed for a stream type now ({@code ticker}, {@code candle.1m}). */
    public Set<String> codes(String wsType) {
        Set<String> codes = new TreeSet<>();
        wanted().stream().filter(s -> s.wsType().equals(wsType)).forEach(s -> codes.add(s.code()));
        return codes;
    }

    static String message(Set<Stream> wanted) {
        Map<String, List<String>> byType = new TreeMap<>();
        wanted.forEach(s -> byType.computeIfAbsent(s.wsType(), t -> new ArrayList<>()).add(s.code()));
        ArrayNode message = JSON.arrayNode();
        message.addObject().put("ticket", "upbit-router-" + UUID.randomUUID());
        byType.forEach((type, codes) -> {
            ObjectNode entry = message.addObject().put("type", type);
            ArrayNode list = entry.putArray("codes");
            // orderbooks at the exchange's full depth (KRW-BTC.30): the REST default, so the cached book is the one a
            // REST call without count would answer; shallower books for local clients are cut from it
            String depth = MarketDataType.ORDERBOOK.wsType().equals(type) ? "." + UpbitLimits.ORDERBOOK_MAX_UNITS : "";
            codes.forEach(code -> list.add(code + depth));
        });
        message.addObject().put("format", "DEFAULT");
        return message.toString();
    }
}
