package io.upbitrouter.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper for the exchange's data, on every path (stream, REST, cache, facade, taps): a number is
 * read as {@link java.math.BigDecimal} (never {@code double}), kept with its scale, and written back plain, so
 * {@code 147058139316.34984} leaves this module exactly as the exchange wrote it: no exponent, no rounding, no
 * trailing zeros added or removed. (A number the exchange wrote in exponent form, {@code 1.5E-7}, is written
 * plain, {@code 0.00000015}: the same digits.) Integers stay integers. Thread-safe.
 */
public final class ExactJson {

    /** The shared, immutable mapper. Use {@link #text} rather than {@code JsonNode.toString()}, which writes exponents. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ExactJson() {
    }

    /** Parses JSON text; numbers as described above. */
    public static JsonNode read(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** Parses UTF-8 JSON bytes; numbers as described above. */
    public static JsonNode read(byte[] utf8) throws IOException {
        return MAPPER.readTree(utf8);
    }

    /** The node as compact JSON text, numbers plain. */
    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** The node as compact UTF-8 JSON, numbers plain. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // a tree of nodes always serialises; anything else is a bug worth failing loudly on
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }
}
