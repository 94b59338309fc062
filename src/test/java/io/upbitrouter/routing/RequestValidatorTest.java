package io.upbitrouter.routing;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(2000);

    /** Each bad input, the field the error must name, and a word the reason must contain. */
    @ParameterizedTest(name = "{0} {1} {2} count={3} to={4} priority={5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "QUOTE     | KRW-BTC          | NULL | 1    | NULL                 | NULL   | type     | unknown",
            "NULL      | KRW-BTC          | NULL | 1    | NULL                 | NULL   | type     | missing",
            "CANDLES   | KRW-BTC          | 2m   | 1    | NULL                 | NULL   | interval | unknown",
            "CANDLES   | KRW-BTC          | 1D   | 1    | NULL                 | NULL   | interval | unknown",
            "CANDLES   | KRW-BTC          | NULL | 1    | NULL                 | NULL   | interval | required",
            "TICKER    | KRW-BTC          | 1m   | 1    | NULL                 | NULL   | interval | not meaningful",
            "TICKER    | ''               | NULL | 1    | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | NULL             | NULL | 1    | NULL                 | NULL   | symbols  | empty",
            "TICKER    | krw-btc          | NULL | 1    | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | KRWBTC           | NULL | 1    | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | KRW-BTC&x=1      | NULL | 1    | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | KRW-BTC/../x     | NULL | 1    | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | 'KRW-BTC,,KRW-ETH' | NULL | 1  | NULL                 | NULL   | symbols  | malformed",
            "TICKER    | 'KRW-BTC,KRW-BTC' | NULL | 1   | NULL                 | NULL   | symbols  | duplicate",
            "TICKER    | KRW-BTC          | NULL | 0    | NULL                 | NULL   | count    | at least 1",
            "TICKER    | KRW-BTC          | NULL | -5   | NULL                 | NULL   | count    | at least 1",
            "TICKER    | KRW-BTC          | NULL | abc  | NULL                 | NULL   | count    | whole number",
            "TICKER    | KRW-BTC          | NULL | 2    | NULL                 | NULL   | count    | latest",
            "ORDERBOOK | KRW-BTC          | NULL | 5    | NULL                 | NULL   | count    | latest",
            "TRADES    | KRW-BTC          | NULL | 501  | NULL                 | NULL   | count    | at most 500",
            "CANDLES   | KRW-BTC          | 1m   | 2001 | NULL                 | NULL   | count    | at most 2000",
            "CANDLES   | KRW-BTC          | 1m   | 10   | yesterday            | NULL   | to       | unparsable",
            "CANDLES   | KRW-BTC          | 1m   | 10   | 2025-13-01T00:00:00Z | NULL   | to       | unparsable",
            "TICKER    | KRW-BTC          | NULL | 1    | 2025-06-24T04:56:53Z | NULL   | to       | not meaningful",
            "ORDERBOOK | KRW-BTC          | NULL | 1    | 2025-06-24T04:56:53Z | NULL   | to       | not meaningful",
            "TICKER    | KRW-BTC          | NULL | 1    | NULL                 | URGENT | priority | unknown",
    })
    void should_refuse_bad_input_naming_the_field(String type, String symbols, String interval, String count, String to,
                                                  String priority, String field, String reasonWord) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> validator.fromStrings(type, symbols, interval, count, to, priority));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(reasonWord), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void should_refuse_more_symbols_than_one_call_carries() {
        String many = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "KRW-C" + i).toList());
        assertEquals("symbols", assertThrows(InvalidRequestException.class,
                () -> validator.fromStrings("TICKER", many, null, null, null, null)).field());
        String eleven = String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "KRW-C" + i).toList());
        assertEquals("symbols", assertThrows(InvalidRequestException.class,
                () -> validator.fromStrings("CANDLES", eleven, "1m", null, null, null)).field());
    }

    @Test
    void should_refuse_upbit_parameters_on_the_wrong_type_or_out_of_range() {
        java.util.Map<String, io.upbitrouter.model.MarketDataRequest> bad = java.util.Map.of(
                "level", withParameters(MarketDataType.TICKER, null, new io.upbitrouter.model.ExchangeParameters(java.math.BigDecimal.TEN, null, null, null, null, null)),
                "count", withParameters(MarketDataType.ORDERBOOK, null, new io.upbitrouter.model.ExchangeParameters(null, 31, null, null, null, null)),
                "cursor", withParameters(MarketDataType.TRADES, null, new io.upbitrouter.model.ExchangeParameters(null, null, null, null, "12a", null)),
                "days_ago", withParameters(MarketDataType.TRADES, null, new io.upbitrouter.model.ExchangeParameters(null, null, null, 8, null, null)),
                "to", withParameters(MarketDataType.TRADES, null, new io.upbitrouter.model.ExchangeParameters(null, null, "246000", null, null, null)),
                "converting_price_unit", withParameters(MarketDataType.CANDLES, io.upbitrouter.model.CandleInterval.MINUTES_1,
                        new io.upbitrouter.model.ExchangeParameters(null, null, null, null, null, "KRW")));
        bad.forEach((field, request) -> assertEquals(field,
                assertThrows(InvalidRequestException.class, () -> validator.validate(request)).field(), request.toString()));
        validator.validate(withParameters(MarketDataType.CANDLES, io.upbitrouter.model.CandleInterval.DAYS,
                new io.upbitrouter.model.ExchangeParameters(null, null, null, null, null, "KRW")));
        validator.validate(withParameters(MarketDataType.TRADES, null,
                new io.upbitrouter.model.ExchangeParameters(null, null, "235959", 7, "17000000000001", null)));
    }

    private static io.upbitrouter.model.MarketDataRequest withParameters(MarketDataType type, io.upbitrouter.model.CandleInterval interval,
                                                                         io.upbitrouter.model.ExchangeParameters p) {
        return new io.upbitrouter.model.MarketDataRequest(type, java.util.List.of("KRW-BTC"), interval, 1, null, null, p);
    }

    @Test
    void should_refuse_typed_requests_with_null_parts() {
        assertEquals("request", assertThrows(InvalidRequestException.class, () -> validator.validate(null)).field());
        assertEquals("symbols", assertThrows(InvalidRequestException.class, () -> validator.of(MarketDataType.TICKER,
                Arrays.asList("KRW-BTC", null), null, 1, null, null)).field());
    }

    @Test
    void should_build_a_request_with_defaults_from_strings() {
        MarketDataRequest r = validator.fromStrings("ticker", "KRW-BTC, KRW-ETH", null, null, null, null);
        assertEquals(MarketDataType.TICKER, r.type());
        assertEquals(List.of("KRW-BTC", "KRW-ETH"), r.symbols());
        assertEquals(1, r.count());
        assertNull(r.to());
        assertEquals(RealtimePriority.NORMAL, r.priority());
    }

    @ParameterizedTest
    @CsvSource({
            "2025-06-24T04:56:53Z, 2025-06-24T04:56:53Z",
            "2025-06-24T13:56:53+09:00, 2025-06-24T04:56:53Z",
            "2025-06-24 04:56:53, 2025-06-24T04:56:53Z",
            "2025-06-24T04:56:53, 2025-06-24T04:56:53Z"})
    void should_read_to_in_every_form_upbit_accepts_as_utc(String to, String expected) {
        MarketDataRequest r = validator.fromStrings("CANDLES", "KRW-BTC", "1m", "200", to, "LOW");
        assertEquals(Instant.parse(expected), r.to());
        assertEquals(CandleInterval.MINUTES_1, r.interval());
        assertEquals(RealtimePriority.LOW, r.priority());
    }

    @Test
    void should_accept_the_largest_counts_each_type_allows() {
        assertEquals(500, validator.fromStrings("TRADES", "KRW-BTC", null, "500", null, null).count());
        assertEquals(2000, validator.fromStrings("CANDLES", "KRW-BTC", "1M", "2000", null, "HIGH").count());
        assertEquals(CandleInterval.MONTHS, validator.fromStrings("CANDLES", "BTC-ETH", "1M", "1", null, null).interval());
    }

    @Test
    void should_bound_to_to_a_sane_range_on_the_injected_clock() {
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        RequestValidator bounded = new RequestValidator(2000, clock, market -> true);
        for (String to : List.of("0001-01-01T00:00:00Z", "2009-12-31T23:59:59Z", "2027-03-03T00:00:00Z",
                "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bounded.of(MarketDataType.CANDLES,
                    new java.util.ArrayList<>(List.of("KRW-BTC")), CandleInterval.MINUTES_1, 2, Instant.parse(to), null), to);
            assertEquals("to", e.field());
        }
        bounded.of(MarketDataType.CANDLES, new java.util.ArrayList<>(List.of("KRW-BTC")), CandleInterval.MINUTES_1, 2,
                Instant.parse("2017-10-01T00:00:00Z"), null);
        bounded.of(MarketDataType.CANDLES, new java.util.ArrayList<>(List.of("KRW-BTC")), CandleInterval.MINUTES_1, 2,
                Instant.parse("2026-03-02T00:00:00Z"), null);
    }

    @Test
    void should_answer_unlisted_codes_like_the_exchange() {
        RequestValidator listed = new RequestValidator(2000, java.time.Clock.systemUTC(), "KRW-BTC"::equals);
        io.upbitrouter.model.UnknownMarketException e = assertThrows(io.upbitrouter.model.UnknownMarketException.class,
                () -> listed.of(MarketDataType.TICKER, new java.util.ArrayList<>(List.of("KRW-BTC", "KRW-NOPE")), null, 1, null, null));
        assertEquals(404, e.httpStatus());
        assertEquals("KRW-NOPE", e.market());
        assertEquals(io.upbitrouter.model.UnknownMarketException.UPBIT_BODY, e.upstreamBody());
        assertThrows(InvalidRequestException.class, () -> listed.of(MarketDataType.TICKER, new java.util.ArrayList<>(List.of("KRW-NOPE")), null, 2,
                null, null), "a bad field is named before the code is looked up");
    }

    @Test
    void should_take_an_immutable_list_of_symbols() {
        assertEquals(List.of("KRW-BTC"), new RequestValidator().of(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null,
                null).symbols());
    }
}
