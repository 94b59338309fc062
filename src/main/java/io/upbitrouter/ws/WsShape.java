package io.upbitrouter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
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

    private static final Map<String, String> COMMON = Map.of("type", "ty", "code", "cd", "timestamp", "tms",
            "stream_type", "st");
    private static final Map<String, String> TICKER = merged(Map.ofEntries(
            Map.entry("opening_price", "op"), Map.entry("high_price", "hp"), Map.entry("low_price", "lp"),
            Map.entry("trade_price", "tp"), Map.entry("prev_closing_price", "pcp"), Map.entry("change", "c"),
            Map.entry("change_price", "cp"), Map.entry("signed_change_price", "scp"), Map.entry("change_rate", "cr"),
            Map.entry("signed_change_rate", "scr"), Map.entry("trade_volume", "tv"), Map.entry("acc_trade_volume", "atv"),
            Map.entry("acc_trade_volume_24h", "atv24h"), Map.entry("acc_trade_price", "atp"),
            Map.entry("acc_trade_price_24h", "atp24h"), Map.entry("trade_date", "tdt"), Map.entry("trade_time", "ttm"),
            Map.entry("trade_timestamp", "ttms"), Map.entry("ask_bid", "ab"), Map.entry("acc_ask_volume", "aav"),
            Map.entry("acc_bid_volume", "abv"), Map.entry("highest_52_week_price", "h52wp"),
            Map.entry("highest_52_week_date", "h52wdt"), Map.entry("lowest_52_week_price", "l52wp"),
            Map.entry("lowest_52_week_date", "l52wdt"), Map.entry("trade_status", "ts"), Map.entry("market_state", "ms"),
            Map.entry("market_state_for_ios", "msfi"), Map.entry("is_trading_suspended", "its"),
            Map.entry("delisting_date", "dd"), Map.entry("market_warning", "mw")));
    private static final Map<String, String> TRADE = merged(Map.ofEntries(
            Map.entry("trade_price", "tp"), Map.entry("trade_volume", "tv"), Map.entry("ask_bid", "ab"),
            Map.entry("prev_closing_price", "pcp"), Map.entry("change", "c"), Map.entry("change_price", "cp"),
            Map.entry("trade_date", "td"), Map.entry("trade_time", "ttm"), Map.entry("trade_timestamp", "ttms"),
            Map.entry("sequential_id", "sid")));
    private static final Map<String, String> ORDERBOOK = merged(Map.ofEntries(
            Map.entry("total_ask_size", "tas"), Map.entry("total_bid_size", "tbs"), Map.entry("orderbook_units", "obu"),
            Map.entry("ask_price", "ap"), Map.entry("bid_price", "bp"), Map.entry("ask_size", "as"),
            Map.entry("bid_size", "bs"), Map.entry("level", "lv")));
    private static final Map<String, String> CANDLE = merged(Map.ofEntries(
            Map.entry("candle_date_time_utc", "cdttmu"), Map.entry("candle_date_time_kst", "cdttmk"),
            Map.entry("opening_price", "op"), Map.entry("high_price", "hp"), Map.entry("low_price", "lp"),
            Map.entry("trade_price", "tp"), Map.entry("candle_acc_trade_volume", "catv"),
            Map.entry("candle_acc_trade_price", "catp")));

    private WsShape() {
    }

    private static Map<String, String> merged(Map<String, String> specific) {
        Map<String, String> names = new HashMap<>(COMMON);
        names.putAll(specific);
        return Map.copyOf(names);
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
            ArrayNode kept = JSON.arrayNode();
            for (int i = 0; i < units; i++) {
                kept.add(rest.get("orderbook_units").get(i));
            }
            ws.set("orderbook_units", kept);
        }
        ws.put("stream_type", streamType);
        return ws;
    }

    /** The SIMPLE-format twin of a DEFAULT message: the same values under Upbit's abbreviations. */
    public static ObjectNode simple(ObjectNode message) {
        String type = message.path("type").asText();
        Map<String, String> names = switch (type) {
            case "ticker" -> TICKER;
            case "trade" -> TRADE;
            case "orderbook" -> ORDERBOOK;
            default -> type.startsWith("candle.") ? CANDLE : COMMON;
        };
        return rename(message, names);
    }

    private static ObjectNode rename(ObjectNode in, Map<String, String> names) {
        ObjectNode out = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                ArrayNode renamed = JSON.arrayNode();
                value.forEach(item -> renamed.add(item.isObject() ? rename((ObjectNode) item, names) : item));
                value = renamed;
            }
            out.set(names.getOrDefault(field.getKey(), field.getKey()), value);
        }
        return out;
    }
}
