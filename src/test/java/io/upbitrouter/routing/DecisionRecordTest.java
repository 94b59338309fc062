package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The decisions tap's JSON line is written by hand: it must be JSON, with every field, for any symbol text. */
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
}
