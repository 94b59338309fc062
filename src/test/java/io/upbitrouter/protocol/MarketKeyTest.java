package io.upbitrouter.protocol;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.MarketDataType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketKeyTest {

    @Test
    void should_write_the_text_yaml_routes_read_in_the_upbit_key_header() {
        assertEquals("ticker:KRW-BTC", MarketKey.ticker("KRW-BTC").toString());
        assertEquals("trade:KRW-BTC", MarketKey.trade("KRW-BTC").toString());
        assertEquals("orderbook:KRW-BTC", MarketKey.orderbook("KRW-BTC").toString());
        assertEquals("candle:1m:KRW-BTC", MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC").toString());
        assertEquals("candle:1M:KRW-BTC", MarketKey.candle(CandleInterval.MONTHS, "KRW-BTC").toString());
        assertEquals("trade", MarketKey.trade("KRW-BTC").typeName());
        assertEquals("candle", MarketKey.candle(CandleInterval.SECONDS_1, "KRW-BTC").typeName());
    }

    @Test
    void should_read_back_every_text_it_writes_and_nothing_else() {
        for (MarketDataType type : MarketDataType.values()) {
            for (CandleInterval interval : CandleInterval.values()) {
                MarketKey key = MarketKey.of(type, interval, "BTC-ETH");
                assertEquals(Optional.of(key), MarketKey.parse(key.toString()));
                assertEquals(key.hashCode(), MarketKey.parse(key.toString()).orElseThrow().hashCode());
            }
        }
        for (String text : new String[] {null, "", "ticker", "ticker:", "candle:1m", "candle:2m:KRW-BTC", "tick:KRW-BTC",
                "ticker:KRW-BTC:x", "candle:1m:"}) {
            assertEquals(Optional.empty(), MarketKey.parse(text), String.valueOf(text));
        }
    }

    @Test
    void should_key_a_stream_message_by_its_websocket_type() {
        assertEquals(Optional.of(MarketKey.ticker("KRW-BTC")), MarketKey.ofWsType("ticker", "KRW-BTC"));
        assertEquals(Optional.of(MarketKey.candle(CandleInterval.MINUTES_240, "KRW-BTC")), MarketKey.ofWsType("candle.240m", "KRW-BTC"));
        assertEquals(Optional.empty(), MarketKey.ofWsType("myTrade", "KRW-BTC"));
        assertEquals(Optional.empty(), MarketKey.ofWsType("candle.1d", "KRW-BTC"), "days are not streamed");
        assertEquals("candle.1s", MarketKey.candle(CandleInterval.SECONDS_1, "KRW-BTC").wsType());
        assertTrue(MarketKey.orderbook("KRW-BTC").streamable());
        assertFalse(MarketKey.candle(CandleInterval.DAYS, "KRW-BTC").streamable());
    }

    @Test
    void should_tell_apart_types_intervals_and_codes_and_ignore_a_non_candle_interval() {
        assertNotEquals(MarketKey.ticker("KRW-BTC"), MarketKey.trade("KRW-BTC"));
        assertNotEquals(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC"), MarketKey.candle(CandleInterval.MONTHS, "KRW-BTC"));
        assertNotEquals(MarketKey.ticker("KRW-BTC"), MarketKey.ticker("KRW-ETH"));
        assertEquals(MarketKey.ticker("KRW-BTC"), MarketKey.of(MarketDataType.TICKER, CandleInterval.MINUTES_1, "KRW-BTC"));
        assertThrows(IllegalArgumentException.class, () -> MarketKey.of(MarketDataType.CANDLES, null, "KRW-BTC"));
    }

    @Test
    void should_give_the_same_instance_for_the_same_stream_every_time() {
        MarketKey first = MarketKey.ofStream("orderbook", new String("KRW-BTC".toCharArray()));
        MarketKey again = MarketKey.ofStream("orderbook", new String("KRW-BTC".toCharArray()));
        assertSame(first, again, "the stream's keys are found by identity in the maps keyed on them");
        assertEquals(MarketKey.orderbook("KRW-BTC"), first);
        assertSame(first.toString(), again.toString());
        assertSame(MarketKey.ofStream("candle.1m", "KRW-ETH"), MarketKey.ofWsType("candle.1m", "KRW-ETH").orElseThrow());
        assertNull(MarketKey.ofStream("candle.1d", "KRW-BTC"), "days are not streamed");
        assertNull(MarketKey.ofStream("myTrade", "KRW-BTC"));
    }
}
