package io.upbitrouter.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.ws.StreamFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Cache entries the leader's stream stored, as they travel to the other members in one message: the publishing member
 * on the first line, then per entry its key, the leader's receive time and the item's exact JSON (numbers as the
 * exchange wrote them), one line each. Event time, candle time and the same-millisecond order are derived from the JSON
 * on arrival exactly as the leader derived them ({@link CachedMarketData#of}), so every member applies the same
 * ordering and duplicate rules to the same values. The leader sends a batch every few milliseconds rather than one
 * message per entry: the engine's per-message cost, not the entries, is what a follower must keep up with.
 */
public record ReplicatedUpdate(String publisher, List<CachedMarketData> entries) {

    public ReplicatedUpdate {
        entries = List.copyOf(entries);
    }

    public String encode() {
        StringBuilder out = new StringBuilder(64 + entries.size() * 400).append(publisher);
        try {
            for (CachedMarketData entry : entries) {
                out.append('\n').append(entry.key()).append('\n').append(entry.receiveTimeMillis()).append('\n')
                        .append(ExactJson.MAPPER.writeValueAsString(entry.restShape()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a cache entry", e);
        }
        return out.toString();
    }

    public static ReplicatedUpdate decode(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || (lines.length - 1) % 3 != 0) {
            throw new IllegalArgumentException("not a replicated update");
        }
        List<CachedMarketData> entries = new ArrayList<>((lines.length - 1) / 3);
        for (int i = 1; i < lines.length; i += 3) {
            try {
                JsonNode json = ExactJson.MAPPER.readTree(lines[i + 2]);
                if (!(json instanceof ObjectNode item)) {
                    throw new IllegalArgumentException("not a replicated update: an item is not an object");
                }
                MarketKey key = MarketKey.parse(lines[i])
                        .orElseThrow(() -> new IllegalArgumentException("not a replicated update: no key"));
                entries.add(CachedMarketData.of(key, item, Long.parseLong(lines[i + 1])));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a replicated update: " + e.getOriginalMessage(), e);
            }
        }
        return new ReplicatedUpdate(lines[0], entries);
    }

    /** The entries as the stream's store route takes decoded frames: past the duplicate filter, then offered in order. */
    public List<StreamFrame> frames() {
        List<StreamFrame> frames = new ArrayList<>(entries.size());
        for (CachedMarketData entry : entries) {
            frames.add(new StreamFrame(StreamFrame.Kind.DATA, entry, null, entry.key().toString(), null));
        }
        return frames;
    }
}
