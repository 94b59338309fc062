package io.upbitrouter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.cache.CachedMarketData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The stream's health as the router sees it. Connected means a socket is open and carries the full
 * subscription; healthy additionally means a frame (data or the keepalive's answer) arrived within the
 * watchdog limit, counted from the connect when nothing has arrived since. Judged on every call from the
 * injected clock, so the router falls back to REST the moment silence passes the limit, before the
 * watchdog route has even forced the reconnect.
 * <p>
 * Data is watched apart from the connection: keepalive answers and pongs prove the socket lives, not that the
 * exchange still delivers. {@link #lastDataMillis()} moves only with stored market data, and the markets a
 * {@link StreamStallProbe} found stalled ({@link #markStalled}) stay stalled until data for them is stored again.
 */
public class StreamHealth implements StreamStatus {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHealth.class);

    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;
    private final long silenceLimitMillis;
    private final BooleanSupplier subscribed;
    private final BooleanSupplier anythingWanted;
    private final AtomicLong lastFrameMillis = new AtomicLong(NEVER);
    private final AtomicLong connectedAtMillis = new AtomicLong(NEVER);
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong keepaliveAnswers = new AtomicLong();
    private final AtomicLong lastDataMillis = new AtomicLong(NEVER);
    private final AtomicLong stalls = new AtomicLong();
    /** Stalled markets, with the time the probe found them so. */
    private final Map<String, Long> stalledSince = new ConcurrentHashMap<>();
    private final Map<String, MarketData> markets = new ConcurrentHashMap<>();
    private final AtomicLong connectionStalledAt = new AtomicLong(NEVER);
    private volatile boolean open;
    /** In a cluster, the leader's stream as this follower last heard of it; null: this process's own connection. */
    private volatile StreamStatus remote;
    private volatile Consumer<CachedMarketData> storedListener;

    /** A stream that is always wanted (never idle). */
    public StreamHealth(Clock clock, long silenceLimitMillis, BooleanSupplier subscribed) {
        this(clock, silenceLimitMillis, subscribed, () -> true);
    }

    /**
     * @param subscribed     whether the open connection carries the full subscription
     * @param anythingWanted whether any stream is wanted; when not, and no socket is open, the stream is idle
     */
    public StreamHealth(Clock clock, long silenceLimitMillis, BooleanSupplier subscribed, BooleanSupplier anythingWanted) {
        this.clock = clock;
        this.silenceLimitMillis = silenceLimitMillis;
        this.subscribed = subscribed;
        this.anythingWanted = anythingWanted;
    }

    @Override
    public boolean isIdle() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.isIdle();
        }
        return !open && !anythingWanted.getAsBoolean();
    }

    /** Any frame counts as life, whatever it holds. */
    public void frameReceived() {
        lastFrameMillis.set(clock.millis());
    }

    /**
     * A market data message was stored: data flows for its market, which is no longer stalled. Called for every
     * stored message: a map read and two plain writes while nothing is stalled.
     */
    public void dataStored(CachedMarketData entry) {
        long now = clock.millis();
        lastDataMillis.set(now);
        String symbol = entry.key().code();
        MarketData mark = markets.get(symbol);
        if (mark == null) {
            mark = markets.computeIfAbsent(symbol, s -> new MarketData());
        }
        mark.storedAt = now;
        JsonNode tradeTime = entry.restShape().get("trade_timestamp");
        long traded = tradeTime != null && tradeTime.canConvertToLong() ? tradeTime.asLong() : entry.eventTimeMillis();
        if (traded > mark.tradedUntil) {
            mark.tradedUntil = traded;
        }
        if (connectionStalledAt.get() != NEVER && connectionStalledAt.getAndSet(NEVER) != NEVER) {
            LOG.info("Stream data flows again after a stall");
        }
        if (!stalledSince.isEmpty() && stalledSince.remove(symbol) != null) {
            LOG.info("Stream data for {} flows again: its cache entries are served again", symbol);
        }
        Consumer<CachedMarketData> listener = storedListener;
        if (listener != null) {
            listener.accept(entry);
        }
    }

    /**
     * Called with every entry this process's stream stored, on the ingest thread (the cluster's leader publishes them);
     * keep it quick. Null removes it.
     */
    public void onDataStored(Consumer<CachedMarketData> listener) {
        this.storedListener = listener;
    }

    /**
     * A cluster follower holds no connection: while {@code leader} is set, connected, healthy, idle and stalled answer from
     * it (the leader's stream as last reported), not from this process's socket. Null returns to this process's own.
     */
    public void followRemote(StreamStatus leader) {
        this.remote = leader;
    }

    /**
     * The whole connection stalled: no data at all while the exchange traded. Every market counts as stalled until
     * data is stored again, whatever the socket answers.
     */
    public void markConnectionStalled() {
        connectionStalledAt.compareAndSet(NEVER, clock.millis());
    }

    @Override
    public boolean isConnectionStalled() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.isConnectionStalled();
        }
        return connectionStalledAt.get() != NEVER;
    }

    /**
     * What the stream last delivered for a market: when this process stored it (injected clock) and how far the
     * exchange had traded by then (exchange time: a ticker's trade time, else the item's timestamp). Written by the
     * ingest thread only, so plain volatile fields suffice.
     */
    public static final class MarketData {
        volatile long storedAt = Long.MIN_VALUE;
        volatile long tradedUntil = Long.MIN_VALUE;

        public long storedAtMillis() {
            return storedAt;
        }

        public long tradedUntilMillis() {
            return tradedUntil;
        }
    }

    /** What the stream last delivered for a market, if anything since start. */
    public Optional<MarketData> delivered(String symbol) {
        return Optional.ofNullable(markets.get(symbol));
    }

    /** Forgets markets no longer subscribed, so the record stays bounded by the subscription. */
    public void retainMarkets(Set<String> symbols) {
        markets.keySet().retainAll(symbols);
    }

    /** When market data was last stored, by the injected clock; {@link Long#MIN_VALUE} when never. */
    public long lastDataMillis() {
        return lastDataMillis.get();
    }

    /** When the current connection opened, by the injected clock; {@link Long#MIN_VALUE} when never. */
    public long connectedAtMillis() {
        return connectedAtMillis.get();
    }

    /** Marks markets as stalled (the exchange is ahead of what the stream delivered) until their data is stored again. */
    public void markStalled(Collection<String> symbols) {
        long now = clock.millis();
        for (String symbol : symbols) {
            if (stalledSince.putIfAbsent(symbol, now) == null) {
                stalls.incrementAndGet();
            }
        }
    }

    @Override
    public boolean isStalled(String symbol) {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.isStalled(symbol);
        }
        return connectionStalledAt.get() != NEVER || (!stalledSince.isEmpty() && stalledSince.containsKey(symbol));
    }

    @Override
    public Set<String> stalledSymbols() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.stalledSymbols();
        }
        return Set.copyOf(stalledSince.keySet());
    }

    /** Markets found stalled since start (each finding counted once until the market's data flows again). */
    public long stalls() {
        return stalls.get();
    }

    /** A {@code {"status":"UP"}} answer to the keepalive PING arrived. */
    public void keepaliveAnswered() {
        keepaliveAnswers.incrementAndGet();
    }

    /** Keepalive answers received since start. */
    public long keepaliveAnswers() {
        return keepaliveAnswers.get();
    }

    public void connected() {
        connectedAtMillis.set(clock.millis());
        connects.incrementAndGet();
        open = true;
    }

    public void disconnected() {
        if (open) {
            disconnects.incrementAndGet();
        }
        open = false;
    }

    @Override
    public boolean isConnected() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.isConnected();
        }
        return open && subscribed.getAsBoolean();
    }

    @Override
    public boolean isHealthy() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.isHealthy();
        }
        return isConnected() && !isSilent();
    }

    /** True when a socket is open but nothing arrived within the watchdog limit. */
    public boolean isSilent() {
        if (!open) {
            return false;
        }
        long lastLife = Math.max(lastFrameMillis.get(), connectedAtMillis.get());
        return clock.millis() - lastLife > silenceLimitMillis;
    }

    @Override
    public OptionalLong lastMessageAgeMillis() {
        StreamStatus leader = remote;
        if (leader != null) {
            return leader.lastMessageAgeMillis();
        }
        long last = lastFrameMillis.get();
        return last == NEVER ? OptionalLong.empty() : OptionalLong.of(Math.max(0, clock.millis() - last));
    }

    public long silenceLimitMillis() {
        return silenceLimitMillis;
    }

    /** Connections opened since start. */
    public long connects() {
        return connects.get();
    }

    /** Connections lost since start (dropped by the exchange or closed by the watchdog). */
    public long disconnects() {
        return disconnects.get();
    }
}
