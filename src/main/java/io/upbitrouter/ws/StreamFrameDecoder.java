package io.upbitrouter.ws;

import io.upbitrouter.protocol.RestShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import io.upbitrouter.model.CandleInterval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Decodes a stream frame ({@code byte[]} from binary frames, {@code String} from text frames) with
 * Jackson and classifies it. Never throws: whatever cannot be used becomes an {@link StreamFrame.Kind#UNDECODABLE}
 * or {@link StreamFrame.Kind#EXCHANGE_ERROR} frame for the dead-letter route, so one bad frame never stops the stream.
 * Thread-safe; quick enough for the consumer's worker threads.
 */
public class StreamFrameDecoder {

    private static final int EXCERPT_LENGTH = 160;

    private final ObjectMapper mapper;
    private final Clock clock;

    public StreamFrameDecoder(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Decodes one frame body; the receive time is taken from the injected clock. */
    public StreamFrame decode(Object body) {
        JsonNode node;
        try {
            node = body instanceof byte[] bytes ? mapper.readTree(bytes) : mapper.readTree(String.valueOf(body));
        } catch (IOException | RuntimeException e) {
            return undecodable("undecodable", body);
        }
        if (node == null || !node.isObject()) {
            return undecodable("undecodable", body);
        }
        ObjectNode message = (ObjectNode) node;
        if (message.has("status") && message.size() == 1) {
            return new StreamFrame(StreamFrame.Kind.STATUS, null, null, null, excerpt(body));
        }
        if (message.has("error")) {
            String name = message.path("error").path("name").asText("UNKNOWN");
            return new StreamFrame(StreamFrame.Kind.EXCHANGE_ERROR, null, null, "exchange-error:" + name, excerpt(body));
        }
        ObjectNode ws = RestShape.expandSimple(message);
        Optional<ObjectNode> rest = RestShape.of(ws);
        if (rest.isEmpty()) {
            return undecodable("unsupported-message", body);
        }
        return toData(ws, rest.get(), body);
    }

    private StreamFrame toData(ObjectNode ws, ObjectNode rest, Object body) {
        String type = ws.get("type").asText();
        String code = ws.get("code").asText();
        MarketKey key = MarketKey.ofWsType(type, code).orElseThrow(); // RestShape.of accepted only the streamed types
        // ordered on the REST shape's timestamp (a trade's is its trade time), the basis REST-warmed entries use too
        CachedMarketData entry = CachedMarketData.of(key, rest, clock.millis());
        return new StreamFrame(StreamFrame.Kind.DATA, entry, entry.identity(), null, null);
    }

    private static StreamFrame undecodable(String kind, Object body) {
        return new StreamFrame(StreamFrame.Kind.UNDECODABLE, null, null, kind, excerpt(body));
    }

    private static String excerpt(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "...";
    }
}
