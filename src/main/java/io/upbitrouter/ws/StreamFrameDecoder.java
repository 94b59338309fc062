package io.upbitrouter.ws;

import io.upbitrouter.protocol.RestShape;
import io.upbitrouter.protocol.StreamMessageReader;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
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
 * Decodes a stream frame ({@code byte[]} or the Vert.x {@code Buffer} of a binary frame, {@code String} from text
 * frames) with Jackson and classifies it. Never throws: whatever cannot be used becomes an {@link StreamFrame.Kind#UNDECODABLE}
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

    /**
     * Decodes one frame body ({@code byte[]}, a Vert.x {@link Buffer} read in place, or {@code String}); the receive time is taken from the injected clock. A DEFAULT-format data message is
     * read straight into its REST item ({@link StreamMessageReader}); anything else (SIMPLE format, status and error
     * answers, frames that are not such a message) takes the general path: a Jackson tree, then {@link RestShape}.
     */
    public StreamFrame decode(Object body) {
        StreamMessageReader.Read read = readData(body);
        if (read != null) {
            return toData(read.wsType(), read.code(), read.rest());
        }
        if (body instanceof Buffer buffer) {
            body = buffer.getBytes();
        }
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
            return new StreamFrame(StreamFrame.Kind.STATUS, null, null, excerpt(body), null);
        }
        if (message.has("error")) {
            String name = message.path("error").path("name").asText("UNKNOWN");
            return new StreamFrame(StreamFrame.Kind.EXCHANGE_ERROR, null, "exchange-error:" + name, excerpt(body), null);
        }
        ObjectNode ws = RestShape.expandSimple(message);
        Optional<ObjectNode> rest = RestShape.of(ws);
        if (rest.isEmpty()) {
            return undecodable("unsupported-message", body);
        }
        return toData(ws.get("type").asText(), ws.get("code").asText(), rest.get());
    }

    /** The one-pass read of a DEFAULT data message, or null for the general path. */
    private StreamMessageReader.Read readData(Object body) {
        try (JsonParser parser = parser(body)) {
            return StreamMessageReader.read(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A parser over the frame: a binary frame's bytes where they lie (no copy), a text frame's characters. */
    private JsonParser parser(Object body) throws IOException {
        if (body instanceof byte[] bytes) {
            return mapper.getFactory().createParser(bytes);
        }
        if (body instanceof Buffer buffer) {
            ByteBuf bytes = buffer.getByteBuf();
            return bytes.hasArray()
                    ? mapper.getFactory().createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                    : mapper.getFactory().createParser(buffer.getBytes());
        }
        return mapper.getFactory().createParser(String.valueOf(body));
    }

    private StreamFrame toData(String type, String code, ObjectNode rest) {
        MarketKey key = MarketKey.ofStream(type, code); // RestShape.of accepted only the streamed types
        // ordered on the REST shape's timestamp (a trade's is its trade time), the basis REST-warmed entries use too
        CachedMarketData entry = CachedMarketData.of(key, rest, clock.millis());
        return new StreamFrame(StreamFrame.Kind.DATA, entry, null, null, null);
    }

    private static StreamFrame undecodable(String kind, Object body) {
        return new StreamFrame(StreamFrame.Kind.UNDECODABLE, null, kind, excerpt(body), null);
    }

    private static String excerpt(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "...";
    }
}
