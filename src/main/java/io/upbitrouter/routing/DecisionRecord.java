package io.upbitrouter.routing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import org.apache.camel.Exchange;

import java.util.EnumSet;

/**
 * The decisions tap's message ({@link UpbitRouterConstants#DECISIONS}): the wire tap's copy of an answered request
 * becomes one JSON line, {@code {"type":..,"priority":..,"results":[{"symbol","source","reason","age_ms"}]}}, with the
 * headers {@link UpbitRouterConstants#TYPE} and {@link UpbitRouterConstants#SOURCES} and nothing else of the caller's
 * headers.
 * <p>
 * Made on the caller's thread for every answered request a route consuming the tap wants, so it is written straight
 * into one builder (a Jackson tree and its writer cost more than the rest of a cache hit); the symbol, the one field
 * not from an enum, is escaped as JSON text.
 */
final class DecisionRecord {

    private DecisionRecord() {
    }

    /** The wire tap's {@code onPrepare}: replaces the copy's body and headers. */
    static void prepare(Exchange copy) {
        MarketDataResponse response = copy.getMessage().getBody(MarketDataResponse.class);
        copy.getMessage().getHeaders().clear();
        String type = response.request() == null ? "" : String.valueOf(response.request().type());
        copy.getMessage().setHeader(UpbitRouterConstants.TYPE, type);
        copy.getMessage().setHeader(UpbitRouterConstants.SOURCES, sources(response));
        copy.getMessage().setBody(line(response));
    }

    /** The distinct sources of the answer's symbols, in the order met, comma separated. */
    static String sources(MarketDataResponse response) {
        EnumSet<DataSource> met = EnumSet.noneOf(DataSource.class);
        StringBuilder names = new StringBuilder(16);
        for (SymbolResult result : response.results()) {
            if (met.add(result.source())) {
                names.append(met.size() == 1 ? "" : ",").append(result.source().wireName());
            }
        }
        return names.toString();
    }

    /** The JSON line of one answered request. */
    static String line(MarketDataResponse response) {
        StringBuilder json = new StringBuilder(64 + 96 * response.results().size()).append('{');
        if (response.request() != null) {
            json.append("\"type\":\"").append(response.request().type())
                    .append("\",\"priority\":\"").append(response.request().priority()).append("\",");
        }
        json.append("\"results\":[");
        boolean first = true;
        for (SymbolResult result : response.results()) {
            json.append(first ? "" : ",").append("{\"symbol\":");
            text(json, result.symbol());
            json.append(",\"source\":\"").append(result.source().wireName())
                    .append("\",\"reason\":\"").append(result.reason())
                    .append("\",\"age_ms\":").append(result.ageMillis()).append('}');
            first = false;
        }
        return json.append("]}").toString();
    }

    private static void text(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }
}
