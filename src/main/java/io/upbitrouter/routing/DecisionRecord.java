package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import org.apache.camel.Exchange;

/**
 * The decisions tap's message ({@link UpbitRouterConstants#DECISIONS}): an answered request as one JSON line,
 * {@code {"type":..,"priority":..,"results":[{"symbol","source","reason","age_ms"}]}}, with the header
 * {@link UpbitRouterConstants#TYPE} and nothing else of the caller's headers. The line is written directly (its fields
 * are few and fixed, strings escaped as JSON asks), not through a tree: it is made for every answer while a route
 * consumes the tap, the facade's cache hits included.
 */
final class DecisionRecord {

    private DecisionRecord() {
    }

    /** The wire tap's {@code onPrepare}: replaces the copy's body and headers. */
    static void prepare(Exchange copy) {
        MarketDataResponse response = copy.getMessage().getBody(MarketDataResponse.class);
        copy.getMessage().getHeaders().clear();
        copy.getMessage().setHeader(UpbitRouterConstants.TYPE,
                response.request() == null ? "" : String.valueOf(response.request().type()));
        copy.getMessage().setBody(json(response));
    }

    /** The record's JSON line. */
    static String json(MarketDataResponse response) {
        StringBuilder json = new StringBuilder(64 + 96 * response.results().size()).append('{');
        if (response.request() != null) {
            string(json.append("\"type\":"), String.valueOf(response.request().type()));
            string(json.append(",\"priority\":"), String.valueOf(response.request().priority()));
            json.append(',');
        }
        json.append("\"results\":[");
        boolean first = true;
        for (SymbolResult result : response.results()) {
            json.append(first ? "{\"symbol\":" : ",{\"symbol\":");
            first = false;
            string(json, result.symbol());
            string(json.append(",\"source\":"), result.source().wireName());
            string(json.append(",\"reason\":"), String.valueOf(result.reason()));
            json.append(",\"age_ms\":").append(result.ageMillis()).append('}');
        }
        return json.append("]}").toString();
    }

    /** Whether the text needs no escaping (codes, enum names: every string of a record in practice). */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** A JSON string as Jackson writes it: quotes, backslashes and control characters escaped, null as null. */
    private static void string(StringBuilder json, String text) {
        if (text == null) {
            json.append("null");
            return;
        }
        if (plain(text)) {
            json.append('"').append(text).append('"');
            return;
        }
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04X", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
