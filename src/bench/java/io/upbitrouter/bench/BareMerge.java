package io.upbitrouter.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare-limit baselines of the ingest figure: what a hand-rolled consumer does per frame with
 * nothing around it. Parse with Jackson, then merge into a ConcurrentHashMap by the project's
 * ordering rule (later timestamp wins; candles by (candle time, timestamp)), which also drops exact
 * duplicates. Two variants: a tree ({@link ObjectNode}, what the cache stores) and a record (the
 * fastest Jackson can bind, but it keeps only the fields it names).
 */
public final class BareMerge {

    /** The tree variant's entry. */
    record TreeEntry(ObjectNode node, long timestamp, String candleTime) {
    }

    /** The record variant: the fields a router needs from any frame. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WsMessage(String type, String code, long timestamp,
                            @JsonProperty("trade_price") double tradePrice,
                            @JsonProperty("sequential_id") long sequentialId,
                            @JsonProperty("candle_date_time_utc") String candleDateTimeUtc,
                            @JsonProperty("stream_type") String streamType) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentHashMap<String, TreeEntry> trees = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, WsMessage> records = new ConcurrentHashMap<>();

    /** Parses one frame into a tree and merges it; returns whether it was stored. */
    public boolean mergeTree(byte[] frame) throws IOException {
        JsonNode node = mapper.readTree(frame);
        String type = node.get("type").asText();
        String code = node.get("code").asText();
        long ts = node.get("timestamp").asLong();
        JsonNode candle = node.get("candle_date_time_utc");
        String key = keyOf(type, code);
        TreeEntry fresh = new TreeEntry((ObjectNode) node, ts, candle == null ? null : candle.asText());
        return trees.merge(key, fresh, (old, neu) -> newer(neu.timestamp, neu.candleTime, old.timestamp, old.candleTime) ? neu : old) == fresh;
    }

    /** Binds one frame to a record and merges it; returns whether it was stored. */
    public boolean mergeRecord(byte[] frame) throws IOException {
        WsMessage message = mapper.readValue(frame, WsMessage.class);
        String key = keyOf(message.type(), message.code());
        return records.merge(key, message, (old, neu) ->
                newer(neu.timestamp(), neu.candleDateTimeUtc(), old.timestamp(), old.candleDateTimeUtc()) ? neu : old) == message;
    }

    public int size() {
        return Math.max(trees.size(), records.size());
    }

    static String keyOf(String type, String code) {
        return switch (type) {
            case "ticker" -> "ticker:" + code;
            case "trade" -> "trade:" + code;
            case "orderbook" -> "orderbook:" + code;
            default -> type.startsWith("candle.") ? "candle:" + type.substring(7) + ":" + code : type + ":" + code;
        };
    }

    static boolean newer(long ts, String candleTime, long oldTs, String oldCandleTime) {
        if (candleTime != null && oldCandleTime != null) {
            int c = candleTime.compareTo(oldCandleTime);
            if (c != 0) {
                return c > 0;
            }
        }
        return ts > oldTs;
    }
}
