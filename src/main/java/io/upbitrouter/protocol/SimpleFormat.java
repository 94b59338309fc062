package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Upbit's WebSocket SIMPLE format: the abbreviations of each message type's field names ({@code ty} type, {@code cd}
 * code, {@code tp} trade_price, {@code sid} sequential_id, {@code obu} orderbook_units ...), written once for both
 * ways: {@link #expand} reads the exchange's SIMPLE messages, {@link #abbreviate} writes them for local clients.
 * One full name may have two abbreviations in different types (a ticker's {@code trade_date} is {@code tdt}, a
 * trade's is {@code td}); every abbreviation names one field, so expanding needs no type.
 */
public final class SimpleFormat {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

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
            Map.entry("sequential_id", "sid"), Map.entry("best_ask_price", "bap"), Map.entry("best_ask_size", "bas"),
            Map.entry("best_bid_price", "bbp"), Map.entry("best_bid_size", "bbs")));
    private static final Map<String, String> ORDERBOOK = merged(Map.ofEntries(
            Map.entry("total_ask_size", "tas"), Map.entry("total_bid_size", "tbs"), Map.entry("orderbook_units", "obu"),
            Map.entry("ask_price", "ap"), Map.entry("bid_price", "bp"), Map.entry("ask_size", "as"),
            Map.entry("bid_size", "bs"), Map.entry("level", "lv")));
    private static final Map<String, String> CANDLE = merged(Map.ofEntries(
            Map.entry("candle_date_time_utc", "cdttmu"), Map.entry("candle_date_time_kst", "cdttmk"),
            Map.entry("opening_price", "op"), Map.entry("high_price", "hp"), Map.entry("low_price", "lp"),
            Map.entry("trade_price", "tp"), Map.entry("candle_acc_trade_volume", "catv"),
            Map.entry("candle_acc_trade_price", "catp")));
    /** Every abbreviation of every type, back to its full name. */
    private static final Map<String, String> EXPANSIONS = expansions();

    private SimpleFormat() {
    }

    private static Map<String, String> merged(Map<String, String> specific) {
        Map<String, String> names = new HashMap<>(COMMON);
        names.putAll(specific);
        return Map.copyOf(names);
    }

    private static Map<String, String> expansions() {
        Map<String, String> back = new HashMap<>();
        for (Map<String, String> type : new Map[] {TICKER, TRADE, ORDERBOOK, CANDLE}) {
            type.forEach((full, abbreviation) -> {
                String before = back.put(abbreviation, full);
                if (before != null && !before.equals(full)) {
                    throw new IllegalStateException(abbreviation + " abbreviates both " + before + " and " + full);
                }
            });
        }
        return Map.copyOf(back);
    }

    /** Whether a message is in SIMPLE format (it says {@code ty}, not {@code type}). */
    public static boolean isSimple(ObjectNode message) {
        return message.has("ty") && !message.has("type");
    }

    /**
     * The DEFAULT-format twin of a SIMPLE message, nested units included; a DEFAULT message is returned as it is.
     * Values are the message's own nodes.
     */
    public static ObjectNode expand(ObjectNode message) {
        return isSimple(message) ? rename(message, EXPANSIONS) : message;
    }

    /** The SIMPLE-format twin of a DEFAULT message: the same values under the abbreviations of its type. */
    public static ObjectNode abbreviate(ObjectNode message) {
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
