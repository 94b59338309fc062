package io.upbitrouter.ws;

import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.testsupport.RouteIds;
import org.apache.camel.spi.RouteIdAware;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which stored items the market-updates tap carries: those some consuming route wants; all for an undeclared one. */
class MarketUpdateInterestTest {

    private static final MarketKey BTC_TICKER = MarketKey.ticker("KRW-BTC");
    private static final MarketKey BTC_TRADE = MarketKey.trade("KRW-BTC");
    private static final MarketKey ETH_TICKER = MarketKey.ticker("KRW-ETH");
    private static final MarketKey BTC_CANDLE_1M = MarketKey.candle(CandleInterval.MINUTES_1, "KRW-BTC");

    private final Set<RouteIdAware> consumers = new CopyOnWriteArraySet<>();
    private final MarketUpdateInterest interest = new MarketUpdateInterest();

    @Test
    void should_want_nothing_while_nothing_consumes_the_queue() {
        interest.consumers(consumers);
        interest.declare("forward", key -> true);
        assertFalse(interest.consumed());
        assertFalse(interest.wanted(BTC_TICKER), "a declaration without its consumer wants nothing");
    }

    @Test
    void should_want_only_what_declared_consumers_asked_for() {
        interest.consumers(consumers);
        consumers.add(RouteIds.of("forward"));
        consumers.add(RouteIds.of("fanout"));
        interest.declare("forward", MarketUpdateInterest.ofTypeAndSymbols("ticker", "all"));
        interest.declare("fanout", List.of(ETH_TICKER, BTC_CANDLE_1M)::contains);

        assertTrue(interest.wanted(BTC_TICKER));
        assertTrue(interest.wanted(BTC_CANDLE_1M), "the fan-out's client wants it");
        assertFalse(interest.wanted(BTC_TRADE), "nobody asked for trades");
    }

    @Test
    void should_want_everything_while_a_consumer_declared_nothing() {
        interest.consumers(consumers);
        consumers.add(RouteIds.of("forward"));
        interest.declare("forward", key -> false);
        assertFalse(interest.wanted(BTC_TRADE));

        consumers.add(RouteIds.of("users-own-route"));
        assertTrue(interest.wanted(BTC_TRADE), "a user's own from(MARKET_UPDATES) gets every item, as before");
        assertTrue(interest.wanted(BTC_CANDLE_1M));

        consumers.removeIf(c -> c.getRouteId().equals("users-own-route"));
        interest.withdraw("forward");
        assertTrue(interest.wanted(BTC_TRADE), "a withdrawn declaration: the route gets every item again");
    }

    @Test
    void should_read_the_forward_templates_type_and_symbols_as_its_filter_does() {
        assertTrue(MarketUpdateInterest.ofTypeAndSymbols("all", "all").test(BTC_TRADE));
        assertTrue(MarketUpdateInterest.ofTypeAndSymbols("TICKER", "all").test(ETH_TICKER), "any case");
        assertFalse(MarketUpdateInterest.ofTypeAndSymbols("ticker", "all").test(BTC_TRADE));
        assertTrue(MarketUpdateInterest.ofTypeAndSymbols("ticker", "KRW-XRP, KRW-ETH").test(ETH_TICKER));
        assertFalse(MarketUpdateInterest.ofTypeAndSymbols("ticker", "KRW-XRP,KRW-ETH").test(BTC_TICKER));
        assertTrue(MarketUpdateInterest.ofTypeAndSymbols("candle", "KRW-BTC").test(BTC_CANDLE_1M));
        assertFalse(MarketUpdateInterest.ofTypeAndSymbols("tickers", "all").test(BTC_TICKER), "no such type: nothing");
        assertTrue(MarketUpdateInterest.of("candle", "1m", "KRW-BTC").test(BTC_CANDLE_1M));
        assertFalse(MarketUpdateInterest.of("candle", "5m", "KRW-BTC").test(BTC_CANDLE_1M));
    }
}
