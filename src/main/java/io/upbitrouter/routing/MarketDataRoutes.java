package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.rest.MarketList;
import io.upbitrouter.rest.RequestDeadline;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The request endpoint {@code direct:upbit-market-data}: validate, decide, then the decision's
 * {@code choice()}: one branch per path of {@link RoutingPlan.Path}, each answering in the order asked.
 * Body in: {@link io.upbitrouter.model.MarketDataRequest}; body out:
 * {@link io.upbitrouter.model.MarketDataResponse}; header {@value #ROUTING_PATH} names the branch taken.
 * Failures stay on the exchange as {@link io.upbitrouter.model.MarketDataException} subclasses.
 * <p>
 * A CACHE answer is made on the caller's thread. Every other branch may wait (REST budget, the exchange, a
 * stream snapshot), so it runs in {@value #REST_BOUND} behind a bulkhead: the {@code threads()} EIP with a
 * bounded pool ({@code upbit.rest.bulkhead.threads}) and a bounded queue ({@code upbit.rest.bulkhead.queue}).
 * When both are full the request is refused at once with {@link RateLimitedException} (429, {@code Retry-After}),
 * so waiting requests can hold at most threads + queue of the caller's threads (the HTTP server's workers) and
 * the rest stay free for cache hits. Each request has one deadline ({@code upbit.request.deadline-ms}, from its
 * arrival here): queueing, budget waits, calls, retries and candle pages all end by it ({@link RequestDeadline}).
 * Runs on the caller's thread until the bulkhead: call it from a worker, never from a Vert.x event loop.
 * Needs the beans {@code requestValidator} and {@code marketDataRouter} ({@link RoutingConfiguration}) bound
 * before the routes are configured.
 */
public class MarketDataRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:upbit-market-data";
    public static final String ROUTE_ID = "upbit-market-data";
    /** The branches that may wait, behind the bulkhead. */
    public static final String REST_BOUND = "direct:upbit-bulkhead";
    public static final String REST_BOUND_ROUTE_ID = "upbit-bulkhead";
    /** Header naming the branch of the decision: HISTORY, CACHE, STREAM_WAIT, SPLIT or REST. */
    public static final String ROUTING_PATH = "UpbitRoutingPath";
    /** Exchange property: the request's deadline, a {@link System#nanoTime()} value. */
    public static final String DEADLINE = "upbitRequestDeadline";

    @Override
    public void configure() {
        RequestValidator validator = lookup("requestValidator", RequestValidator.class);
        MarketDataRouter router = lookup("marketDataRouter", MarketDataRouter.class);
        long deadlineMillis = Long.parseLong(
                getContext().resolvePropertyPlaceholders("{{upbit.request.deadline-ms:8000}}").trim());

        // plain processors on the request path: a bean() call resolves its method and a simple OGNL call
        // hashes the body (the plan's record hashCode walks every cached JSON tree) on every request
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(RouterErrorConfiguration.ID)
                .process(exchange -> exchange.setProperty(DEADLINE, RequestDeadline.from(deadlineMillis))).id("start-deadline")
                .process(replaceBody(MarketDataRequest.class, validator::validate)).id("validate-request")
                .process(replaceBody(MarketDataRequest.class, router::plan)).id("decide-source")
                .process(exchange -> exchange.getMessage().setHeader(ROUTING_PATH,
                        exchange.getMessage().getBody(RoutingPlan.class).path().name())).id("name-routing-path")
                .choice().id("source-decision")
                    .when(header(ROUTING_PATH).isEqualTo("CACHE"))
                        .process(replaceBody(RoutingPlan.class, router::answerFromCache)).id("answer-from-cache")
                    .otherwise()
                        .doTry()
                            .to(REST_BOUND).id("to-rest-bulkhead")
                        .doCatch(RejectedExecutionException.class)
                            .process(MarketDataRoutes::bulkheadFull).id("bulkhead-full")
                        .end()
                .end()
                .process(replaceBody(MarketDataResponse.class, router::record)).id("count-decisions");

        // a sub-route: its failures (a full bulkhead, the answers' MarketDataExceptions) are the caller's to handle
        from(REST_BOUND).routeId(REST_BOUND_ROUTE_ID).errorHandler(noErrorHandler())
                .threads().id("rest-bulkhead")
                    .poolSize("{{upbit.rest.bulkhead.threads:8}}").maxPoolSize("{{upbit.rest.bulkhead.threads:8}}")
                    .maxQueueSize("{{upbit.rest.bulkhead.queue:8}}")
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).callerRunsWhenRejected(false)
                    .threadName("upbit-rest-bulkhead")
                .choice().id("rest-bound-decision")
                    .when(header(ROUTING_PATH).isEqualTo("HISTORY"))
                        .process(withDeadline(router::answerHistory)).id("answer-history")
                    .when(header(ROUTING_PATH).isEqualTo("STREAM_WAIT"))
                        .process(withDeadline(router::answerAfterStreamWait)).id("answer-after-stream-wait")
                    .when(header(ROUTING_PATH).isEqualTo("SPLIT"))
                        .process(withDeadline(router::answerSplit)).id("answer-split")
                    .otherwise()
                        // the guide's last rule: when in doubt, REST
                        .process(withDeadline(router::answerFromRest)).id("answer-from-rest")
                .end();

        marketListRoute();
    }

    /** The market list's upkeep: fetched at start, retried while missing, refreshed when older than its period. */
    private void marketListRoute() {
        boolean validate = Boolean.parseBoolean(
                getContext().resolvePropertyPlaceholders("{{upbit.markets.validate:true}}").trim());
        MarketList markets = getContext().getRegistry().lookupByNameAndType("marketList", MarketList.class);
        if (!validate || markets == null) {
            return;
        }
        from("timer:upbit-market-list?delay=0&period={{upbit.markets.check-period-ms:30000}}").routeId("upbit-market-list")
                .process(exchange -> markets.refreshIfDue()).id("refresh-market-list");
    }

    /** The bulkhead's threads and queue are full: the caller may retry shortly, as after Upbit's own 429. */
    private static void bulkheadFull(Exchange exchange) {
        throw new RateLimitedException("router", 1000, "too many requests waiting for the exchange");
    }

    /** A branch step that answers the plan within the request's deadline. */
    private static Processor withDeadline(Function<RoutingPlan, MarketDataResponse> step) {
        return exchange -> {
            Long deadline = exchange.getProperty(DEADLINE, Long.class);
            RoutingPlan plan = exchange.getMessage().getBody(RoutingPlan.class);
            exchange.getMessage().setBody(RequestDeadline.within(deadline, () -> step.apply(plan)));
        };
    }

    /** A step that replaces the body, read as the given type, with the function's result. */
    private static <T> Processor replaceBody(Class<T> type, Function<T, ?> step) {
        return exchange -> exchange.getMessage().setBody(step.apply(exchange.getMessage().getBody(type)));
    }

    private <T> T lookup(String name, Class<T> type) {
        T bean = getContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("Bean " + name + " (" + type.getSimpleName() + ") is not bound: add RoutingConfiguration");
        }
        return bean;
    }
}
