package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.SymbolResult;
import org.apache.camel.Exchange;

/**
 * The decisions tap's message ({@link UpbitRouterConstants#DECISIONS}): the wire tap's copy of an answered request
 * becomes one JSON line, {@code {"type":..,"priority":..,"results":[{"symbol","source","reason","age_ms"}]}}, with the
 * header {@link UpbitRouterConstants#TYPE} and nothing else of the caller's headers.
 */
final class DecisionRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionRecord() {
    }

    /** The wire tap's {@code onPrepare}: replaces the copy's body and headers. */
    static void prepare(Exchange copy) {
        MarketDataResponse response = copy.getMessage().getBody(MarketDataResponse.class);
        ObjectNode record = JSON.createObjectNode();
        if (response.request() != null) {
            record.put("type", String.valueOf(response.request().type()));
            record.put("priority", String.valueOf(response.request().priority()));
        }
        ArrayNode results = record.putArray("results");
        for (SymbolResult result : response.results()) {
            results.addObject().put("symbol", result.symbol()).put("source", result.source().wireName())
                    .put("reason", String.valueOf(result.reason())).put("age_ms", result.ageMillis());
        }
        copy.getMessage().getHeaders().clear();
        copy.getMessage().setHeader(UpbitRouterConstants.TYPE, record.path("type").asText());
        copy.getMessage().setBody(record.toString());
    }
}
