package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a WebSocket message into the item Upbit's REST API would answer for the same data
 * (PROTOCOL.md: {@code code} becomes {@code market}, {@code type} and {@code stream_type} go, a WS trade's
 * {@code trade_date}/{@code trade_time} become {@code trade_date_utc}/{@code trade_time_utc}, minute candles get
 * {@code unit}). SIMPLE-format abbreviations are expanded first. The result carries exactly the REST fields
 * that can be derived, in REST order; fields the stream does not carry are left out rather than invented.
 */
public final class RestShape {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter KST_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(9));
    private static final DateTimeFormatter KST_TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.ofHours(9));

    static final List<String> TICKER_FIELDS = List.of("market", "trade_date", "trade_time", "trade_date_kst",
            "trade_time_kst", "trade_timestamp", "opening_price", "high_price", "low_price", "trade_price",
            "prev_closing_price", "change", "change_price", "change_rate", "signed_change_price", "signed_change_rate",
            "trade_volume", "acc_trade_price", "acc_trade_price_24h", "acc_trade_volume", "acc_trade_volume_24h",
            "highest_52_week_price", "highest_52_week_date", "lowest_52_week_price", "lowest_52_week_date", "timestamp");
    static final List<String> TRADE_FIELDS = List.of("market", "trade_date_utc", "trade_time_utc", "timestamp",
            "trade_price", "trade_volume", "prev_closing_price", "change_price", "ask_bid", "sequential_id");
    static final List<String> ORDERBOOK_FIELDS = List.of("market", "timestamp", "total_ask_size", "total_bid_size",
            "orderbook_units", "level");
    static final List<String> CANDLE_FIELDS = List.of("market", "candle_date_time_utc", "candle_date_time_kst",
            "opening_price", "high_price", "low_price", "trade_price", "timestamp", "candle_acc_trade_price",
            "candle_acc_trade_volume", "unit");

    /** SIMPLE format abbreviations (Upbit's WebSocket docs), per field; shared names mean the same thing in every type. */
    private RestShape() {
    }

    /** The DEFAULT-format twin of a SIMPLE message ({@link SimpleFormat#expand}); a DEFAULT message as it is. */
    public static ObjectNode expandSimple(ObjectNode message) {
        return SimpleFormat.expand(message);
    }

    /**
     * The REST item for a decoded stream message (DEFAULT or SIMPLE format), or empty when the type is
     * not one this module stores or a field the REST shape needs ({@code code}, {@code timestamp}) is missing.
     */
    public static Optional<ObjectNode> of(ObjectNode wsMessage) {
        ObjectNode ws = expandSimple(wsMessage);
        String type = ws.path("type").asText("");
        if (!ws.path("code").isTextual() || !ws.path("timestamp").canConvertToLong()) {
            return Optional.empty();
        }
        ObjectNode rest = switch (type) {
            case "ticker" -> ticker(ws);
            case "trade" -> trade(ws);
            case "orderbook" -> pick(ws, ORDERBOOK_FIELDS);
            default -> CandleInterval.fromWsType(type).map(interval -> candle(ws, interval)).orElse(null);
        };
        return Optional.ofNullable(rest);
    }

    private static ObjectNode ticker(ObjectNode ws) {
        // REST also answers the trade time in KST; the stream only carries the epoch, so derive it.
        Map<String, JsonNode> derived = Map.of();
        if (ws.path("trade_timestamp").canConvertToLong()) {
            Instant tradeTime = Instant.ofEpochMilli(ws.get("trade_timestamp").asLong());
            derived = Map.of("trade_date_kst", JSON.textNode(KST_DATE.format(tradeTime)),
                    "trade_time_kst", JSON.textNode(KST_TIME.format(tradeTime)));
        }
        return pick(ws, TICKER_FIELDS, derived);
    }

    private static ObjectNode trade(ObjectNode ws) {
        Map<String, JsonNode> derived = new java.util.HashMap<>();
        derived.put("trade_date_utc", orNull(ws.get("trade_date")));
        derived.put("trade_time_utc", orNull(ws.get("trade_time")));
        // A REST tick's timestamp is the trade's time; the stream's own timestamp is when it was sent.
        if (ws.path("trade_timestamp").canConvertToLong()) {
            derived.put("timestamp", ws.get("trade_timestamp"));
        }
        return pick(ws, TRADE_FIELDS, derived);
    }

    private static ObjectNode candle(ObjectNode ws, CandleInterval interval) {
        if (!ws.path("candle_date_time_utc").isTextual()) {
            return null;
        }
        return pick(ws, CANDLE_FIELDS, interval.minuteUnit() > 0
                ? Map.of("unit", JSON.numberNode(interval.minuteUnit())) : Map.of());
    }

    /** A missing source field copied over explicitly reads as JSON null, as {@code ObjectNode.set(name, null)} does. */
    private static JsonNode orNull(JsonNode value) {
        return value == null ? JSON.nullNode() : value;
    }

    private static ObjectNode pick(ObjectNode source, List<String> restFields) {
        return pick(source, restFields, Map.of());
    }

    /** The REST fields in REST order: a derived value where given, else the source's field ({@code market} from {@code code}). */
    private static ObjectNode pick(ObjectNode source, List<String> restFields, Map<String, JsonNode> derived) {
        ObjectNode rest = JSON.objectNode();
        for (String field : restFields) {
            String from = "market".equals(field) ? "code" : field;
            JsonNode value = derived.containsKey(field) ? derived.get(field) : source.get(from);
            if (value != null && !value.isMissingNode()) {
                rest.set(field, value);
            }
        }
        return rest;
    }
}
