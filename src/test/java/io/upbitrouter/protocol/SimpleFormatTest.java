package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.upbitrouter.protocol.RestShapeTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMPLE table, both ways, on the exchange's own sample messages. */
class SimpleFormatTest {

    @Test
    void should_expand_what_it_abbreviates_for_every_streamed_type() throws IOException {
        for (String sample : List.of("ws_ticker_default.json", "ws_trade_default.json", "ws_orderbook_default_truncated.json",
                "ws_candle_1s_default.json")) {
            ObjectNode message = (ObjectNode) fixture(sample);
            ObjectNode simple = SimpleFormat.abbreviate(message);
            assertTrue(SimpleFormat.isSimple(simple), sample);
            assertFalse(simple.has("type"), sample);
            assertEquals(message, SimpleFormat.expand(simple), sample);
        }
    }

    @Test
    void should_read_the_exchanges_simple_sample_with_the_fields_of_the_default_one() throws IOException {
        ObjectNode simple = (ObjectNode) fixture("ws_ticker_simple_truncated.json");
        ObjectNode expanded = SimpleFormat.expand(simple);
        ObjectNode full = (ObjectNode) fixture("ws_ticker_default.json");
        expanded.fieldNames().forEachRemaining(name -> assertTrue(full.has(name), name + " is a DEFAULT ticker field"));
        assertEquals(simple.get("tp"), expanded.get("trade_price"));
    }

    @Test
    void should_tell_a_trades_date_from_a_tickers_and_leave_default_messages_alone() throws IOException {
        ObjectNode trade = (ObjectNode) fixture("ws_trade_default.json");
        ObjectNode ticker = (ObjectNode) fixture("ws_ticker_default.json");
        assertTrue(SimpleFormat.abbreviate(trade).has("td"));
        assertTrue(SimpleFormat.abbreviate(ticker).has("tdt"));
        assertSame(ticker, SimpleFormat.expand(ticker));
    }
}
