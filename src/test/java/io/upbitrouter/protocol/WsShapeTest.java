package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.protocol.ExactJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket message -> REST shape (the cache) -> WebSocket message gives back every field the REST shape holds,
 * with the same name and the same digits, checked on the protocol's samples.
 */
class WsShapeTest {

    /** Every field of the result is the sample's, value for value; returns how many were compared. */
    private static int assertFieldsFromSample(JsonNode sample, ObjectNode back) {
        int compared = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = back.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            assertEquals(sample.get(f.getKey()), f.getValue(), "field " + f.getKey());
            compared++;
        }
        return compared;
    }

    private static ObjectNode roundTrip(String fixture, String wsType) throws IOException {
        ObjectNode ws = (ObjectNode) RestShapeTest.fixture(fixture);
        ObjectNode rest = RestShape.of(ws).orElseThrow();
        return WsShape.of(wsType, rest, ws.path("stream_type").asText("REALTIME"), 0);
    }

    @Test
    void should_give_back_the_ticker_fields_the_cache_holds() throws IOException {
        ObjectNode back = roundTrip("ws_ticker_default.json", "ticker");
        assertTrue(assertFieldsFromSample(RestShapeTest.fixture("ws_ticker_default.json"), back) >= 24);
        assertEquals("ticker", back.get("type").asText());
        assertFalse(back.has("market") || back.has("trade_date_kst") || back.has("trade_time_kst"));
    }

    @Test
    void should_give_back_a_trade_with_its_ws_date_fields() throws IOException {
        ObjectNode back = roundTrip("ws_trade_default.json", "trade");
        JsonNode sample = RestShapeTest.fixture("ws_trade_default.json");
        for (String f : Set.of("code", "trade_date", "trade_time", "trade_timestamp", "trade_price", "trade_volume",
                "sequential_id", "ask_bid", "stream_type")) {
            assertEquals(sample.get(f), back.get(f), f);
        }
        assertFalse(back.has("trade_date_utc") || back.has("trade_time_utc"));
    }

    @Test
    void should_give_back_orderbooks_and_candles_and_keep_only_the_units_asked() throws IOException {
        assertFieldsFromSample(RestShapeTest.fixture("ws_orderbook_default_truncated.json"),
                roundTrip("ws_orderbook_default_truncated.json", "orderbook"));
        ObjectNode candle = roundTrip("ws_candle_1s_default.json", "candle.1s");
        assertEquals(RestShapeTest.fixture("ws_candle_1s_default.json").size(), assertFieldsFromSample(
                RestShapeTest.fixture("ws_candle_1s_default.json"), candle), "every field of a candle comes back");
        ObjectNode ws = (ObjectNode) RestShapeTest.fixture("ws_orderbook_default_truncated.json");
        ObjectNode one = WsShape.of("orderbook", RestShape.of(ws).orElseThrow(), "REALTIME", 1);
        assertEquals(1, one.get("orderbook_units").size());
        // the totals are those of the unit kept, not of the deeper book it was cut from
        assertEquals(0, one.get("total_ask_size").decimalValue().compareTo(one.get("orderbook_units").get(0).get("ask_size").decimalValue()));
        assertEquals(0, one.get("total_bid_size").decimalValue().compareTo(one.get("orderbook_units").get(0).get("bid_size").decimalValue()));
    }

    @Test
    void should_abbreviate_simple_as_the_protocol_sample_and_write_numbers_plain() throws IOException {
        JsonNode sample = RestShapeTest.fixture("ws_ticker_simple_truncated.json");
        ObjectNode rest = RestShape.of((ObjectNode) sample.deepCopy()).orElseThrow();
        ObjectNode simple = WsShape.simple(WsShape.of("ticker", rest, "REALTIME", 0));
        int compared = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = simple.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (sample.has(f.getKey())) {
                assertEquals(sample.get(f.getKey()), f.getValue(), f.getKey());
                compared++;
            }
        }
        assertTrue(compared >= 20, "compared " + compared);
        assertTrue(ExactJson.text(simple).contains("\"atp\":256707458304.6534"), ExactJson.text(simple));
    }
}
