package io.upbitrouter.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one DEFAULT-format stream data message straight from its frame into the REST item ({@link RestShape#of(RestShape.Fields)}),
 * in one pass of Jackson's streaming parser: no tree of the whole message first and no second copy, only the fields
 * the REST shape takes are built (a ticker's {@code acc_ask_volume}, {@code market_state} ... are skipped unread),
 * decimals are read from the parser's text without Jackson's general {@code BigDecimal} parser, and a nested object of
 * a few fields (an orderbook unit) holds them in a {@link SmallFieldMap}.
 * <p>
 * The values are the very nodes {@link ExactJson#read} makes of the same text (same node types; decimals as
 * {@link BigDecimal} with the digits and scale written; integers as int, long or big integer nodes by size), so the
 * item equals {@code RestShape.of(ExactJson.read(frame))} field for field (tests compare both on every fixture and on
 * generated messages). Anything else it leaves to that general path by answering null: a message in SIMPLE format
 * ({@code ty}), a status or error answer, a message RestShape refuses, a frame that is not one JSON object, or any
 * parse error. Thread-safe (a parser per call).
 */
public final class StreamMessageReader {

    /** A message read: its WebSocket {@code type} and {@code code} (both as the REST item carries them) and the item. */
    public record Read(String wsType, String code, ObjectNode rest) {
    }

    private static final JsonNodeFactory NODES = ExactJson.MAPPER.getNodeFactory();
    /** Field name to its slot: every name the REST shape reads. */
    private static final Map<String, Integer> SLOTS = slots();
    /** Names that mean this is not a DEFAULT data message: SIMPLE format, a status answer, an error. */
    private static final String SIMPLE_TYPE = "ty";
    private static final String STATUS = "status";
    private static final String ERROR = "error";
    private static final int MAX_COMPACT_DIGITS = 18;
    /** Objects of up to this many fields are held in a {@link SmallFieldMap}. */
    private static final int SMALL_OBJECT_FIELDS = 8;
    /** An array's first capacity: a full orderbook's 30 units. */
    private static final int ARRAY_CAPACITY = 30;


    private StreamMessageReader() {
    }

    private static Map<String, Integer> slots() {
        Map<String, Integer> slots = new HashMap<>();
        for (String name : RestShape.fieldsRead()) {
            slots.put(name, slots.size());
        }
        return Map.copyOf(slots);
    }

    /**
     * The message in the parser (positioned before its first token) as a REST item, or null when the general path
     * must decide (see the class comment). Does not close the parser.
     */
    public static Read read(JsonParser parser) {
        try {
            return readOrNull(parser);
        } catch (IOException | RuntimeException e) {
            return null; // the general path reports it
        }
    }

    private static Read readOrNull(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        JsonNode[] values = new JsonNode[SLOTS.size()];
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken token = p.nextToken();
            Integer slot = SLOTS.get(name);
            if (slot == null) {
                if (SIMPLE_TYPE.equals(name) || STATUS.equals(name) || ERROR.equals(name)) {
                    return null;
                }
                p.skipChildren();
                continue;
            }
            values[slot] = value(p, token);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return null;
        }
        ObjectNode rest = RestShape.of(field -> {
            Integer slot = SLOTS.get(field);
            return slot == null ? null : values[slot];
        });
        if (rest == null) {
            return null;
        }
        return new Read(values[SLOTS.get("type")].asText(), values[SLOTS.get("code")].asText(), rest);
    }

    /** The node of the current value, as Jackson's tree reader with {@link ExactJson}'s settings makes it. */
    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                // an orderbook unit's few fields in two arrays, not a hash map (SmallFieldMap); a larger object as usual
                Map<String, JsonNode> fields = new SmallFieldMap(4);
                int count = 0;
                String field;
                while ((field = p.nextFieldName()) != null) {
                    if (++count > SMALL_OBJECT_FIELDS && fields instanceof SmallFieldMap) {
                        fields = new LinkedHashMap<>(fields);
                    }
                    fields.put(field, value(p, p.nextToken()));
                }
                return new ObjectNode(NODES, fields);
            }
            case START_ARRAY: {
                // sized for a full orderbook's units, so the list does not grow four times while filled
                ArrayNode array = new ArrayNode(NODES, ARRAY_CAPACITY);
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(p, next));
                }
                return array;
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return decimalNode(p);
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new IOException("unexpected token " + token);
        }
    }

    /**
     * The node of a decimal, as written: {@code -12.340} is 12340 with scale 3, as {@code new BigDecimal("-12.340")};
     * plain decimals of up to 18 digits are read here, an exponent or more digits go to Jackson's own parser.
     */
    private static JsonNode decimalNode(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int at = p.getTextOffset();
        int end = at + p.getTextLength();
        boolean negative = at < end && text[at] == '-';
        if (negative) {
            at++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (int i = at; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_COMPACT_DIGITS) {
                    return DecimalNode.valueOf(p.getDecimalValue());
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return DecimalNode.valueOf(p.getDecimalValue()); // an exponent
            }
        }
        if (digits == 0) {
            return DecimalNode.valueOf(p.getDecimalValue());
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0)));
    }
}
