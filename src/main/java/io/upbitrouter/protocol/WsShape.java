package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The way back from {@link RestShape}: a cached item in Upbit's REST shape as the message Upbit's WebSocket sends
 * for it, in DEFAULT field names ({@link #of}) or SIMPLE abbreviations ({@link #simple}). {@code market} becomes
 * {@code code}, {@code type} and {@code stream_type} come first and last, a tick's {@code trade_date_utc} /
 * {@code trade_time_utc} become {@code trade_date} / {@code trade_time}, a ticker's KST fields and a candle's
 * {@code unit} go. Only what the cache holds can be sent: fields the stream carries but the REST shape does not
 * ({@code acc_ask_volume}, {@code market_state}, a trade's {@code best_*} prices ...) are absent, never invented.
 * Values are the cached nodes themselves (numbers with their exact digits); the result is a new tree.
 */
public final class WsShape {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final List<String> DROPPED = List.of("market", "trade_date_kst", "trade_time_kst", "unit",
            "trade_date_utc", "trade_time_utc");

    private WsShape() {
    }

    /**
     * The DEFAULT-format message for a REST-shaped item.
     *
     * @param wsType     the stream's type ({@code ticker}, {@code trade}, {@code orderbook}, {@code candle.1m} ...)
     * @param rest       the item in REST shape (not changed)
     * @param streamType {@code SNAPSHOT} or {@code REALTIME}
     * @param units      for orderbooks, the most units to keep (0 = all)
     */
    public static ObjectNode of(String wsType, ObjectNode rest, String streamType, int units) {
        ObjectNode ws = JSON.objectNode();
        ws.put("type", wsType);
        ws.set("code", rest.get("market"));
        Iterator<Map.Entry<String, JsonNode>> fields = rest.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!DROPPED.contains(field.getKey())) {
                ws.set(field.getKey(), field.getValue());
            }
        }
        if ("trade".equals(wsType)) {
            // a REST tick says trade_date_utc / trade_time_utc and stamps the trade time; the stream says both
            ws.set("trade_date", rest.get("trade_date_utc"));
            ws.set("trade_time", rest.get("trade_time_utc"));
            ws.set("trade_timestamp", rest.get("timestamp"));
        }
        if ("orderbook".equals(wsType) && units > 0 && rest.path("orderbook_units").size() > units) {
            // the book's totals cover the units sent: a book cut to fewer units gets the totals of those units, summed
            // exactly from their sizes as written
            ArrayNode kept = JSON.arrayNode();
            BigDecimal asks = BigDecimal.ZERO;
            BigDecimal bids = BigDecimal.ZERO;
            for (int i = 0; i < units; i++) {
                JsonNode unit = rest.get("orderbook_units").get(i);
                kept.add(unit);
                asks = asks.add(unit.path("ask_size").decimalValue());
                bids = bids.add(unit.path("bid_size").decimalValue());
            }
            ws.set("orderbook_units", kept);
            ws.set("total_ask_size", JSON.numberNode(plain(asks)));
            ws.set("total_bid_size", JSON.numberNode(plain(bids)));
        }
        ws.put("stream_type", streamType);
        return ws;
    }

    /** The SIMPLE-format twin of a DEFAULT message: the same values under Upbit's abbreviations ({@link SimpleFormat}). */
    public static ObjectNode simple(ObjectNode message) {
        return SimpleFormat.abbreviate(message);
    }

    /** A sum as the exchange writes numbers: no trailing zeros, never an exponent. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
