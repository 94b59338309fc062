package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.testsupport.Await;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decisions tap of answers made without the route: nothing while no route consumes the queue, the route's line
 * and header while one does, and a full queue drops (as {@code discardWhenFull} has the route's tap drop) without failing.
 * The consumer holds every record it takes (through the seda multicast's pool), so the queue fills.
 */
class DecisionsTapTest {

    private static final MarketDataResponse HIT = new MarketDataResponse(
            new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, RealtimePriority.NORMAL),
            List.of(new SymbolResult("KRW-BTC", DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 42, List.of(), null)));

    @Test
    void should_make_no_record_that_no_consuming_route_wants() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            SedaEndpoint endpoint = context.getEndpoint(UpbitRouterConstants.DECISIONS, SedaEndpoint.class);
            DecisionsInterest interest = new DecisionsInterest();
            // the queue's one consumer is the template's route, which wants the answers that went to the exchange;
            // no consumer takes from the queue here, so what is offered stays in it
            interest.consumers(java.util.Set.of(io.upbitrouter.testsupport.RouteIds.of("upbit-example-decisions")));
            interest.declare("upbit-example-decisions", DecisionsInterest.ofSources("rest,history-cache"));
            DecisionsTap tap = new DecisionsTap(endpoint, interest);

            tap.publish(HIT);
            assertEquals(0, endpoint.getQueue().size(), "a cache hit nobody wants: no record");
            MarketDataResponse rest = DecisionsInterestTest.answer(DataSource.WEBSOCKET_CACHE, DataSource.REST);
            tap.publish(rest);
            assertEquals(1, endpoint.getQueue().size());
            Exchange record = endpoint.getQueue().peek();
            assertEquals(DecisionRecord.line(rest), record.getMessage().getBody(String.class));
            assertEquals("websocket,rest", record.getMessage().getHeader(UpbitRouterConstants.SOURCES));
        } finally {
            context.stop();
        }
    }

    @Test
    void should_offer_the_routes_line_only_while_a_route_consumes_and_drop_when_full() throws Exception {
        CamelContext context = new DefaultCamelContext();
        List<Exchange> received = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.DECISIONS).routeId("consumer").autoStartup(false)
                        .process(e -> {
                            received.add(e);
                            release.await();
                        });
            }
        });
        context.start();
        try {
            DecisionsTap tap = new DecisionsTap(context);
            SedaEndpoint endpoint = context.getEndpoint(UpbitRouterConstants.DECISIONS, SedaEndpoint.class);

            tap.publish(HIT);
            assertEquals(0, endpoint.getQueue().size(), "no consumer: nothing offered");

            context.getRouteController().startRoute("consumer");
            tap.publish(HIT);
            Await.until("the record consumed", Duration.ofSeconds(10), () -> received.size() == 1);
            assertEquals(DecisionRecord.line(HIT), received.get(0).getMessage().getBody(String.class));
            assertEquals("TICKER", received.get(0).getMessage().getHeader(UpbitRouterConstants.TYPE));

            // the consumer's records are held: once its multicast pool is busy too (its thread may still be moving a
            // record into the pool for a moment), the queue fills up and then drops
            int size = endpoint.getQueue().remainingCapacity();
            for (int i = 0; i < 2 * size; i++) {
                tap.publish(HIT);
            }
            Await.until("the queue full while the consumer is held", Duration.ofSeconds(10), () -> {
                tap.publish(HIT);
                return endpoint.getQueue().remainingCapacity() == 0;
            });
            assertEquals(0, endpoint.getQueue().remainingCapacity(), "full");
            tap.publish(HIT);
            assertEquals(0, endpoint.getQueue().remainingCapacity(), "still full, nothing failed");
        } finally {
            release.countDown();
            context.stop();
        }
    }
}
