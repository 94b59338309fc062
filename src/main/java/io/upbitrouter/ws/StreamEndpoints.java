package io.upbitrouter.ws;

/** Endpoint URIs the realtime routes share. */
public final class StreamEndpoints {

    /**
     * The exchange's stream through the supervised vertx-websocket component. Consumer and producers use this
     * identical URI, so producers write on the consumer's socket. No Origin header: Upbit allows a connection
     * carrying one only once every 10 seconds (Vert.x sends one unless told not to).
     */
    public static final String STREAM = SupervisedWebsocketComponent.SCHEME
            + ":{{upbit.ws.url:wss://api.upbit.com/websocket/v1}}?consumeAsClient=true&allowOriginHeader=false";
    public static final String STORE = "direct:upbit-ws-store";
    public static final String DEAD_LETTER = "direct:upbit-ws-dead-letter";
    /** The realtime cache through camel-caffeine; the registry bean of that name is the cache. */
    public static final String CACHE = "caffeine-cache:upbitRealtimeEntries?createCacheIfNotExist=false";

    /** Exchange header carrying the deduplication key of a stream item. */
    public static final String DEDUP_KEY = "UpbitDedupKey";
    /** Exchange header set after the cache offer: true when the item was newer and stored. */
    public static final String STORED = "UpbitStored";
    /** Exchange header carrying the dead-letter kind. */
    public static final String DEAD_LETTER_KIND = "UpbitDeadLetterKind";

    private StreamEndpoints() {
    }
}
