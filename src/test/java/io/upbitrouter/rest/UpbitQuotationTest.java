package io.upbitrouter.rest;

import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.InvalidRequestException;
import io.upbitrouter.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpbitQuotationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T05:00:00Z"));
    private final List<String> sent = new ArrayList<>();

    /** Records the path and query instead of calling the exchange. */
    private final UpbitRestClient recording = new UpbitRestClient(new RestBudget(clock, 10, 1000, 100), RestSettings.defaults()) {
        @Override
        public RestAnswer get(RestGroup group, String path, String query) {
            sent.add(group.headerName() + " " + path + "?" + query);
            return new RestAnswer(200, "[]", null);
        }
    };
    private final UpbitQuotation quotation = new UpbitQuotation(recording, clock);

    @Test
    void should_send_to_in_utc_rounded_up_to_the_second() {
        assertEquals("2025-06-24T04:56:53Z", UpbitQuotation.formatTo(Instant.parse("2025-06-24T04:56:53Z")));
        assertEquals("2025-06-24T04:56:54Z", UpbitQuotation.formatTo(Instant.parse("2025-06-24T04:56:53.001Z")));
        quotation.page("KRW-BTC", io.upbitrouter.model.CandleInterval.MINUTES_3, Instant.parse("2025-06-24T13:56:53+09:00"), 500);
        assertEquals("candles candles/minutes/3?market=KRW-BTC&count=200&to=2025-06-24T04%3A56%3A53Z", sent.get(0));
    }

    @Test
    void should_encode_several_markets_into_one_query() {
        quotation.tickers(List.of("KRW-BTC", "BTC-ETH"));
        quotation.orderbooks(List.of("KRW-BTC"));
        assertEquals(List.of("ticker ticker?markets=KRW-BTC%2CBTC-ETH", "orderbook orderbook?markets=KRW-BTC"), sent);
    }

    @Test
    void should_send_orderbook_level_and_count_trade_parameters_and_price_conversion_as_given() {
        quotation.orderbooks(List.of("KRW-BTC", "KRW-ETH"),
                new ExchangeParameters(new java.math.BigDecimal("10000"), 5, null, null, null, null));
        quotation.trades("KRW-BTC", 20, Instant.parse("2026-03-08T12:00:00Z"),
                new ExchangeParameters(null, null, "120000", 2, "17000000001", null));
        quotation.trades("KRW-BTC", 20, null, new ExchangeParameters(null, null, null, null, "17000000001", null));
        quotation.page("BTC-ETH", io.upbitrouter.model.CandleInterval.DAYS, null, 3, "KRW");
        assertEquals(List.of("orderbook orderbook?markets=KRW-BTC%2CKRW-ETH&level=10000&count=5",
                "trade trades/ticks?market=KRW-BTC&count=20&to=120000&days_ago=2&cursor=17000000001",
                "trade trades/ticks?market=KRW-BTC&count=20&cursor=17000000001",
                "candles candles/days?market=BTC-ETH&count=3&converting_price_unit=KRW"), sent);
    }

    @Test
    void should_turn_a_trades_to_into_utc_time_of_day_and_days_ago() {
        quotation.trades("KRW-BTC", 50, Instant.parse("2026-03-10T01:02:03Z"));
        quotation.trades("KRW-BTC", 50, Instant.parse("2026-03-08T23:59:59Z"));
        quotation.trades("KRW-BTC", 1, null);
        assertEquals(List.of("trade trades/ticks?market=KRW-BTC&count=50&to=010203",
                "trade trades/ticks?market=KRW-BTC&count=50&to=235959&days_ago=2",
                "trade trades/ticks?market=KRW-BTC&count=1"), sent);
        assertEquals("to", assertThrows(InvalidRequestException.class,
                () -> quotation.trades("KRW-BTC", 5, Instant.parse("2026-03-01T00:00:00Z"))).field());
    }

    @Test
    void should_build_queries_in_the_order_given() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("market", "KRW-BTC");
        q.put("to", "a b&c");
        assertEquals("market=KRW-BTC&to=a+b%26c", UpbitQuotation.query(q));
    }
}
