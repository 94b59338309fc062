package io.upbitrouter.api;

import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which thread answers a {@link SmartRouter} call: a route that answers at once (a cache hit) completes the future on
 * the caller's thread before the call returns; a route that hands the request to a pool (the REST bulkhead)
 * completes it there, and the call returns without waiting.
 */
class SmartRouterThreadsTest extends CamelTestSupport {

    private final AtomicReference<Thread> answeredOn = new AtomicReference<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_DATA).routeId("scripted-router")
                        .choice()
                            .when(e -> e.getMessage().getBody(MarketDataRequest.class).symbols().contains("KRW-LIMITED"))
                                .throwException(new RateLimitedException("ticker", 500, null))
                            .when(e -> e.getMessage().getBody(MarketDataRequest.class).symbols().contains("KRW-SLOW"))
                                .to("direct:scripted-bulkhead")
                            .otherwise()
                                .process(e -> answer(e.getMessage()))
                        .end();
                from("direct:scripted-bulkhead").routeId("scripted-bulkhead")
                        .threads(1).threadName("scripted-bulkhead")
                        .process(e -> answer(e.getMessage()));
            }
        };
    }

    private void answer(org.apache.camel.Message message) {
        answeredOn.set(Thread.currentThread());
        MarketDataRequest request = message.getBody(MarketDataRequest.class);
        message.setBody(new MarketDataResponse(request, List.of(new SymbolResult(request.symbols().get(0),
                DataSource.WEBSOCKET_CACHE, RoutingReason.CACHE_FRESH, 1, List.of(JsonNodeFactory.instance.objectNode()), null))));
    }

    @Test
    void should_complete_an_immediate_answer_on_the_callers_thread_before_returning() throws Exception {
        SmartRouter router = new SmartRouter(context);
        AtomicReference<Thread> completedOn = new AtomicReference<>();

        CompletableFuture<MarketDataResponse> answer = router.getTicker(List.of("KRW-BTC"));
        assertTrue(answer.isDone(), "completed before the call returned");
        answer.thenRun(() -> completedOn.set(Thread.currentThread()));

        assertEquals(Thread.currentThread(), answeredOn.get());
        assertEquals(Thread.currentThread(), completedOn.get());
        assertEquals("KRW-BTC", answer.get().results().get(0).symbol());
    }

    @Test
    void should_complete_on_the_pool_when_the_route_hands_the_request_over() throws Exception {
        SmartRouter router = new SmartRouter(template);

        MarketDataResponse response = router.getTicker(List.of("KRW-SLOW")).get(10, TimeUnit.SECONDS);

        assertEquals("KRW-SLOW", response.results().get(0).symbol());
        assertNotEquals(Thread.currentThread(), answeredOn.get());
        assertTrue(answeredOn.get().getName().contains("scripted-bulkhead"), answeredOn.get().getName());
    }

    @Test
    void should_fail_the_future_with_the_routes_exception_itself() {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> new SmartRouter(context).getTicker(List.of("KRW-LIMITED")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(RateLimitedException.class, failed.getCause());
    }
}
