package io.upbitrouter.ws;

import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.cache.RealtimeCache;

import io.upbitrouter.protocol.MarketKey;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What the stream does with one frame, in one step on the thread that received it: marks the connection alive,
 * decodes the frame, and for market data skips a duplicate ({@link StreamDuplicateFilter}) and offers the rest to the
 * realtime cache under its ordering rule. The ingest route's first step calls it, and the stream's consumer calls it
 * directly for data frames (see {@link SupervisedClientConsumer}): one decode, one map look-up for duplicates and one
 * compare-and-set per frame, no exchange and no hand-off to another thread.
 * <p>
 * Thread-safe. Counts what it did ({@link #figures()}); never throws for a bad frame (the decoder classifies it).
 */
public class StreamIngest {

    /** What the ingest did since start. */
    public record Figures(long frames, long dataFrames, long stored, long duplicates, long older) {
    }

    private final StreamHealth health;
    private final StreamFrameDecoder decoder;
    private final StreamDuplicateFilter duplicates;
    private final RealtimeCache cache;
    private final LongAdder frames = new LongAdder();
    private final LongAdder dataFrames = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder older = new LongAdder();
    private volatile Predicate<MarketKey> storedItemsWanted = key -> false;
    private volatile Predicate<CachedMarketData> storedItemsTap;
    private final List<HandOver> handOvers = new CopyOnWriteArrayList<>();

    public StreamIngest(StreamHealth health, StreamFrameDecoder decoder, StreamDuplicateFilter duplicates,
                        RealtimeCache cache) {
        this.health = health;
        this.decoder = decoder;
        this.duplicates = duplicates;
        this.cache = cache;
    }

    /**
     * Takes one frame body ({@code byte[]}, a binary frame's Vert.x {@code Buffer}, or {@code String}). A {@link StreamFrame} is a frame this ingest already
     * took (handed on to the route by the consumer) and is returned as it is.
     */
    public StreamFrame ingest(Object body) {
        if (body instanceof StreamFrame taken) {
            return taken;
        }
        health.frameReceived();
        frames.increment();
        StreamFrame frame = decoder.decode(body);
        if (!frame.isData()) {
            return frame;
        }
        return store(frame);
    }

    /**
     * The data part of {@link #ingest}, for a data frame decoded elsewhere (a cluster member's replicated entries):
     * the duplicate check and the ordered offer. Any other frame is returned as it is.
     */
    public StreamFrame store(StreamFrame frame) {
        if (!frame.isData() || frame.outcome() != null) {
            return frame;
        }
        dataFrames.increment();
        CachedMarketData entry = frame.entry();
        if (!duplicates.accept(entry, health.connects())) {
            skipped.increment();
            return frame.withOutcome(StreamFrame.Outcome.DUPLICATE);
        }
        if (!cache.offer(entry)) {
            older.increment();
            return frame.withOutcome(StreamFrame.Outcome.OLDER);
        }
        health.dataStored(entry);
        stored.increment();
        for (HandOver handOver : handOvers) {
            if (handOver.wanted.test(entry.key())) {
                handOver.queue.test(entry);
            }
        }
        return frame.withOutcome(StreamFrame.Outcome.STORED);
    }

    private record HandOver(Predicate<MarketKey> wanted, Predicate<CachedMarketData> queue) {
    }

    /**
     * Hands every item this ingest stores whose key {@code wanted} accepts to {@code queue} (e.g. a
     * {@link MarketUpdateTap} on the local WebSocket's own queue), on the thread that stored it, whatever the path
     * (fast path, the ingest route, the store route); apart from the market-updates tap, which only routes consuming
     * it decide on.
     */
    public void handStoredItems(Predicate<MarketKey> wanted, Predicate<CachedMarketData> queue) {
        handOvers.add(new HandOver(wanted, queue));
    }

    /**
     * True when the frame needs the rest of the ingest route: a keepalive answer, an error or an unusable frame,
     * or a stored item some route consuming the market updates wants ({@link MarketUpdateInterest}) that no tap took
     * ({@link #tapIfWanted}, asked first). A duplicate, an older item, or a stored item nobody wants is done.
     */
    public boolean needsRoute(StreamFrame frame) {
        return !frame.isData() || frame.isStored() && storedItemsWanted.test(frame.entry().key());
    }

    /**
     * Hands a stored item that some consuming route wants to the tap set by {@link #storedItemsTap}, on this thread;
     * returns whether the tap took it. Anything else, or no tap set, is left as it is.
     */
    public boolean tapIfWanted(StreamFrame frame) {
        Predicate<CachedMarketData> tap = storedItemsTap;
        return tap != null && frame.isStored() && storedItemsWanted.test(frame.entry().key()) && tap.test(frame.entry());
    }

    /**
     * Where the stream's consumer hands stored items that a consuming route wants ({@link #tapIfWanted}) instead of
     * running the ingest route for them (it answers whether it took the item); null: they go through the route's wire
     * tap (the route sets it).
     */
    public void storedItemsTap(Predicate<CachedMarketData> tap) {
        this.storedItemsTap = tap;
    }

    /** Whether a stored item under {@code key} goes on to the route's market-updates tap (the route sets the rule). */
    public boolean storedItemWanted(MarketKey key) {
        return storedItemsWanted.test(key);
    }

    /** Tells the ingest which stored items must go on to the route's market-updates tap, per key (the route sets it). */
    public void storedItemsWanted(Predicate<MarketKey> wanted) {
        this.storedItemsWanted = wanted == null ? key -> false : wanted;
    }

    public Figures figures() {
        return new Figures(frames.sum(), dataFrames.sum(), stored.sum(), skipped.sum(), older.sum());
    }
}
