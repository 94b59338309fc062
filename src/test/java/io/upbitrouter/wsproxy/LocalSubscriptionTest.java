package io.upbitrouter.wsproxy;

import io.upbitrouter.protocol.ExactJson;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscription messages as Upbit's clients send them (the protocol's request samples) and as they go wrong. */
class LocalSubscriptionTest {

    private static LocalSubscription parse(String json) throws Exception {
        return LocalSubscription.parse(ExactJson.read(json), 10);
    }

    private static String refusal(String json) {
        return assertThrows(LocalSubscription.Refusal.class, () -> parse(json)).name();
    }

    @Test
    void should_read_the_protocol_samples() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ws_request_multi_type.json")) {
            LocalSubscription s = LocalSubscription.parse(ExactJson.MAPPER.readTree(in), 10);
            assertEquals("uuid_", s.ticket());
            assertEquals("DEFAULT", s.format());
            assertEquals(List.of("orderbook", "trade"), s.streams().stream().map(LocalSubscription.Request::type).toList());
            assertEquals(3, s.codeCount());
        }
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ws_request_candle_1s.json")) {
            assertEquals("candle.1s", LocalSubscription.parse(ExactJson.MAPPER.readTree(in), 10).streams().get(0).type());
        }
    }

    @Test
    void should_read_options_units_and_list_formats() throws Exception {
        LocalSubscription s = parse("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"krw-btc.5\",\"KRW-ETH\"],"
                + "\"isOnlySnapshot\":true},{\"format\":\"simple_list\"}]");
        assertEquals(Map.of("KRW-BTC", 5, "KRW-ETH", 15), s.streams().get(0).codes(), "no count: the WebSocket default, 15");
        assertTrue(s.streams().get(0).onlySnapshot());
        assertTrue(s.simple() && s.list());
    }

    @Test
    void should_name_each_refusal_as_upbit_does() {
        assertEquals("WRONG_FORMAT", refusal("{\"ticket\":\"t\"}"));
        assertEquals("WRONG_FORMAT", refusal("[\"ticket\"]"));
        assertEquals("NO_TICKET", refusal("[{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]}]"));
        assertEquals("NO_TICKET", refusal("[{\"ticket\":\"\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]}]"));
        assertEquals("NO_TYPE", refusal("[{\"ticket\":\"t\"}]"));
        assertEquals("NO_CODES", refusal("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[]}]"));
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"candle.1d\",\"codes\":[\"KRW-BTC\"]}]"));
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC.5\"]}]"));
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC.7\"]}]"));
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"],"
                + "\"is_only_snapshot\":true,\"is_only_realtime\":true}]"));
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"XML\"}]"));
    }

    @Test
    void should_refuse_more_codes_than_the_per_client_limit_and_grouped_orderbooks() throws Exception {
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            codes.append(i == 0 ? "" : ",").append("\"KRW-C").append(i).append("\"");
        }
        assertEquals("INVALID_PARAM", refusal("[{\"ticket\":\"t\"},{\"type\":\"ticker\",\"codes\":[" + codes + "]}]"));
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ws_request_orderbook_level_units.json")) {
            LocalSubscription.Refusal r = assertThrows(LocalSubscription.Refusal.class,
                    () -> LocalSubscription.parse(ExactJson.MAPPER.readTree(in), 10));
            assertEquals("INVALID_PARAM", r.name());
            assertTrue(r.getMessage().startsWith("level"));
        }
        assertFalse(parse("[{\"ticket\":\"t\"},{\"type\":\"orderbook\",\"codes\":[\"KRW-BTC\"],\"level\":0}]").list());
    }
}
