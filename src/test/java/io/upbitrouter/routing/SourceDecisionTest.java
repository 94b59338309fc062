package io.upbitrouter.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.cache.CachedMarketData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.model.ExchangeParameters;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.routing.SymbolDecision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rule table: every rule of the decision with the source and reason it must produce. */
class SourceDecisionTest {

    private static final long NOW = 1_800_000_000_000L;
    private final SourceDecision decision = new SourceDecision(60_000, 5_000);

    /**
     * Columns: rule, type, interval, count, to, priority, ws enabled, stream healthy (true, false, or
     * {@code stalled}: connected and answering, but stalled for this symbol), cache entry age
     * (-1 = none), REST rate-limited, expected action, expected reason, expected demand.
     */
    @ParameterizedTest(name = "rule {0}: {1} {2} count={3} to={4} {5} ws={6} healthy={7} age={8} limited={9} -> {10} {11}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // Stage 1: hard rules, REST whatever the cache holds
            "1 | CANDLES   | 1m  | 1   | 2025-06-24T04:56:53Z | NORMAL | true  | true  | 10    | false | REST         | HISTORY_REQUESTED | false",
            "1 | TRADES    | -   | 1   | 2025-06-24T04:56:53Z | HIGH   | true  | true  | 10    | false | REST         | HISTORY_REQUESTED | false",
            "2 | CANDLES   | 1m  | 200 | -                    | NORMAL | true  | true  | 10    | false | REST         | MULTIPLE_ITEMS    | false",
            "2 | TRADES    | -   | 50  | -                    | HIGH   | true  | true  | 10    | false | REST         | MULTIPLE_ITEMS    | false",
            "3 | CANDLES   | 1d  | 1   | -                    | HIGH   | true  | true  | 10    | false | REST         | NOT_STREAMABLE    | false",
            "3 | CANDLES   | 1w  | 1   | -                    | NORMAL | true  | true  | 10    | false | REST         | NOT_STREAMABLE    | false",
            "3 | CANDLES   | 1M  | 1   | -                    | NORMAL | true  | true  | 10    | false | REST         | NOT_STREAMABLE    | false",
            "3 | CANDLES   | 1y  | 1   | -                    | NORMAL | true  | true  | 10    | false | REST         | NOT_STREAMABLE    | false",
            "4 | TICKER    | -   | 1   | -                    | HIGH   | false | true  | 10    | false | REST         | WS_DISABLED       | false",
            "4 | CANDLES   | 1s  | 1   | -                    | NORMAL | false | true  | 10    | true  | REST         | WS_DISABLED       | false",
            // Stage 2: rate limited first: a fresh entry wins whatever else, none means waiting for budget
            "8 | TICKER    | -   | 1   | -                    | LOW    | true  | false | 59999 | true  | CACHE        | CACHE_FRESH       | false",
            "8 | ORDERBOOK | -   | 1   | -                    | NORMAL | true  | false | 100   | true  | CACHE        | CACHE_FRESH       | true",
            "8 | TICKER    | -   | 1   | -                    | HIGH   | true  | true  | 30000 | true  | CACHE        | CACHE_FRESH       | true",
            "8 | TICKER    | -   | 1   | -                    | NORMAL | true  | true  | 60000 | true  | REST         | RATE_LIMITED      | true",
            "8 | TRADES    | -   | 1   | -                    | NORMAL | true  | true  | -1    | true  | REST         | RATE_LIMITED      | true",
            // Stage 2: priority LOW asks for stability
            "5 | TICKER    | -   | 1   | -                    | LOW    | true  | true  | 10    | false | REST         | LOW_PRIORITY      | false",
            // Stage 2: the stream unhealthy or absent
            "6 | TICKER    | -   | 1   | -                    | NORMAL | true  | false | 10    | false | REST         | WS_UNHEALTHY      | true",
            "6 | CANDLES   | 1m  | 1   | -                    | HIGH   | true  | false | -1    | false | REST         | WS_UNHEALTHY      | true",
            // Stage 2: the stream stalled for the symbol: its entry, however young, is not fresh
            "6 | TICKER    | -   | 1   | -                    | NORMAL | true  | stalled | 10  | false | REST         | WS_STALLED        | true",
            "6 | TRADES    | -   | 1   | -                    | HIGH   | true  | stalled | 0   | false | REST         | WS_STALLED        | true",
            "6 | TICKER    | -   | 1   | -                    | LOW    | true  | stalled | 10  | false | REST         | LOW_PRIORITY      | false",
            "8 | ORDERBOOK | -   | 1   | -                    | NORMAL | true  | stalled | 10  | true  | REST         | RATE_LIMITED      | true",
            // Stage 2: fresh entries, with HIGH's tighter limit
            "7 | TICKER    | -   | 1   | -                    | NORMAL | true  | true  | 59999 | false | CACHE        | CACHE_FRESH       | true",
            "7 | TRADES    | -   | 1   | -                    | NORMAL | true  | true  | 0     | false | CACHE        | CACHE_FRESH       | true",
            "7 | CANDLES   | 240m| 1   | -                    | NORMAL | true  | true  | 10    | false | CACHE        | CACHE_FRESH       | true",
            "7 | ORDERBOOK | -   | 1   | -                    | HIGH   | true  | true  | 4999  | false | CACHE        | CACHE_FRESH       | true",
            // Stage 2: misses and stale entries go to REST; HIGH waits for the stream first
            "7 | TICKER    | -   | 1   | -                    | NORMAL | true  | true  | -1    | false | REST         | CACHE_MISS        | true",
            "7 | TICKER    | -   | 1   | -                    | NORMAL | true  | true  | 60000 | false | REST         | CACHE_STALE       | true",
            "7 | CANDLES   | 1s  | 1   | -                    | NORMAL | true  | true  | 90000 | false | REST         | CACHE_STALE       | true",
            "7 | TICKER    | -   | 1   | -                    | HIGH   | true  | true  | -1    | false | AWAIT_STREAM | CACHE_MISS        | true",
            "7 | TICKER    | -   | 1   | -                    | HIGH   | true  | true  | 5000  | false | AWAIT_STREAM | CACHE_STALE       | true",
    })
    void should_apply_each_rule(String rule, MarketDataType type, String interval, int count, String to,
                                RealtimePriority priority, boolean wsEnabled, String stream, long age, boolean limited,
                                Action action, RoutingReason reason, boolean demand) {
        CandleInterval ci = interval == null ? null : CandleInterval.fromCode(interval).orElseThrow();
        MarketDataRequest request = new MarketDataRequest(type, List.of("KRW-BTC"), ci, count,
                to == null ? null : Instant.parse(to), priority);
        CachedMarketData entry = age < 0 ? null : entry(MarketKey.of(type, ci, "KRW-BTC"), age);
        boolean stalled = "stalled".equals(stream);
        DecisionInputs in = new DecisionInputs(wsEnabled, stalled || Boolean.parseBoolean(stream),
                key -> entry != null && entry.key().equals(key) ? Optional.of(entry) : Optional.empty(), limited, NOW,
                symbol -> stalled);

        SymbolDecision d = decision.decide(request, in).decisions().get(0);

        assertEquals(action, d.action(), "action");
        assertEquals(reason, d.reason(), "reason");
        assertEquals(demand, d.demand(), "demand");
    }

    @Test
    void rule_9_should_go_to_rest_when_the_cache_cannot_be_read() {
        MarketDataRequest request = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null);
        DecisionInputs in = new DecisionInputs(true, true, key -> {
            throw new IllegalStateException("cache broken");
        }, false, NOW);
        SymbolDecision d = decision.decide(request, in).decisions().get(0);
        assertEquals(Action.REST, d.action());
        assertEquals(RoutingReason.DEFAULT_REST, d.reason());
    }

    @Test
    void should_split_a_request_by_symbol_and_name_the_path() {
        MarketDataRequest request = new MarketDataRequest(MarketDataType.TICKER,
                List.of("KRW-BTC", "KRW-ETH", "KRW-XRP"), null, 1, null, RealtimePriority.NORMAL);
        DecisionInputs in = new DecisionInputs(true, true,
                key -> key.equals(MarketKey.ticker("KRW-ETH")) ? Optional.of(entry(key, 10)) : Optional.empty(), false, NOW);
        RoutingPlan plan = decision.decide(request, in);
        assertEquals(RoutingPlan.Path.SPLIT, plan.path());
        assertEquals(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP"), plan.decisions().stream().map(SymbolDecision::symbol).toList());
        assertEquals(List.of(Action.REST, Action.CACHE, Action.REST), plan.decisions().stream().map(SymbolDecision::action).toList());

        DecisionInputs allFresh = new DecisionInputs(true, true, key -> Optional.of(entry(key, 10)), false, NOW);
        assertEquals(RoutingPlan.Path.CACHE, decision.decide(request, allFresh).path());
        DecisionInputs none = new DecisionInputs(true, true, key -> Optional.empty(), false, NOW);
        assertEquals(RoutingPlan.Path.REST, decision.decide(request, none).path());
        MarketDataRequest high = new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, RealtimePriority.HIGH);
        assertEquals(RoutingPlan.Path.STREAM_WAIT, decision.decide(high, none).path());
        MarketDataRequest candles = new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.MINUTES_1, 300, null, null);
        assertEquals(RoutingPlan.Path.HISTORY, decision.decide(candles, none).path());
        MarketDataRequest trades = new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 300, null, null);
        assertEquals(RoutingPlan.Path.REST, decision.decide(trades, none).path());
    }

    @Test
    void rule_1_should_send_trade_cursor_and_days_ago_to_rest_as_history() {
        DecisionInputs fresh = new DecisionInputs(true, true, key -> Optional.of(entry(key, 10)), false, NOW);
        for (ExchangeParameters p : List.of(new ExchangeParameters(null, null, null, null, "170000000001", null),
                new ExchangeParameters(null, null, null, 2, null, null))) {
            MarketDataRequest trades = new MarketDataRequest(MarketDataType.TRADES, List.of("KRW-BTC"), null, 1, null,
                    RealtimePriority.NORMAL, p);
            SymbolDecision d = decision.decide(trades, fresh).decisions().get(0);
            assertEquals(Action.REST, d.action(), p.toString());
            assertEquals(RoutingReason.HISTORY_REQUESTED, d.reason(), p.toString());
        }
    }

    @Test
    void rule_3b_should_send_a_grouped_orderbook_and_a_price_conversion_to_rest() {
        DecisionInputs fresh = new DecisionInputs(true, true, key -> Optional.of(entry(key, 10)), false, NOW);
        MarketDataRequest grouped = new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null,
                RealtimePriority.NORMAL, new ExchangeParameters(new BigDecimal("10000"), null, null, null, null, null));
        assertEquals(RoutingReason.EXCHANGE_PARAMETERS, decision.decide(grouped, fresh).decisions().get(0).reason());
        MarketDataRequest ungrouped = new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null,
                RealtimePriority.NORMAL, new ExchangeParameters(new BigDecimal("0.0"), null, null, null, null, null));
        assertEquals(RoutingReason.CACHE_FRESH, decision.decide(ungrouped, fresh).decisions().get(0).reason(), "level 0 is no grouping");
        MarketDataRequest converted = new MarketDataRequest(MarketDataType.CANDLES, List.of("KRW-BTC"), CandleInterval.MINUTES_1,
                1, null, RealtimePriority.NORMAL, new ExchangeParameters(null, null, null, null, null, "KRW"));
        assertEquals(RoutingReason.EXCHANGE_PARAMETERS, decision.decide(converted, fresh).decisions().get(0).reason());
    }

    @Test
    void should_count_an_orderbook_of_another_unit_count_than_asked_as_no_entry() {
        ObjectNode book = JsonNodeFactory.instance.objectNode().put("market", "KRW-BTC");
        for (int i = 0; i < 15; i++) {
            book.withArray("orderbook_units").addObject().put("ask_price", 100 + i);
        }
        CachedMarketData fifteen = new CachedMarketData(MarketKey.of(MarketDataType.ORDERBOOK, null, "KRW-BTC"), book,
                NOW - 10, NOW - 10, null);
        DecisionInputs in = new DecisionInputs(true, true, key -> Optional.of(fifteen), false, NOW);
        for (int units : new int[] {1, 5, 15, 30}) {
            MarketDataRequest request = new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null,
                    RealtimePriority.NORMAL, new ExchangeParameters(null, units, null, null, null, null));
            SymbolDecision d = decision.decide(request, in).decisions().get(0);
            assertEquals(units == 15 ? RoutingReason.CACHE_FRESH : RoutingReason.CACHE_MISS, d.reason(), units + " units");
        }
        MarketDataRequest any = new MarketDataRequest(MarketDataType.ORDERBOOK, List.of("KRW-BTC"), null, 1, null, null);
        assertEquals(RoutingReason.CACHE_FRESH, decision.decide(any, in).decisions().get(0).reason(),
                "the request API without a count takes the book the stream carries");
    }

    private static CachedMarketData entry(MarketKey key, long age) {
        return new CachedMarketData(key, JsonNodeFactory.instance.objectNode().put("market", "KRW-BTC"),
                NOW - age, NOW - age, null);
    }
}
