package io.upbitrouter.wsproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.RealtimeCache;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.ws.SubscriptionDemand;
import io.upbitrouter.protocol.WsShape;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local clients of the facade's WebSocket and the streams each wants, fed from the module's one upstream
 * stream. A client's subscription becomes demand on the shared subscription ({@link SubscriptionDemand}); no
 * client opens anything upstream. Each stored stream item ({@link #publish}) goes to the clients of its stream
 * only, converted once per format to Upbit's WebSocket shape ({@link WsShape}, numbers exact through
 * {@link ExactJson}) and queued per client without waiting ({@link LocalStreamClient#enqueue}).
 * <p>
 * The first message a client gets for a stream is a {@code SNAPSHOT}: the cache's entry when it is fresh, sent at
 * subscription, else the next item the stream stores. Then {@code REALTIME}. Thread-safe: publish runs on the
 * fan-out route's thread, subscriptions on the sockets' threads.
 */
public final class LocalStreamHub {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RealtimeCache cache;
    private final SubscriptionDemand demand;
    private final Clock clock;
    private final long freshnessMillis;
    private final Set<LocalStreamClient> clients = ConcurrentHashMap.newKeySet();
    /** Stream key ({@code trade|KRW-BTC}) to the clients subscribed to it. */
    private final Map<String, Set<LocalStreamClient>> byStream = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    /** The cache keys of the streams in {@link #byStream}: what the fan-out wants from the stream. */
    private final Set<MarketKey> wanted = ConcurrentHashMap.newKeySet();
    /** Per stream key, the last item published, so a stream never goes back in time. */
    private final Map<String, CachedMarketData> lastPublished = new ConcurrentHashMap<>();

    public LocalStreamHub(RealtimeCache cache, SubscriptionDemand demand, Clock clock, long freshnessMillis) {
        this.cache = cache;
        this.demand = demand;
        this.clock = clock;
        this.freshnessMillis = freshnessMillis;
    }

    static String streamKey(String wsType, String code) {
        return wsType + "|" + code;
    }

    public void connected(LocalStreamClient client) {
        clients.add(client);
    }

    /** Forgets a client whose socket closed; its streams stay subscribed upstream until they go idle there. */
    public void disconnected(LocalStreamClient client) {
        client.closed();
        clients.remove(client);
        client.streams().keySet().forEach(key -> unindex(key, client));
    }

    public int clientCount() {
        return clients.size();
    }

    public Set<LocalStreamClient> clients() {
        return Set.copyOf(clients);
    }

    /**
     * Replaces the client's subscription (a new message replaces the previous one, as on Upbit), marks every
     * stream as demanded upstream, and queues a SNAPSHOT for each stream whose cache entry is fresh.
     */
    public void subscribe(LocalStreamClient client, LocalSubscription subscription) {
        Map<String, LocalStreamClient.StreamState> states = new LinkedHashMap<>();
        for (LocalSubscription.Request request : subscription.streams()) {
            request.codes().forEach((code, units) -> states.put(streamKey(request.type(), code),
                    new LocalStreamClient.StreamState(units, request.onlySnapshot(), request.onlyRealtime())));
        }
        synchronized (client) {
            client.streams().keySet().forEach(key -> unindex(key, client));
            client.replaceSubscription(subscription, states);
            for (Map.Entry<String, LocalStreamClient.StreamState> stream : states.entrySet()) {
                String[] parts = stream.getKey().split("\\|", 2);
                demand(parts[0], parts[1]);
                LocalStreamClient.StreamState state = stream.getValue();
                if (!state.onlyRealtime) {
                    freshEntry(parts[0], parts[1]).ifPresent(entry -> {
                        state.snapshotSent = true;
                        state.snapshot = entry;
                        client.enqueue(render(parts[0], entry.restShape(), "SNAPSHOT", state.units, subscription));
                    });
                }
                index(stream.getKey(), parts[0], parts[1], client);
            }
        }
    }

    /** Demands again every stream some client wants, so the upstream subscription keeps them while clients stay. */
    public int refreshDemand() {
        byStream.forEach((key, subscribers) -> {
            if (!subscribers.isEmpty()) {
                String[] parts = key.split("\\|", 2);
                demand(parts[0], parts[1]);
            }
        });
        return byStream.size();
    }

    /**
     * Sends one stored stream item (REST shape, cache key {@code ticker:KRW-BTC}, {@code candle:1m:KRW-BTC}) to the
     * clients of its stream. Never waits for a client.
     */
    public void publish(MarketKey cacheKey, ObjectNode restShape) {
        published.incrementAndGet();
        String wsType = cacheKey.streamable() ? cacheKey.wsType() : null;
        String key = wsType == null ? null : streamKey(wsType, cacheKey.code());
        Set<LocalStreamClient> subscribers = key == null ? null : byStream.get(key);
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        // one item at a time: the fan-out's queue has one consumer, but a caller may publish from another thread
        synchronized (this) {
            fanOut(key, wsType, cacheKey, restShape, subscribers);
        }
    }

    private void fanOut(String key, String wsType, MarketKey cacheKey, ObjectNode restShape,
                        Set<LocalStreamClient> subscribers) {
        // Stored items can come out of order (the stream's and a cluster member's are stored on different threads).
        // A state (ticker, orderbook, candle) never goes back: an item older than the last one sent
        // is skipped (CachedMarketData.isNewerThan, the cache's own rule). A trade is an event, not a state: every
        // trade the cache stored goes out once, late or not (Upbit's sequential_id promises no order either).
        CachedMarketData item = CachedMarketData.of(cacheKey, restShape, 0);
        if (!"trade".equals(wsType)) {
            boolean[] newer = {false};
            lastPublished.compute(key, (k, last) -> {
                newer[0] = item.isNewerThan(last);
                return newer[0] ? item : last;
            });
            if (!newer[0]) {
                outOfOrder.incrementAndGet();
                return;
            }
        }
        // one rendering per (format, stream type, units), shared by every client that wants the same bytes
        Map<String, byte[]> rendered = new HashMap<>();
        for (LocalStreamClient client : subscribers) {
            LocalSubscription subscription = client.subscription();
            LocalStreamClient.StreamState state;
            String streamType;
            synchronized (client) {
                state = client.streams().get(key);
                if (state == null || subscription != client.subscription()) {
                    continue;
                }
                if (state.snapshotSent) {
                    if (state.onlySnapshot || state.snapshot != null && !item.isNewerThan(state.snapshot)) {
                        continue; // nothing after the snapshot, or older than the snapshot already sent
                    }
                    streamType = "REALTIME";
                } else {
                    streamType = state.onlyRealtime ? "REALTIME" : "SNAPSHOT";
                    state.snapshotSent = true;
                }
            }
            String variant = subscription.format() + "|" + streamType + "|" + state.units;
            byte[] bytes = rendered.computeIfAbsent(variant,
                    v -> render(wsType, restShape, streamType, state.units, subscription));
            if (client.enqueue(bytes)) {
                delivered.incrementAndGet();
            }
        }
    }

    /**
     * Items published to the hub: the stored stream items the fan-out route received (those of streams some client
     * subscribed to when the stream stored them).
     */
    public long published() {
        return published.get();
    }

    /** Messages queued for clients. */
    public long delivered() {
        return delivered.get();
    }

    /** Items not sent because the stream had already sent a newer one (the tap saw them out of order). */
    public long outOfOrder() {
        return outOfOrder.get();
    }

    /** Messages dropped for slow clients, over the clients connected now. */
    public long dropped() {
        return clients.stream().mapToLong(LocalStreamClient::dropped).sum();
    }

    // wanted changes with byStream under the same key's lock, so a stream with clients is never left out of it
    private void index(String key, String wsType, String code, LocalStreamClient client) {
        byStream.compute(key, (k, set) -> {
            Set<LocalStreamClient> subscribers = set == null ? ConcurrentHashMap.newKeySet() : set;
            subscribers.add(client);
            MarketKey.ofWsType(wsType, code).ifPresent(wanted::add);
            return subscribers;
        });
    }

    private void unindex(String key, LocalStreamClient client) {
        byStream.computeIfPresent(key, (k, set) -> {
            set.remove(client);
            if (set.isEmpty()) {
                lastPublished.remove(k);
                String[] parts = k.split("\\|", 2);
                MarketKey.ofWsType(parts[0], parts[1]).ifPresent(wanted::remove);
                return null;
            }
            return set;
        });
    }

    /**
     * Whether some connected client subscribed to the stream of this cache key: the fan-out's interest in the
     * market-updates tap ({@code io.upbitrouter.ws.MarketUpdateInterest}), asked for every item the stream stores.
     */
    public boolean wants(MarketKey cacheKey) {
        return !wanted.isEmpty() && wanted.contains(cacheKey);
    }

    private Optional<CachedMarketData> freshEntry(String wsType, String code) {
        long now = clock.millis();
        return MarketKey.ofWsType(wsType, code).flatMap(cache::get).filter(entry -> entry.ageMillis(now) < freshnessMillis);
    }

    private void demand(String wsType, String code) {
        MarketKey.ofWsType(wsType, code).ifPresent(key -> demand.demand(key.type(), key.interval(), key.code()));
    }

    private static byte[] render(String wsType, ObjectNode restShape, String streamType, int units,
                                 LocalSubscription subscription) {
        ObjectNode message = WsShape.of(wsType, restShape, streamType, units);
        JsonNode out = subscription.simple() ? WsShape.simple(message) : message;
        if (subscription.list()) {
            ArrayNode list = JSON.arrayNode();
            list.add(out);
            out = list;
        }
        return ExactJson.bytes(out);
    }

    /** The hub's figures for a log line. */
    @Override
    public String toString() {
        return "clients=" + clients.size() + " streams=" + byStream.size() + " published=" + published.get()
                + " delivered=" + delivered.get() + " out-of-order-skipped=" + outOfOrder.get() + " dropped=" + dropped();
    }
}
