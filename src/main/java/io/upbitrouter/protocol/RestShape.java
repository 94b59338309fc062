package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a WebSocket message into the item Upbit's REST API would answer for the same data
 * (PROTOCOL.md: {@code code} becomes {@code market}, {@code type} and {@code stream_type} go, a WS trade's
 * {@code trade_date}/{@code trade_time} become {@code trade_date_utc}/{@code trade_time_utc}, minute candles get
 * {@code unit}). SIMPLE-format abbreviations are expanded first. The result carries exactly the REST fields
 * that can be derived, in REST order; fields the stream does not carry are left out rather than invented.
 */
public final class RestShape {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ZoneOffset KST_OFFSET = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter KST_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(KST_OFFSET);

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
        return Optional.ofNullable(of(ws::get));
    }

    /** A DEFAULT-format stream message's top-level fields by name: the value, or null when the message has none. */
    @FunctionalInterface
    public interface Fields {
        JsonNode get(String name);
    }

    /**
     * The REST item for a DEFAULT-format stream message given field by field ({@link StreamMessageReader} reads them
     * straight from the frame), or null where {@link #of(ObjectNode)} is empty. The fields asked are
     * {@link #fieldsRead()}; the values are put in the item as they are, not copied.
     */
    public static ObjectNode of(Fields ws) {
        String type = path(ws, "type").asText("");
        if (!path(ws, "code").isTextual() || !path(ws, "timestamp").canConvertToLong()) {
            return null;
        }
        return switch (type) {
            case "ticker" -> ticker(ws);
            case "trade" -> trade(ws);
            case "orderbook" -> pick(ws, ORDERBOOK_FIELDS, null, null, null, null, null, null);
            default -> {
                CandleInterval interval = CandleInterval.fromWsType(type).orElse(null);
                yield interval == null ? null : candle(ws, interval);
            }
        };
    }

    /** Every top-level field name {@link #of(Fields)} may ask for, DEFAULT format. */
    public static Set<String> fieldsRead() {
        return FIELDS_READ;
    }

    private static final Set<String> FIELDS_READ = fieldsReadByOf();

    private static Set<String> fieldsReadByOf() {
        Set<String> names = new LinkedHashSet<>(List.of("type", "code", "timestamp", "trade_timestamp", "trade_date",
                "trade_time", "candle_date_time_utc"));
        for (List<String> fields : List.of(TICKER_FIELDS, TRADE_FIELDS, ORDERBOOK_FIELDS, CANDLE_FIELDS)) {
            fields.forEach(field -> names.add("market".equals(field) ? "code" : field));
        }
        return Set.copyOf(names);
    }

    private static JsonNode path(Fields ws, String name) {
        JsonNode value = ws.get(name);
        return value == null ? MissingNode.getInstance() : value;
    }

    private static ObjectNode ticker(Fields ws) {
        // REST also answers the trade time in KST; the stream only carries the epoch, so derive it.
        JsonNode tradeTimestamp = path(ws, "trade_timestamp");
        if (tradeTimestamp.canConvertToLong()) {
            long tradeTime = tradeTimestamp.asLong();
            return pick(ws, TICKER_FIELDS, "trade_date_kst", JSON.textNode(kstDate(tradeTime)),
                    "trade_time_kst", JSON.textNode(kstTime(tradeTime)), null, null);
        }
        return pick(ws, TICKER_FIELDS, null, null, null, null, null, null);
    }

    private static ObjectNode trade(Fields ws) {
        // A REST tick's timestamp is the trade's time; the stream's own timestamp is when it was sent.
        JsonNode tradeTimestamp = path(ws, "trade_timestamp");
        return pick(ws, TRADE_FIELDS, "trade_date_utc", orNull(ws.get("trade_date")),
                "trade_time_utc", orNull(ws.get("trade_time")),
                tradeTimestamp.canConvertToLong() ? "timestamp" : null, ws.get("trade_timestamp"));
    }

    private static ObjectNode candle(Fields ws, CandleInterval interval) {
        if (!path(ws, "candle_date_time_utc").isTextual()) {
            return null;
        }
        return interval.minuteUnit() > 0
                ? pick(ws, CANDLE_FIELDS, "unit", JSON.numberNode(interval.minuteUnit()), null, null, null, null)
                : pick(ws, CANDLE_FIELDS, null, null, null, null, null, null);
    }

    /** A missing source field copied over explicitly reads as JSON null, as {@code ObjectNode.set(name, null)} does. */
    private static JsonNode orNull(JsonNode value) {
        return value == null ? JSON.nullNode() : value;
    }

    /**
     * The REST fields in REST order: a derived value where given (up to three, by name), else the source's field
     * ({@code market} from {@code code}). The item's map is sized for its fields, so it never grows while filled.
     */
    private static ObjectNode pick(Fields source, List<String> restFields, String derived1, JsonNode value1,
                                   String derived2, JsonNode value2, String derived3, JsonNode value3) {
        ObjectNode rest = new ObjectNode(JSON, new LinkedHashMap<>(restFields.size() * 4 / 3 + 1));
        for (String field : restFields) {
            JsonNode value;
            if (field.equals(derived1)) {
                value = value1;
            } else if (field.equals(derived2)) {
                value = value2;
            } else if (field.equals(derived3)) {
                value = value3;
            } else {
                value = source.get("market".equals(field) ? "code" : field);
            }
            if (value != null && !value.isMissingNode()) {
                rest.set(field, value);
            }
        }
        return rest;
    }

    /** {@code yyyyMMdd} of an epoch millisecond in Korea (UTC+9, no daylight saving), as REST answers a ticker's. */
    static String kstDate(long epochMillis) {
        LocalDateTime kst = kst(epochMillis);
        int year = kst.getYear();
        if (year < 1000 || year > 9999) {
            return KST_DATE.format(Instant.ofEpochMilli(epochMillis));
        }
        char[] text = new char[8];
        digits(text, 0, year, 4);
        digits(text, 4, kst.getMonthValue(), 2);
        digits(text, 6, kst.getDayOfMonth(), 2);
        return new String(text);
    }

    /** {@code HHmmss} of an epoch millisecond in Korea. */
    static String kstTime(long epochMillis) {
        LocalDateTime kst = kst(epochMillis);
        char[] text = new char[6];
        digits(text, 0, kst.getHour(), 2);
        digits(text, 2, kst.getMinute(), 2);
        digits(text, 4, kst.getSecond(), 2);
        return new String(text);
    }

    // arithmetic instead of a zoned formatter: DateTimeFormatter.withZone builds zone rules on every call
    private static LocalDateTime kst(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, KST_OFFSET);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
