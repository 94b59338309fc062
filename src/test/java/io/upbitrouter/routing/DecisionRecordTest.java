package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decisions tap's JSON line is written by hand: it must be JSON, with every field, for any symbol text, and the
 * line a Jackson tree of the same fields writes.
 */
class DecisionRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneLineOfJsonWithEveryResult() throws Exception {
        MarketDataRequest request = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC", "KRW-ETH"), null, 1,
                null, RealtimePriority.HIGH);
        MarketDataResponse response = new MarketDataResponse(request, List.of(
                new SymbolResult("KRW-BTC", DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 120, List.of(), null),
                new SymbolResult("KRW-ETH", DataSource.REST, RoutingReason.CACHE_MISS, 0, List.of(), "group=ticker; min=9; sec=4")));

        String line = DecisionRecord.line(response);

        assertTrue(!line.contains("\n"), line);
        JsonNode record = JSON.readTree(line);
        assertEquals("TICKER", record.path("type").asText());
        assertEquals("HIGH", record.path("priority").asText());
        assertEquals(2, record.path("results").size());
        JsonNode first = record.path("results").get(0);
        assertEquals("KRW-BTC", first.path("symbol").asText());
        assertEquals("websocket", first.path("source").asText());
        assertEquals("CACHE_FRESH", first.path("reason").asText());
        assertEquals(120, first.path("age_ms").asLong());
        assertEquals("rest", record.path("results").get(1).path("source").asText());
        assertEquals("CACHE_MISS", record.path("results").get(1).path("reason").asText());
    }

    @Test
    void aSymbolIsEscapedAsJsonText() throws Exception {
        String odd = "KRW-\"X\"\\\n\u0001";
        MarketDataResponse response = new MarketDataResponse(null, List.of(
                new SymbolResult(odd, DataSource.REST, RoutingReason.CACHE_MISS, 0, List.of(), null)));

        JsonNode record = JSON.readTree(DecisionRecord.line(response));

        assertEquals(odd, record.path("results").get(0).path("symbol").asText());
        assertTrue(record.path("type").isMissingNode());
    }

    /** The record as a tree, written by Jackson: what the line was made from before it was written directly. */
    private static String byTree(MarketDataResponse response) {
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
        return record.toString();
    }

    private static SymbolResult result(String symbol, DataSource source, RoutingReason reason, long age) {
        return new SymbolResult(symbol, source, reason, age, List.of(), null);
    }

    @Test
    void should_write_the_line_jackson_writes_for_the_same_fields() {
        MarketDataRequest request = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC", "KRW-ETH"), null, 1, null,
                RealtimePriority.HIGH);
        List<MarketDataResponse> responses = List.of(
                new MarketDataResponse(request, List.of(result("KRW-BTC", DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 120),
                        result("KRW-ETH", DataSource.REST, RoutingReason.CACHE_MISS, 0))),
                new MarketDataResponse(request, List.of()),
                new MarketDataResponse(null, List.of(result("KRW-BTC", DataSource.HISTORY_CACHE, null, Long.MAX_VALUE))),
                new MarketDataResponse(request, List.of(result("a\"b\\c\nd\te\u0001f\u001F\u00e9\u20ac", DataSource.REST,
                        RoutingReason.LOW_PRIORITY, -1))));
        for (MarketDataResponse response : responses) {
            assertEquals(byTree(response), DecisionRecord.line(response));
        }
    }

    @Test
    void should_replace_the_copys_body_and_headers() {
        Exchange copy = new DefaultExchange(new DefaultCamelContext());
        copy.getMessage().setHeader("Authorization", "Bearer secret");
        MarketDataResponse response = new MarketDataResponse(new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"),
                null, 1, null, RealtimePriority.NORMAL), List.of(result("KRW-BTC", DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 5)));
        copy.getMessage().setBody(response);

        DecisionRecord.prepare(copy);

        assertEquals(java.util.Map.of(UpbitRouterConstants.TYPE, "ORDERBOOK", UpbitRouterConstants.SOURCES, "websocket"),
                copy.getMessage().getHeaders(), "the caller's headers gone, the record's own in their place");
        assertEquals("{\"type\":\"ORDERBOOK\",\"priority\":\"NORMAL\",\"results\":[{\"symbol\":\"KRW-BTC\",\"source\":\"websocket\","
                + "\"reason\":\"CACHE_FRESH\",\"age_ms\":5}]}", copy.getMessage().getBody(String.class));
    }
}
