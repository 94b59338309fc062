package io.upbitrouter.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed WebSocket subscription message: a ticket, one or more types with their codes, and a
 * format. {@link #parse} applies Upbit's checks and names the error as Upbit does.
 */
record WsSubscription(String ticket, List<Stream> streams, String format) {

    static final Set<String> FORMATS = Set.of("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST");
    private static final Set<Integer> ORDERBOOK_UNITS = Set.of(1, 5, 15, 30);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,10}-[A-Z0-9]{1,20}(\\.\\d+)?");

    /** One requested type: codes (market codes, with orderbook unit counts where given) and options. */
    record Stream(String type, Map<String, Integer> codes, boolean onlySnapshot, boolean onlyRealtime, CandlePeriod period,
                  double level) {
    }

    /** A refused subscription, with Upbit's error name. */
    static final class Refusal extends Exception {
        final String name;

        Refusal(String name, String message) {
            super(message);
            this.name = name;
        }
    }

    boolean simple() {
        return format.startsWith("SIMPLE");
    }

    boolean list() {
        return format.endsWith("_LIST");
    }

    static WsSubscription parse(JsonNode root) throws Refusal {
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new Refusal("WRONG_FORMAT", "The request must be a JSON array of objects.");
        }
        String ticket = null;
        String format = "DEFAULT";
        List<Stream> streams = new ArrayList<>();
        for (JsonNode item : root) {
            if (!item.isObject()) {
                throw new Refusal("WRONG_FORMAT", "Every element of the request must be a JSON object.");
            }
            if (item.has("ticket")) {
                JsonNode t = item.get("ticket");
                if (!t.isTextual() || t.asText().isBlank()) {
                    throw new Refusal("NO_TICKET", "The ticket must be a non-empty string.");
                }
                ticket = t.asText();
            } else if (item.has("format")) {
                JsonNode f = item.get("format");
                if (!f.isTextual() || !FORMATS.contains(f.asText().toUpperCase(Locale.ROOT))) {
                    throw new Refusal("INVALID_PARAM", "Unknown format: " + f);
                }
                format = f.asText().toUpperCase(Locale.ROOT);
            } else if (item.has("type")) {
                streams.add(stream(item));
            }
        }
        if (ticket == null) {
            throw new Refusal("NO_TICKET", "The request has no ticket.");
        }
        if (streams.isEmpty()) {
            throw new Refusal("NO_TYPE", "The request has no type.");
        }
        return new WsSubscription(ticket, List.copyOf(streams), format);
    }

    private static Stream stream(JsonNode item) throws Refusal {
        JsonNode t = item.get("type");
        if (!t.isTextual() || t.asText().isBlank()) {
            throw new Refusal("NO_TYPE", "The type must be a non-empty string.");
        }
        String type = t.asText();
        CandlePeriod period = null;
        if (type.startsWith("candle.")) {
            period = CandlePeriod.ofWsType(type).orElseThrow(() -> new Refusal("INVALID_PARAM", "Unknown type: " + type));
        } else if (!Set.of("ticker", "trade", "orderbook").contains(type)) {
            throw new Refusal("INVALID_PARAM", "Unknown type: " + type);
        }
        JsonNode codes = item.get("codes");
        if (codes == null || !codes.isArray() || codes.isEmpty()) {
            throw new Refusal("NO_CODES", "The type " + type + " has no codes.");
        }
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (JsonNode c : codes) {
            String code = c.isTextual() ? c.asText().toUpperCase(Locale.ROOT) : "";
            if (!CODE.matcher(code).matches()) {
                throw new Refusal("INVALID_PARAM", "Invalid code: " + c);
            }
            int dot = code.indexOf('.');
            int units = 15;
            if (dot > 0) {
                if (!type.equals("orderbook")) {
                    throw new Refusal("INVALID_PARAM", "Only orderbook codes take a unit count: " + code);
                }
                units = Integer.parseInt(code.substring(dot + 1));
                if (!ORDERBOOK_UNITS.contains(units)) {
                    throw new Refusal("INVALID_PARAM", "Orderbook unit count must be 1, 5, 15 or 30: " + code);
                }
                code = code.substring(0, dot);
            }
            parsed.put(code, units);
        }
        JsonNode level = item.get("level");
        if (level != null && !level.isNull() && (!level.isNumber() || level.asDouble() < 0 || !type.equals("orderbook"))) {
            throw new Refusal("INVALID_PARAM", "level must be a non-negative number, for orderbook only.");
        }
        boolean onlySnapshot = flag(item, "is_only_snapshot", "isOnlySnapshot");
        boolean onlyRealtime = flag(item, "is_only_realtime", "isOnlyRealtime");
        if (onlySnapshot && onlyRealtime) {
            throw new Refusal("INVALID_PARAM", "is_only_snapshot and is_only_realtime exclude each other.");
        }
        return new Stream(type, java.util.Collections.unmodifiableMap(parsed), onlySnapshot, onlyRealtime, period,
                level == null || level.isNull() ? 0 : level.asDouble());
    }

    private static boolean flag(JsonNode item, String snake, String camel) throws Refusal {
        JsonNode v = item.has(snake) ? item.get(snake) : item.get(camel);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Refusal("INVALID_PARAM", snake + " must be a boolean.");
        }
        return v.asBoolean();
    }
}
