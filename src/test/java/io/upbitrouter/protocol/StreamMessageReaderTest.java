package io.upbitrouter.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one-pass read of a stream message gives the very REST item the general path gives (a Jackson tree of the
 * frame, then {@link RestShape}): same fields in the same order, same node types, same decimals with the same scale.
 * Checked on the fixtures and on thousands of generated messages with every number form, fields in any order,
 * unknown and duplicate fields; what it leaves to the general path it answers with null.
 */
class StreamMessageReaderTest {

    private static StreamMessageReader.Read read(String frame) throws IOException {
        try (JsonParser parser = ExactJson.MAPPER.getFactory().createParser(frame.getBytes(StandardCharsets.UTF_8))) {
            return StreamMessageReader.read(parser);
        }
    }

    /** The general path's item, or empty where it refuses the frame (or cannot read it). */
    private static Optional<ObjectNode> general(String frame) {
        try {
            JsonNode node = ExactJson.read(frame.getBytes(StandardCharsets.UTF_8));
            return node instanceof ObjectNode message ? RestShape.of(message) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void assertSameAsGeneralPath(String frame) throws IOException {
        StreamMessageReader.Read read = read(frame);
        Optional<ObjectNode> expected = general(frame);
        if (read == null) {
            return; // left to the general path, which then decides: nothing to compare
        }
        assertTrue(expected.isPresent(), "read a frame the general path refuses: " + frame);
        assertSameNodes(expected.get(), read.rest(), frame);
        assertEquals(ExactJson.text(expected.get()), ExactJson.text(read.rest()));
        JsonNode message = ExactJson.read(frame.getBytes(StandardCharsets.UTF_8));
        assertEquals(message.get("type").asText(), read.wsType());
        assertEquals(message.get("code").asText(), read.code());
    }

    /** Equal, field order included, node class by node class, decimals with their scale. */
    static void assertSameNodes(JsonNode expected, JsonNode actual, String where) {
        assertEquals(expected.getClass(), actual.getClass(), where);
        assertEquals(expected, actual, where);
        if (expected.isObject()) {
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertEquals(expectedNames, actualNames, where);
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertSameNodes(field.getValue(), actual.get(field.getKey()), where + " ." + field.getKey());
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameNodes(expected.get(i), actual.get(i), where + " [" + i + "]");
            }
        } else if (expected.isBigDecimal()) {
            assertEquals(expected.decimalValue().scale(), actual.decimalValue().scale(), where);
            assertEquals(expected.decimalValue().unscaledValue(), actual.decimalValue().unscaledValue(), where);
        }
    }

    @Test
    void should_read_every_fixture_as_the_general_path_does() throws IOException {
        for (String fixture : List.of("ws_ticker_default.json", "ws_trade_default.json", "ws_orderbook_default_truncated.json",
                "ws_candle_1s_default.json")) {
            String frame = RestShapeTest.fixture(fixture).toString();
            StreamMessageReader.Read read = read(frame);
            assertNotNull(read, fixture);
            assertSameAsGeneralPath(frame);
        }
        ObjectNode minuteCandle = (ObjectNode) RestShapeTest.fixture("ws_candle_1s_default.json");
        minuteCandle.put("type", "candle.15m");
        assertNotNull(read(minuteCandle.toString()));
        assertSameAsGeneralPath(minuteCandle.toString());
    }

    @Test
    void should_leave_simple_format_status_errors_and_refused_messages_to_the_general_path() throws IOException {
        assertNull(read(RestShapeTest.fixture("ws_ticker_simple_truncated.json").toString()), "SIMPLE format");
        assertNull(read(RestShapeTest.fixture("ws_status_up.json").toString()));
        assertNull(read(RestShapeTest.fixture("ws_error_invalid_auth.json").toString()));
        assertNull(read("{\"type\":\"myOrder\",\"code\":\"KRW-BTC\",\"timestamp\":1}"));
        assertNull(read("{\"type\":\"ticker\",\"code\":7,\"timestamp\":1}"), "a code that is no text");
        assertNull(read("{\"type\":\"ticker\",\"code\":\"KRW-BTC\"}"), "no timestamp");
        assertNull(read("{\"type\":\"ticker\",\"code\":\"KRW-BTC\",\"timestamp\":1,"), "cut off");
        assertNull(read("[{\"type\":\"ticker\"}]"));
        assertNull(read(""));
        assertNull(read("{\"type\":\"candle.1m\",\"code\":\"KRW-BTC\",\"timestamp\":1}"), "a candle without its time");
    }

    @Test
    void should_read_decimals_with_the_digits_and_scale_written() throws IOException {
        for (String number : List.of("0.0", "-0.0", "0.00000010", "140000000.0", "147058139316.34984", "-0.0000001234",
                "123456789012345678.9", "1234.567890123456789", "99999999999999999.9", "1.5E-7", "2e3", "-1.0e+2",
                "0.000000000000000000000001", "31883000.00000000")) {
            String frame = "{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"timestamp\":1,\"trade_timestamp\":1,\"trade_price\":"
                    + number + "}";
            StreamMessageReader.Read read = read(frame);
            assertNotNull(read, number);
            assertEquals(new BigDecimal(number), read.rest().get("trade_price").decimalValue(), number);
            assertEquals(new BigDecimal(number).scale(), read.rest().get("trade_price").decimalValue().scale(), number);
            assertSameAsGeneralPath(frame);
        }
    }

    @Test
    void should_read_thousands_of_generated_messages_as_the_general_path_does() throws IOException {
        Random random = new Random(20261130L);
        int read = 0;
        for (int i = 0; i < 5_000; i++) {
            String frame = generated(random);
            if (read(frame) != null) {
                read++;
            }
            try {
                assertSameAsGeneralPath(frame);
            } catch (AssertionError e) {
                fail("frame " + i + ": " + frame, e);
            }
        }
        assertTrue(read > 4_000, "most generated messages are plain DEFAULT data: " + read);
    }

    private static final List<String> TYPES = List.of("ticker", "trade", "orderbook", "candle.1m", "candle.1s", "candle.240m");

    /** A DEFAULT-format message of a random type with the fields the exchange sends, some odd ones, in any order. */
    private static String generated(Random random) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        List<String> fields = new ArrayList<>();
        fields.add(field("type", "\"" + type + "\""));
        fields.add(field("code", "\"KRW-" + (char) ('A' + random.nextInt(26)) + "X\""));
        fields.add(field("timestamp", Long.toString(1_700_000_000_000L + random.nextInt(1_000_000))));
        fields.add(field("stream_type", random.nextBoolean() ? "\"REALTIME\"" : "\"SNAPSHOT\""));
        List<String> names = switch (type) {
            case "ticker" -> List.of("opening_price", "high_price", "low_price", "trade_price", "prev_closing_price",
                    "change_price", "signed_change_price", "change_rate", "signed_change_rate", "trade_volume",
                    "acc_trade_price", "acc_trade_price_24h", "acc_trade_volume", "acc_trade_volume_24h",
                    "highest_52_week_price", "lowest_52_week_price", "acc_ask_volume", "acc_bid_volume");
            case "trade" -> List.of("trade_price", "trade_volume", "prev_closing_price", "change_price", "sequential_id",
                    "best_ask_price", "best_bid_size");
            case "orderbook" -> List.of("total_ask_size", "total_bid_size");
            default -> List.of("opening_price", "high_price", "low_price", "trade_price", "candle_acc_trade_price",
                    "candle_acc_trade_volume");
        };
        for (String name : names) {
            fields.add(field(name, number(random)));
        }
        switch (type) {
            case "ticker" -> {
                fields.add(field("change", "\"RISE\""));
                fields.add(field("trade_date", "\"20240101\""));
                fields.add(field("trade_time", "\"010203\""));
                if (random.nextInt(10) > 0) {
                    fields.add(field("trade_timestamp", random.nextInt(20) == 0 ? "\"soon\"" : number(random)));
                }
                fields.add(field("highest_52_week_date", "\"2023-04-08\""));
                fields.add(field("market_state", "\"ACTIVE\""));
                fields.add(field("is_trading_suspended", "false"));
                fields.add(field("delisting_date", "null"));
                fields.add(field("ask_bid", "\"ASK\""));
            }
            case "trade" -> {
                fields.add(field("trade_date", "\"2024-01-01\""));
                if (random.nextInt(10) > 0) {
                    fields.add(field("trade_time", "\"01:02:03\""));
                }
                fields.add(field("trade_timestamp", Long.toString(1_700_000_000_000L + random.nextInt(1_000))));
                fields.add(field("ask_bid", "\"BID\""));
            }
            case "orderbook" -> {
                StringBuilder units = new StringBuilder("[");
                int count = random.nextInt(31);
                for (int u = 0; u < count; u++) {
                    units.append(u == 0 ? "" : ",").append("{\"ask_price\":").append(number(random))
                            .append(",\"bid_price\":").append(number(random)).append(",\"ask_size\":").append(number(random))
                            .append(",\"bid_size\":").append(number(random)).append('}');
                }
                fields.add(field("orderbook_units", units.append(']').toString()));
                fields.add(field("level", random.nextBoolean() ? "0" : "10000.0"));
            }
            default -> {
                if (random.nextInt(20) > 0) {
                    fields.add(field("candle_date_time_utc", "\"2024-01-01T00:0" + random.nextInt(10) + ":00\""));
                }
                fields.add(field("candle_date_time_kst", "\"2024-01-01T09:00:00\""));
                if (random.nextInt(10) == 0) {
                    fields.add(field("unit", "3"));
                }
            }
        }
        // odd but valid: unknown fields of every kind, a field twice, a null where a number belongs, escapes
        if (random.nextInt(4) == 0) {
            fields.add(field("extra", "{\"a\":[1,{\"b\":null}],\"c\":\"x\\\"y\"}"));
        }
        if (random.nextInt(4) == 0) {
            fields.add(field("list", "[[],[1.5,2],{}]"));
        }
        if (random.nextInt(5) == 0) {
            fields.add(field("trade_price", number(random)));
        }
        if (random.nextInt(10) == 0) {
            fields.add(field("opening_price", "null"));
        }
        if (random.nextInt(10) == 0) {
            // an object where a number belongs, small or large, with a field twice: built as the tree path builds it
            StringBuilder object = new StringBuilder("{");
            int count = random.nextInt(14);
            for (int f = 0; f < count; f++) {
                object.append(f == 0 ? "" : ",").append("\"k").append(random.nextInt(count)).append("\":").append(number(random));
            }
            fields.add(field(random.nextBoolean() ? "level" : "trade_volume", object.append('}').toString()));
        }
        if (random.nextInt(10) == 0) {
            fields.add(field("change", "\"\\u0052ISE \\ud55c\""));
        }
        if (random.nextBoolean()) {
            Collections.shuffle(fields, random);
        }
        return "{" + String.join(random.nextBoolean() ? "," : " , ", fields) + "}";
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + value;
    }

    /** A number in one of the forms a JSON writer uses. */
    private static String number(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Integer.toString(random.nextInt(1000));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "12345678901234567890123";
            case 3 -> "-" + random.nextInt(100) + "." + random.nextInt(1000);
            case 4 -> random.nextInt(1_000_000) + ".00000000";
            case 5 -> "0.000" + Math.abs(random.nextLong());
            case 6 -> (random.nextInt(9) + 1) + "." + random.nextInt(100) + "E-" + random.nextInt(12);
            case 7 -> "147058139316.34984";
            case 8 -> "-0.0";
            case 9 -> Math.abs(random.nextLong()) + "." + Math.abs(random.nextLong());
            case 10 -> new BigDecimal(random.nextDouble() * 1e6).toPlainString();
            default -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(20) - 10));
        };
    }

    @Test
    void should_write_korean_dates_of_a_ticker_as_the_zoned_formatter_does() {
        java.time.format.DateTimeFormatter date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd")
                .withZone(java.time.ZoneOffset.ofHours(9));
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HHmmss")
                .withZone(java.time.ZoneOffset.ofHours(9));
        Random random = new Random(9);
        List<Long> instants = new ArrayList<>(List.of(0L, -1L, 1584482323000L, 253402300799999L, -62135596800000L,
                1_700_000_000_000L + 15 * 3_600_000L - 1, 1_700_000_000_000L + 15 * 3_600_000L));
        for (int i = 0; i < 2_000; i++) {
            instants.add(random.nextLong() % 300_000_000_000_000L);
        }
        for (long millis : instants) {
            java.time.Instant at = java.time.Instant.ofEpochMilli(millis);
            assertEquals(date.format(at), RestShape.kstDate(millis), at.toString());
            assertEquals(time.format(at), RestShape.kstTime(millis), at.toString());
        }
    }

    @Test
    void should_copy_orderbook_units_as_they_came() throws IOException {
        String frame = RestShapeTest.fixture("ws_orderbook_default_truncated.json").toString();
        ArrayNode units = (ArrayNode) read(frame).rest().get("orderbook_units");
        assertEquals(3, units.size());
        assertEquals(new BigDecimal("1.585"), units.get(2).get("ask_size").decimalValue());
        assertTrue(units.get(2).get("bid_size").isInt());
    }
}
