package io.upbitrouter.wsproxy;

import io.upbitrouter.protocol.UpbitLimits;
import io.upbitrouter.protocol.MarketCodes;
import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.model.CandleInterval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A local client's subscription message, parsed and checked as Upbit checks it ({@code ../PROTOCOL.md}, WebSocket):
 * a JSON array with one ticket, one or more type objects ({@code ticker}, {@code trade}, {@code orderbook},
 * {@code candle.1s} .. {@code candle.240m}) with their codes and options, and an optional format. A refused
 * message throws {@link Refusal} carrying Upbit's error name. Immutable.
 *
 * @param ticket  the client's ticket
 * @param streams what the client asked for, in its order
 * @param format  {@code DEFAULT}, {@code SIMPLE}, {@code JSON_LIST} or {@code SIMPLE_LIST}
 */
public record LocalSubscription(String ticket, List<Request> streams, String format) {

    static final Set<String> FORMATS = Set.of("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST");
    private static final Set<Integer> ORDERBOOK_UNITS = Set.of(1, 5, 15, 30);

    /**
     * One requested type.
     *
     * @param type         the WebSocket type
     * @param codes        market code to orderbook units (an orderbook code without a count: the exchange's WebSocket default, 15; other types always 0)
     * @param onlySnapshot only the snapshot, no realtime messages
     * @param onlyRealtime no snapshot, only realtime messages
     */
    public record Request(String type, Map<String, Integer> codes, boolean onlySnapshot, boolean onlyRealtime) {
    }

    /** A refused subscription, with Upbit's error name ({@code WRONG_FORMAT}, {@code NO_TICKET} ...). */
    public static final class Refusal extends Exception {
        private final String name;

        public Refusal(String name, String message) {
            super(message, null, false, false);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** Whether messages go out with SIMPLE abbreviations. */
    public boolean simple() {
        return format.startsWith("SIMPLE");
    }

    /** Whether each message goes out wrapped in a JSON array ({@code JSON_LIST}, {@code SIMPLE_LIST}). */
    public boolean list() {
        return format.endsWith("_LIST");
    }

    /** The number of codes over all types, as counted against the per-client limit. */
    public int codeCount() {
        return streams.stream().mapToInt(r -> r.codes().size()).sum();
    }

    /** Parses a subscription; {@code maxCodes} is the most codes one client may ask for over all its types. */
    public static LocalSubscription parse(JsonNode root, int maxCodes) throws Refusal {
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new Refusal("WRONG_FORMAT", "The request must be a JSON array of objects.");
        }
        String ticket = null;
        String format = "DEFAULT";
        List<Request> streams = new ArrayList<>();
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
                    throw new Refusal("INVALID_PARAM", "Unknown format: " + f.asText());
                }
                format = f.asText().toUpperCase(Locale.ROOT);
            } else if (item.has("type")) {
                streams.add(request(item));
            }
        }
        if (ticket == null) {
            throw new Refusal("NO_TICKET", "The request has no ticket.");
        }
        if (streams.isEmpty()) {
            throw new Refusal("NO_TYPE", "The request has no type.");
        }
        LocalSubscription subscription = new LocalSubscription(ticket, List.copyOf(streams), format);
        if (subscription.codeCount() > maxCodes) {
            throw new Refusal("INVALID_PARAM", "Too many codes: at most " + maxCodes + " per connection.");
        }
        return subscription;
    }

    private static Request request(JsonNode item) throws Refusal {
        JsonNode t = item.get("type");
        if (!t.isTextual() || t.asText().isBlank()) {
            throw new Refusal("NO_TYPE", "The type must be a non-empty string.");
        }
        String type = t.asText();
        boolean known = Set.of("ticker", "trade", "orderbook").contains(type)
                || CandleInterval.fromWsType(type).isPresent();
        if (!known) {
            throw new Refusal("INVALID_PARAM", "Unknown type: " + type);
        }
        JsonNode codes = item.get("codes");
        if (codes == null || !codes.isArray() || codes.isEmpty()) {
            throw new Refusal("NO_CODES", "The type " + type + " has no codes.");
        }
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (JsonNode c : codes) {
            String code = c.isTextual() ? c.asText().toUpperCase(Locale.ROOT) : "";
            if (!MarketCodes.WITH_UNIT_COUNT.matcher(code).matches()) {
                throw new Refusal("INVALID_PARAM", "Invalid code: " + c.asText());
            }
            int dot = code.indexOf('.');
            // an orderbook code without a unit count gets the exchange's WebSocket default; other types carry none
            int units = "orderbook".equals(type) ? UpbitLimits.WS_ORDERBOOK_DEFAULT_UNITS : 0;
            if (dot > 0) {
                if (!"orderbook".equals(type)) {
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
        if (level != null && !level.isNull() && (!level.isNumber() || level.decimalValue().signum() != 0)) {
            // the one upstream stream carries the ungrouped book; grouping is not derived here
            throw new Refusal("INVALID_PARAM", "level: only 0 (no price grouping) is served by this proxy.");
        }
        boolean onlySnapshot = flag(item, "is_only_snapshot", "isOnlySnapshot");
        boolean onlyRealtime = flag(item, "is_only_realtime", "isOnlyRealtime");
        if (onlySnapshot && onlyRealtime) {
            throw new Refusal("INVALID_PARAM", "is_only_snapshot and is_only_realtime exclude each other.");
        }
        return new Request(type, java.util.Collections.unmodifiableMap(parsed), onlySnapshot, onlyRealtime);
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
