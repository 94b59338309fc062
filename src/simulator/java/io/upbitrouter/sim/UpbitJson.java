package io.upbitrouter.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static io.upbitrouter.sim.UpbitTime.KST;

/**
 * Upbit's JSON shapes, REST and WebSocket (DEFAULT and SIMPLE), field for field as the fixtures
 * show them. Numbers are written plainly ({@code 140000000}, {@code 0.00625758}), never in exponent form.
 */
final class UpbitJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private UpbitJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Upbit's error body; {@code name} is a string or, for 400/404, a number. */
    static ObjectNode error(Object name, String message) {
        ObjectNode e = object();
        if (name instanceof Number n) {
            e.put("name", n.intValue());
        } else {
            e.put("name", String.valueOf(name));
        }
        e.put("message", message);
        ObjectNode root = object();
        root.set("error", e);
        return root;
    }

    /**
     * A quantity as the exchange writes it: up to 8 decimals of the exact binary value, so a large accumulation
     * carries up to 20 significant digits ({@code 147058139316.34985352}) that no {@code double} holds, as
     * Upbit's own sums do: a client that reads numbers through {@code double} visibly changes them.
     */
    static BigDecimal num(double v) {
        return plain(new BigDecimal(v).setScale(8, RoundingMode.HALF_UP));
    }

    static BigDecimal rate(double v) {
        return plain(BigDecimal.valueOf(v).setScale(10, RoundingMode.HALF_UP));
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String change(double price, double prev) {
        return price > prev ? "RISE" : price < prev ? "FALL" : "EVEN";
    }

    // ---- REST --------------------------------------------------------------------------------

    static ObjectNode restTicker(TickerView v) {
        Trade last = v.last();
        double price = last.price();
        TradeSummary d = v.today();
        double diff = price - v.prevClose();
        ObjectNode o = object();
        o.put("market", v.market());
        o.put("trade_date", UpbitTime.compactDate(last.timestamp(), ZoneOffset.UTC));
        o.put("trade_time", UpbitTime.compactTime(last.timestamp(), ZoneOffset.UTC));
        o.put("trade_date_kst", UpbitTime.compactDate(last.timestamp(), KST));
        o.put("trade_time_kst", UpbitTime.compactTime(last.timestamp(), KST));
        o.put("trade_timestamp", last.timestamp());
        o.put("opening_price", num(d.isEmpty() ? price : d.open));
        o.put("high_price", num(d.isEmpty() ? price : d.high));
        o.put("low_price", num(d.isEmpty() ? price : d.low));
        o.put("trade_price", num(price));
        o.put("prev_closing_price", num(v.prevClose()));
        o.put("change", change(price, v.prevClose()));
        o.put("change_price", num(Math.abs(diff)));
        o.put("change_rate", rate(Math.abs(diff) / v.prevClose()));
        o.put("signed_change_price", num(diff));
        o.put("signed_change_rate", rate(diff / v.prevClose()));
        o.put("trade_volume", num(last.volume()));
        o.put("acc_trade_price", num(d.accPrice));
        o.put("acc_trade_price_24h", num(v.accTradePrice24h()));
        o.put("acc_trade_volume", num(d.accVolume));
        o.put("acc_trade_volume_24h", num(v.accTradeVolume24h()));
        o.put("highest_52_week_price", num(v.high52()));
        o.put("highest_52_week_date", UpbitTime.date(v.high52At(), ZoneOffset.UTC));
        o.put("lowest_52_week_price", num(v.low52()));
        o.put("lowest_52_week_date", UpbitTime.date(v.low52At(), ZoneOffset.UTC));
        o.put("timestamp", last.timestamp());
        return o;
    }

    static ObjectNode restCandle(Candle c) {
        TradeSummary s = c.summary();
        ObjectNode o = object();
        o.put("market", c.market());
        o.put("candle_date_time_utc", UpbitTime.candle(c.start(), ZoneOffset.UTC));
        o.put("candle_date_time_kst", UpbitTime.candle(c.start(), KST));
        o.put("opening_price", num(s.open));
        o.put("high_price", num(s.high));
        o.put("low_price", num(s.low));
        o.put("trade_price", num(s.close));
        o.put("timestamp", s.lastTimestamp);
        o.put("candle_acc_trade_price", num(s.accPrice));
        o.put("candle_acc_trade_volume", num(s.accVolume));
        switch (c.period()) {
            case DAY -> {
                o.put("prev_closing_price", num(c.prevClose()));
                o.put("change_price", num(s.close - c.prevClose()));
                o.put("change_rate", rate((s.close - c.prevClose()) / c.prevClose()));
            }
            case WEEK, MONTH, YEAR -> o.put("first_day_of_period", UpbitTime.date(c.start(), ZoneOffset.UTC));
            case SECOND_1 -> { }
            default -> o.put("unit", c.period().minutes());
        }
        return o;
    }

    static ObjectNode restTrade(Trade t, double prevClose) {
        ObjectNode o = object();
        o.put("market", t.market());
        o.put("trade_date_utc", UpbitTime.date(t.timestamp(), ZoneOffset.UTC));
        o.put("trade_time_utc", UpbitTime.time(t.timestamp(), ZoneOffset.UTC));
        o.put("timestamp", t.timestamp());
        o.put("trade_price", num(t.price()));
        o.put("trade_volume", num(t.volume()));
        o.put("prev_closing_price", num(prevClose));
        o.put("change_price", num(t.price() - prevClose));
        o.put("ask_bid", t.askBid());
        o.put("sequential_id", t.sequentialId());
        return o;
    }

    static ObjectNode restOrderbook(Orderbook b) {
        ObjectNode o = object();
        o.put("market", b.market());
        o.put("timestamp", b.timestamp());
        orderbookBody(o, b);
        o.put("level", num(b.level()));
        return o;
    }

    private static void orderbookBody(ObjectNode o, Orderbook b) {
        double asks = 0;
        double bids = 0;
        ArrayNode units = array();
        for (Orderbook.Unit u : b.units()) {
            asks += u.askSize();
            bids += u.bidSize();
            ObjectNode n = units.addObject();
            n.put("ask_price", num(u.askPrice()));
            n.put("bid_price", num(u.bidPrice()));
            n.put("ask_size", num(u.askSize()));
            n.put("bid_size", num(u.bidSize()));
        }
        o.put("total_ask_size", num(asks));
        o.put("total_bid_size", num(bids));
        o.set("orderbook_units", units);
    }

    static ObjectNode marketInfo(MarketSpec m, boolean details) {
        ObjectNode o = object();
        o.put("market", m.code());
        o.put("korean_name", m.koreanName());
        o.put("english_name", m.englishName());
        if (details) {
            ObjectNode event = o.putObject("market_event");
            event.put("warning", false);
            ObjectNode caution = event.putObject("caution");
            for (String k : new String[] {"PRICE_FLUCTUATIONS", "TRADING_VOLUME_SOARING", "DEPOSIT_AMOUNT_SOARING",
                    "GLOBAL_PRICE_DIFFERENCES", "CONCENTRATION_OF_SMALL_ACCOUNTS"}) {
                caution.put(k, false);
            }
        }
        return o;
    }

    // ---- WebSocket (DEFAULT shape; stream_type is added when sent) ------------------------------

    static ObjectNode wsTicker(TickerView v) {
        Trade last = v.last();
        double price = last.price();
        TradeSummary d = v.today();
        double diff = price - v.prevClose();
        ObjectNode o = object();
        o.put("type", "ticker");
        o.put("code", v.market());
        o.put("opening_price", num(d.isEmpty() ? price : d.open));
        o.put("high_price", num(d.isEmpty() ? price : d.high));
        o.put("low_price", num(d.isEmpty() ? price : d.low));
        o.put("trade_price", num(price));
        o.put("prev_closing_price", num(v.prevClose()));
        o.put("acc_trade_price", num(d.accPrice));
        o.put("change", change(price, v.prevClose()));
        o.put("change_price", num(Math.abs(diff)));
        o.put("signed_change_price", num(diff));
        o.put("change_rate", rate(Math.abs(diff) / v.prevClose()));
        o.put("signed_change_rate", rate(diff / v.prevClose()));
        o.put("ask_bid", last.askBid());
        o.put("trade_volume", num(last.volume()));
        o.put("acc_trade_volume", num(d.accVolume));
        o.put("trade_date", UpbitTime.compactDate(last.timestamp(), ZoneOffset.UTC));
        o.put("trade_time", UpbitTime.compactTime(last.timestamp(), ZoneOffset.UTC));
        o.put("trade_timestamp", last.timestamp());
        o.put("acc_ask_volume", num(d.askVolume));
        o.put("acc_bid_volume", num(d.accVolume - d.askVolume));
        o.put("highest_52_week_price", num(v.high52()));
        o.put("highest_52_week_date", UpbitTime.date(v.high52At(), ZoneOffset.UTC));
        o.put("lowest_52_week_price", num(v.low52()));
        o.put("lowest_52_week_date", UpbitTime.date(v.low52At(), ZoneOffset.UTC));
        o.putNull("trade_status");
        o.put("market_state", "ACTIVE");
        o.putNull("market_state_for_ios");
        o.put("is_trading_suspended", false);
        o.putNull("delisting_date");
        o.put("market_warning", "NONE");
        o.put("timestamp", last.timestamp());
        o.put("acc_trade_price_24h", num(v.accTradePrice24h()));
        o.put("acc_trade_volume_24h", num(v.accTradeVolume24h()));
        return o;
    }

    static ObjectNode wsTrade(Trade t, double prevClose) {
        double diff = t.price() - prevClose;
        ObjectNode o = object();
        o.put("type", "trade");
        o.put("code", t.market());
        o.put("timestamp", t.timestamp());
        o.put("trade_date", UpbitTime.date(t.timestamp(), ZoneOffset.UTC));
        o.put("trade_time", UpbitTime.time(t.timestamp(), ZoneOffset.UTC));
        o.put("trade_timestamp", t.timestamp());
        o.put("trade_price", num(t.price()));
        o.put("trade_volume", num(t.volume()));
        o.put("ask_bid", t.askBid());
        o.put("prev_closing_price", num(prevClose));
        o.put("change", change(t.price(), prevClose));
        o.put("change_price", num(Math.abs(diff)));
        o.put("sequential_id", t.sequentialId());
        return o;
    }

    static ObjectNode wsOrderbook(Orderbook b) {
        ObjectNode o = object();
        o.put("type", "orderbook");
        o.put("code", b.market());
        o.put("timestamp", b.timestamp());
        orderbookBody(o, b);
        o.put("level", num(b.level()));
        return o;
    }

    static ObjectNode wsCandle(Candle c) {
        TradeSummary s = c.summary();
        ObjectNode o = object();
        o.put("type", c.period().wsType());
        o.put("code", c.market());
        o.put("candle_date_time_utc", UpbitTime.candle(c.start(), ZoneOffset.UTC));
        o.put("candle_date_time_kst", UpbitTime.candle(c.start(), KST));
        o.put("opening_price", num(s.open));
        o.put("high_price", num(s.high));
        o.put("low_price", num(s.low));
        o.put("trade_price", num(s.close));
        o.put("candle_acc_trade_volume", num(s.accVolume));
        o.put("candle_acc_trade_price", num(s.accPrice));
        o.put("timestamp", s.lastTimestamp);
        return o;
    }

    // ---- SIMPLE format -------------------------------------------------------------------------

    private static final Map<String, String> COMMON = Map.of("type", "ty", "code", "cd", "timestamp", "tms", "stream_type", "st");
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

    private static Map<String, String> merged(Map<String, String> specific) {
        Map<String, String> m = new HashMap<>(COMMON);
        m.putAll(specific);
        return Map.copyOf(m);
    }

    /** The SIMPLE-format twin of a DEFAULT message: the same values under Upbit's abbreviations. */
    static ObjectNode simple(ObjectNode message) {
        String type = message.path("type").asText();
        Map<String, String> names = type.equals("ticker") ? TICKER
                : type.equals("trade") ? TRADE
                : type.equals("orderbook") ? ORDERBOOK
                : type.startsWith("candle.") ? CANDLE : COMMON;
        return rename(message, names);
    }

    private static ObjectNode rename(ObjectNode in, Map<String, String> names) {
        ObjectNode out = object();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                ArrayNode a = array();
                for (JsonNode item : v) {
                    a.add(item.isObject() ? rename((ObjectNode) item, names) : item);
                }
                v = a;
            }
            out.set(names.getOrDefault(e.getKey(), e.getKey()), v);
        }
        return out;
    }
}
