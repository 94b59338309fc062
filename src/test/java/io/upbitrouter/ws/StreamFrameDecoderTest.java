package io.upbitrouter.ws;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.protocol.RestShapeTest;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamFrameDecoderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StreamFrameDecoder decoder = new StreamFrameDecoder(ExactJson.MAPPER, clock);

    @Test
    void should_decode_binary_frames_into_rest_shaped_entries_with_receive_time() throws Exception {
        byte[] frame = RestShapeTest.fixture("ws_ticker_default.json").toString().getBytes(StandardCharsets.UTF_8);
        StreamFrame decoded = decoder.decode(frame);
        assertEquals(StreamFrame.Kind.DATA, decoded.kind());
        assertEquals(MarketKey.ticker("BTC-ETH"), decoded.entry().key());
        assertEquals(1584482323378L, decoded.entry().eventTimeMillis());
        assertEquals(clock.millis(), decoded.entry().receiveTimeMillis());
        assertEquals("ticker:BTC-ETH|1584482323378|106.11798418", decoded.deduplicationKey());
        assertNull(decoded.entry().candleTimeUtc());
    }

    @Test
    void should_key_trades_on_sequential_id_and_candles_on_candle_time_timestamp_and_volume() throws Exception {
        StreamFrame trade = decoder.decode(RestShapeTest.fixture("ws_trade_default.json").toString());
        assertEquals("trade:KRW-BTC|1676965220395|1676965220395000", trade.deduplicationKey());
        assertEquals(MarketKey.trade("KRW-BTC"), trade.entry().key());
        assertEquals(1676965220395L, trade.entry().eventTimeMillis(), "the trade time, as a REST tick's timestamp");

        StreamFrame candle = decoder.decode(RestShapeTest.fixture("ws_candle_1s_default.json").toString());
        assertEquals(MarketKey.candle(CandleInterval.SECONDS_1, "KRW-USDT"), candle.entry().key());
        assertEquals("2025-04-22T09:50:34", candle.entry().candleTimeUtc());
        assertEquals("candle:1s:KRW-USDT|2025-04-22T09:50:34|1745315434125|1145.8935", candle.deduplicationKey());
    }

    @Test
    void should_classify_status_errors_and_garbage() throws Exception {
        assertEquals(StreamFrame.Kind.STATUS, decoder.decode(RestShapeTest.fixture("ws_status_up.json").toString()).kind());

        StreamFrame error = decoder.decode(RestShapeTest.fixture("ws_error_invalid_auth.json").toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(StreamFrame.Kind.EXCHANGE_ERROR, error.kind());
        assertEquals("exchange-error:INVALID_AUTH", error.deadLetterKind());

        assertEquals("undecodable", decoder.decode("{not json").deadLetterKind());
        assertEquals("undecodable", decoder.decode(new byte[] {(byte) 0xff, 0x00, 0x13}).deadLetterKind());
        assertEquals("undecodable", decoder.decode("[1,2]").deadLetterKind());
        assertEquals("unsupported-message", decoder.decode("{\"type\":\"ticker\"}").deadLetterKind());
    }

    @Test
    void should_keep_every_number_as_the_exchange_wrote_it() {
        // 17 significant digits (Upbit's own documentation), digits a double cannot hold, trailing zeros, a tiny rate
        String frame = "{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"trade_price\":140000000.0,"
                + "\"acc_trade_price_24h\":147058139316.34984,\"acc_trade_volume_24h\":1234.567890123456789,"
                + "\"signed_change_rate\":-0.0000001234,\"acc_trade_volume\":9007199254740993,"
                + "\"trade_timestamp\":1584482323000,\"timestamp\":1584482323378,\"stream_type\":\"REALTIME\"}";
        String written = ExactJson.text(decoder.decode(frame.getBytes(StandardCharsets.UTF_8)).entry().restShape());

        assertTrue(written.contains("\"trade_price\":140000000.0,"), written);
        assertTrue(written.contains("\"acc_trade_price_24h\":147058139316.34984,"), written);
        assertTrue(written.contains("\"acc_trade_volume_24h\":1234.567890123456789,"), written);
        assertTrue(written.contains("\"signed_change_rate\":-0.0000001234,"), written);
        assertTrue(written.contains("\"acc_trade_volume\":9007199254740993,"), written);
    }

    @Test
    void should_read_a_binary_frames_buffer_in_place_as_its_bytes() throws Exception {
        byte[] frame = RestShapeTest.fixture("ws_orderbook_default_truncated.json").toString().getBytes(StandardCharsets.UTF_8);
        StreamFrame fromBytes = decoder.decode(frame);
        // a buffer that is a slice of a larger array: the read starts at its own first byte
        io.vertx.core.buffer.Buffer padded = io.vertx.core.buffer.Buffer.buffer("garbage".getBytes(StandardCharsets.UTF_8))
                .appendBytes(frame).appendString("trailing");
        StreamFrame fromBuffer = decoder.decode(padded.slice(7, 7 + frame.length));
        assertEquals(fromBytes.entry().restShape(), fromBuffer.entry().restShape());
        assertEquals(fromBytes.entry().key(), fromBuffer.entry().key());

        StreamFrame status = decoder.decode(io.vertx.core.buffer.Buffer.buffer("{\"status\":\"UP\"}"));
        assertEquals(StreamFrame.Kind.STATUS, status.kind(), "the general path takes a buffer too");
        assertEquals("undecodable", decoder.decode(io.vertx.core.buffer.Buffer.buffer("{not json")).deadLetterKind());
    }
}
