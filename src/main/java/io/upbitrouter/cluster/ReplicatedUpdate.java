package io.upbitrouter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.ws.StreamFrame;

/**
 * One cache entry the leader's stream stored, as it travels to the other members: the publishing member, the key, the
 * leader's receive time and the item's exact JSON (numbers as the exchange wrote them), one line each. Event time,
 * candle time and the same-millisecond order are derived from the JSON on arrival exactly as the leader derived them
 * ({@link CachedMarketData#of}), so every member applies the same ordering and duplicate rules to the same values.
 */
public record ReplicatedUpdate(String publisher, CachedMarketData entry) {

    public String encode() {
        try {
            return publisher + '\n' + entry.key() + '\n' + entry.receiveTimeMillis() + '\n'
                    + ExactJson.MAPPER.writeValueAsString(entry.restShape());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a cache entry", e);
        }
    }

    public static ReplicatedUpdate decode(String text) {
        int first = text.indexOf('\n');
        int second = text.indexOf('\n', first + 1);
        int third = text.indexOf('\n', second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException("not a replicated update");
        }
        try {
            JsonNode json = ExactJson.MAPPER.readTree(text.substring(third + 1));
            if (!(json instanceof ObjectNode item)) {
                throw new IllegalArgumentException("not a replicated update: the item is not an object");
            }
            CachedMarketData entry = CachedMarketData.of(text.substring(first + 1, second), item,
                    Long.parseLong(text.substring(second + 1, third)));
            return new ReplicatedUpdate(text.substring(0, first), entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a replicated update: " + e.getOriginalMessage(), e);
        }
    }

    /** The update as the stream's store route takes a decoded frame: deduplicated by identity, then offered in order. */
    public StreamFrame frame() {
        return new StreamFrame(StreamFrame.Kind.DATA, entry, entry.identity(), null, entry.key());
    }
}
