package io.upbitrouter.routing;

import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.testsupport.RouteIds;
import org.apache.camel.spi.RouteIdAware;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which answered requests become decision records: those some consuming route wants; every one for a route that
 * declared nothing; by the sources of the answer's symbols for the template's declaration.
 */
class DecisionsInterestTest {

    private static final MarketDataResponse HIT = answer(DataSource.WEBSOCKET_CACHE);
    private static final MarketDataResponse REST = answer(DataSource.REST);
    private static final MarketDataResponse SPLIT = answer(DataSource.WEBSOCKET_CACHE, DataSource.REST);
    private static final MarketDataResponse HISTORY = answer(DataSource.HISTORY_CACHE);

    private final Set<RouteIdAware> consumers = new CopyOnWriteArraySet<>();
    private final DecisionsInterest interest = new DecisionsInterest();

    static MarketDataResponse answer(DataSource... sources) {
        List<SymbolResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            results.add(new SymbolResult("KRW-S" + i, sources[i], sources[i] == DataSource.REST
                    ? RoutingReason.CACHE_MISS : RoutingReason.CACHE_FRESH, 0, List.of(), null));
        }
        return new MarketDataResponse(new MarketDataRequest(MarketDataType.TICKER,
                results.stream().map(SymbolResult::symbol).toList(), null, 1, null, RealtimePriority.NORMAL), results);
    }

    @Test
    void should_want_no_record_while_nothing_consumes_the_queue() {
        interest.consumers(consumers);
        assertFalse(interest.wanted(REST));
    }

    @Test
    void should_want_the_records_of_the_declared_sources_and_every_record_for_an_undeclared_consumer() {
        interest.consumers(consumers);
        consumers.add(RouteIds.of("upbit-example-decisions"));
        interest.declare("upbit-example-decisions", DecisionsInterest.ofSources("rest,history-cache"));

        assertFalse(interest.wanted(HIT), "a cache hit: nobody asked for it");
        assertTrue(interest.wanted(REST));
        assertTrue(interest.wanted(SPLIT), "a symbol of the answer came from REST");
        assertTrue(interest.wanted(HISTORY));

        consumers.add(RouteIds.of("users-own-route"));
        assertTrue(interest.wanted(HIT), "a user's own from(DECISIONS) gets every record");
        consumers.removeIf(c -> c.getRouteId().equals("users-own-route"));
        assertFalse(interest.wanted(HIT));

        interest.withdraw("upbit-example-decisions");
        assertTrue(interest.wanted(HIT), "a withdrawn declaration: the route gets every record again");
    }

    @Test
    void should_read_the_templates_sources() {
        assertEquals(EnumSet.allOf(DataSource.class), DecisionsInterest.sources("all"));
        assertEquals(EnumSet.allOf(DataSource.class), DecisionsInterest.sources(" ALL "));
        assertEquals(EnumSet.of(DataSource.REST, DataSource.HISTORY_CACHE), DecisionsInterest.sources(" rest , History-Cache"));
        assertTrue(DecisionsInterest.ofSources("all").test(HIT));
        assertFalse(DecisionsInterest.ofSources("rest").test(HIT));
        assertTrue(DecisionsInterest.ofSources("websocket").test(SPLIT));
        assertFalse(DecisionsInterest.ofSources("history-cache").test(SPLIT));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DecisionsInterest.sources("cache"));
        assertTrue(unknown.getMessage().contains("'cache'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecisionsInterest.sources(" , "), "no source named");
        assertThrows(IllegalArgumentException.class, () -> new DecisionsInterestPolicy("websockets"),
                "a bad name fails the template route's creation");
    }

    @Test
    void should_filter_the_template_routes_records_by_their_sources_header() {
        DecisionsInterestPolicy policy = new DecisionsInterestPolicy("rest,history-cache");
        org.apache.camel.Exchange record = new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext());
        record.getMessage().setHeader(io.upbitrouter.api.UpbitRouterConstants.SOURCES, "websocket");
        assertFalse(policy.matches(record), "a cache hit another consumer wanted");
        record.getMessage().setHeader(io.upbitrouter.api.UpbitRouterConstants.SOURCES, "websocket,rest");
        assertTrue(policy.matches(record));
        record.getMessage().setHeader(io.upbitrouter.api.UpbitRouterConstants.SOURCES, "history-cache");
        assertTrue(policy.matches(record));
        assertTrue(new DecisionsInterestPolicy("all").matches(record));
    }

    @Test
    void should_name_the_answers_sources_on_the_record() {
        assertEquals("websocket", DecisionRecord.sources(HIT));
        assertEquals("websocket,rest", DecisionRecord.sources(SPLIT));
        assertEquals("rest", DecisionRecord.sources(answer(DataSource.REST, DataSource.REST)));
    }
}
