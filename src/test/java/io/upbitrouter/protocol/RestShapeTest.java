package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class RestShapeTest {

    private static final ObjectMapper MAPPER = io.upbitrouter.protocol.ExactJson.MAPPER;

    public static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RestShapeTest.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void should_convert_ws_ticker_to_the_rest_ticker_fields_in_rest_order() throws IOException {
        ObjectNode rest = RestShape.of((ObjectNode) fixture("ws_ticker_default.json")).orElseThrow();
        assertEquals(fieldNames(fixture("rest_ticker.json").get(0)), fieldNames(rest));
        assertEquals("BTC-ETH", rest.get("market").asText());
        assertEquals("20200317", rest.get("trade_date").asText());
        // 2020-03-17T21:58:43Z is 2020-03-18 06:58:43 in Korea
        assertEquals("20200318", rest.get("trade_date_kst").asText());
        assertEquals("065843", rest.get("trade_time_kst").asText());
        assertEquals(1584482323378L, rest.get("timestamp").asLong());
    }

    @Test
    void should_convert_ws_trade_dates_to_utc_fields_and_keep_sequential_id() throws IOException {
        ObjectNode rest = RestShape.of((ObjectNode) fixture("ws_trade_default.json")).orElseThrow();
        assertEquals(fieldNames(fixture("rest_trades_ticks.json").get(0)), fieldNames(rest));
        assertEquals("KRW-BTC", rest.get("market").asText());
        assertEquals("2023-02-21", rest.get("trade_date_utc").asText());
        assertEquals("07:40:20", rest.get("trade_time_utc").asText());
        assertEquals(1676965220395L, rest.get("timestamp").asLong(), "a REST tick's timestamp is the trade time");
        assertEquals(1676965220395000L, rest.get("sequential_id").asLong());
        assertFalse(rest.has("type") || rest.has("stream_type") || rest.has("code"));
    }

    @Test
    void should_convert_ws_orderbook_to_rest_fields() throws IOException {
        ObjectNode rest = RestShape.of((ObjectNode) fixture("ws_orderbook_default_truncated.json")).orElseThrow();
        assertEquals(fieldNames(fixture("rest_orderbook.json").get(0)), fieldNames(rest));
        assertEquals(3, rest.get("orderbook_units").size());
        assertEquals(fieldNames(fixture("rest_orderbook.json").get(0).get("orderbook_units").get(0)),
                fieldNames(rest.get("orderbook_units").get(0)));
    }

    @Test
    void should_convert_ws_second_candle_without_unit() throws IOException {
        ObjectNode rest = RestShape.of((ObjectNode) fixture("ws_candle_1s_default.json")).orElseThrow();
        List<String> restMinuteFields = fieldNames(fixture("rest_candles_minutes_1.json").get(0));
        assertEquals(restMinuteFields.subList(0, restMinuteFields.size() - 1), fieldNames(rest));
        assertEquals("KRW-USDT", rest.get("market").asText());
        assertEquals("2025-04-22T09:50:34", rest.get("candle_date_time_utc").asText());
    }

    @Test
    void should_add_unit_to_minute_candles() throws IOException {
        ObjectNode ws = (ObjectNode) fixture("ws_candle_1s_default.json");
        ws.put("type", "candle.15m");
        ObjectNode rest = RestShape.of(ws).orElseThrow();
        assertEquals(fieldNames(fixture("rest_candles_minutes_1.json").get(0)), fieldNames(rest));
        assertEquals(15, rest.get("unit").asInt());
    }

    @Test
    void should_expand_simple_format_before_converting() throws IOException {
        ObjectNode rest = RestShape.of((ObjectNode) fixture("ws_ticker_simple_truncated.json")).orElseThrow();
        assertEquals("KRW-BTC", rest.get("market").asText());
        assertEquals(40441000, rest.get("trade_price").asLong());
        assertEquals(1611063306635L, rest.get("timestamp").asLong());
        assertEquals(1611063306000L, rest.get("trade_timestamp").asLong());
        assertEquals("20210119", rest.get("trade_date").asText());
        assertEquals(48550000, rest.get("highest_52_week_price").asLong());
        assertTrue(fieldNames(fixture("rest_ticker.json").get(0)).containsAll(fieldNames(rest)));
    }

    @Test
    void should_refuse_messages_of_unknown_type_or_without_code() throws IOException {
        ObjectNode ws = (ObjectNode) fixture("ws_ticker_default.json");
        ws.put("type", "myOrder");
        assertTrue(RestShape.of(ws).isEmpty());
        ObjectNode noCode = (ObjectNode) fixture("ws_ticker_default.json");
        noCode.remove("code");
        assertTrue(RestShape.of(noCode).isEmpty());
    }
}
