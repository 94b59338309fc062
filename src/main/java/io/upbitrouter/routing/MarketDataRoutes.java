package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.rest.MarketList;
import io.upbitrouter.rest.RequestDeadline;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The request path as routes. {@code direct:upbit-market-data} validates, decides and routes: its {@code choice()}
 * sends each request to the named sub-route of its branch, and each branch does its own work as steps.
 * <pre>
 * upbit-market-data        validate (and start the deadline), decide-source (SourceDecision, names the branch), choice():
 *   CACHE     -&gt; upbit-branch-cache         answer-from-cache (the entries the decision read), caller's thread
 *   otherwise -&gt; upbit-bulkhead             threads() bulkhead, then choice():
 *     HISTORY     -&gt; upbit-branch-history     begin, page-candle-history, complete
 *     STREAM_WAIT -&gt; upbit-branch-stream-wait begin, await-stream-snapshot, to upbit-rest-symbols, complete
 *     SPLIT       -&gt; upbit-branch-split       begin (cached symbols), to upbit-rest-symbols, complete
 *     otherwise   -&gt; upbit-branch-rest        begin, to upbit-rest-symbols, complete
 *   count-decisions, then a wire tap to the decisions queue when a route consuming it wants the record
 * upbit-rest-symbols       rest-calls (UpbitQuotation: budget, upbit-rest-call, retries), within the deadline
 * </pre>
 * Body in: {@link io.upbitrouter.model.MarketDataRequest}; body out: {@link io.upbitrouter.model.MarketDataResponse};
 * header {@value UpbitRouterConstants#ROUTING_PATH} names the branch taken. Every sub-route has {@code noErrorHandler()}:
 * a failure (a {@link io.upbitrouter.model.MarketDataException}) goes back to {@code upbit-market-data}, whose one
 * error layer is the route configuration {@link RouterErrorConfiguration}, and stays on the exchange for the caller.
 * <p>
 * A CACHE answer is made on the caller's thread. Every other branch may wait (REST budget, the exchange, a stream
 * snapshot), so it runs behind a bulkhead: the {@code threads()} EIP with a bounded pool
 * ({@code upbit.rest.bulkhead.threads}) and a bounded queue ({@code upbit.rest.bulkhead.queue}). When both are full
 * the request is refused at once with {@link RateLimitedException} (429, {@code Retry-After}), so waiting requests
 * can hold at most threads + queue of the caller's threads (the HTTP server's workers) and the rest stay free for
 * cache hits. Each request has one deadline ({@code upbit.request.deadline-ms}, from its arrival here): queueing,
 * budget waits, calls, retries and candle pages all end by it ({@link RequestDeadline}). Runs on the caller's thread
 * until the bulkhead: call it from a worker, never from a Vert.x event loop. Needs the beans
 * {@code upbitRequestValidator} and {@code upbitMarketDataRouter} ({@link RoutingConfiguration}) bound before the routes are
 * configured. Names (route ids, URIs, step ids) are in {@link UpbitRouterConstants}; see {@code src/main/docs/routes.md}.
 */
public class MarketDataRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RequestValidator validator = lookup(UpbitRouterConstants.BEAN_REQUEST_VALIDATOR, RequestValidator.class);
        MarketDataRouter router = lookup(UpbitRouterConstants.BEAN_MARKET_DATA_ROUTER, MarketDataRouter.class);
        long deadlineMillis = Long.parseLong(
                getContext().resolvePropertyPlaceholders("{{upbit.request.deadline-ms:8000}}").trim());
        SedaEndpoint decisions = getContext().getEndpoint(UpbitRouterConstants.DECISIONS, SedaEndpoint.class);
        // an answer is tapped only when a route consuming the queue wants its record (one that declared nothing: all)
        DecisionsInterest decisionsWanted = lookup(UpbitRouterConstants.BEAN_DECISIONS_INTEREST, DecisionsInterest.class);
        decisionsWanted.consumers(decisions.getConsumers());

        // plain processors on the request path: a bean() call resolves its method and a simple OGNL call
        // hashes the body (the plan's record hashCode walks every cached JSON tree) on every request
        from(UpbitRouterConstants.MARKET_DATA).routeId(UpbitRouterConstants.MARKET_DATA_ROUTE_ID)
                .routeConfigurationId(RouterErrorConfiguration.ID)
                // bodies are requests and answers, never streams: stream caching would look for a converter per request
                .streamCache(false)
                // a cache hit passes every step here on the caller's thread, and each step costs about as much as
                // the decision itself (benchmarks.md, reads): the deadline starts where the request is validated,
                // and the decision names its branch in the same step
                .process(exchange -> {
                    exchange.setProperty(UpbitRouterConstants.DEADLINE, RequestDeadline.from(deadlineMillis));
                    exchange.getMessage().setBody(validator.validate(exchange.getMessage().getBody(MarketDataRequest.class)));
                }).id("validate-request")
                .process(exchange -> {
                    RoutingPlan plan = router.plan(exchange.getMessage().getBody(MarketDataRequest.class));
                    exchange.getMessage().setBody(plan);
                    exchange.getMessage().setHeader(UpbitRouterConstants.ROUTING_PATH, plan.path().name());
                }).id(UpbitRouterConstants.STEP_DECIDE)
                .choice().id(UpbitRouterConstants.STEP_CHOICE)
                    .when(header(UpbitRouterConstants.ROUTING_PATH).isEqualTo("CACHE"))
                        .to(UpbitRouterConstants.BRANCH_CACHE).id("to-branch-cache")
                    .otherwise()
                        // the one error step of the path: a full bulkhead is the module's own 429
                        .doTry()
                            .to(UpbitRouterConstants.BULKHEAD).id("to-bulkhead")
                        .doCatch(RejectedExecutionException.class)
                            .process(MarketDataRoutes::bulkheadFull).id("bulkhead-full")
                        .end()
                .end()
                .process(replaceBody(MarketDataResponse.class, router::record)).id("count-decisions")
                .filter(exchange -> decisionsWanted.wanted(exchange.getMessage().getBody(MarketDataResponse.class)))
                        .id("decisions-wanted")
                    // on the caller's thread: a JSON line and a non-blocking offer to a queue that drops when full,
                    // cheaper than a hand-over to a pool; made only when a route consuming the decisions wants it
                    .wireTap(UpbitRouterConstants.DECISIONS).dynamicUri(false)
                        .executorService(new SynchronousExecutorService()).onPrepare(DecisionRecord::prepare).id("tap-decisions")
                .end();

        // Branch CACHE. Kept as one step on the caller's thread: the decision already read (and judged) the
        // entries, and a second read through the caffeine-cache: endpoint would cost the hot path a lookup and
        // headers per symbol, and could see a different entry than the one judged fresh (see routes.md, figures)
        from(UpbitRouterConstants.BRANCH_CACHE).routeId(UpbitRouterConstants.BRANCH_CACHE_ROUTE_ID).errorHandler(noErrorHandler())
                .streamCache(false)
                .process(replaceBody(RoutingPlan.class, router::answerFromCache)).id(UpbitRouterConstants.STEP_ANSWER_FROM_CACHE);

        // a sub-route: its failures (a full bulkhead, the answers' MarketDataExceptions) are the caller's to handle
        from(UpbitRouterConstants.BULKHEAD).routeId(UpbitRouterConstants.BULKHEAD_ROUTE_ID).errorHandler(noErrorHandler())
                .threads().id("rest-bulkhead")
                    .poolSize("{{upbit.rest.bulkhead.threads:8}}").maxPoolSize("{{upbit.rest.bulkhead.threads:8}}")
                    .maxQueueSize("{{upbit.rest.bulkhead.queue:8}}")
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).callerRunsWhenRejected(false)
                    .threadName("upbit-rest-bulkhead")
                .choice().id("bulkhead-decision")
                    .when(header(UpbitRouterConstants.ROUTING_PATH).isEqualTo("HISTORY"))
                        .to(UpbitRouterConstants.BRANCH_HISTORY).id("to-branch-history")
                    .when(header(UpbitRouterConstants.ROUTING_PATH).isEqualTo("STREAM_WAIT"))
                        .to(UpbitRouterConstants.BRANCH_STREAM_WAIT).id("to-branch-stream-wait")
                    .when(header(UpbitRouterConstants.ROUTING_PATH).isEqualTo("SPLIT"))
                        .to(UpbitRouterConstants.BRANCH_SPLIT).id("to-branch-split")
                    .otherwise()
                        // the guide's last rule: when in doubt, REST
                        .to(UpbitRouterConstants.BRANCH_REST).id("to-branch-rest")
                .end();

        from(UpbitRouterConstants.BRANCH_REST).routeId(UpbitRouterConstants.BRANCH_REST_ROUTE_ID).errorHandler(noErrorHandler())
                .process(step(router::begin)).id("rest-begin")
                .to(UpbitRouterConstants.REST_SYMBOLS).id("rest-fetch")
                .process(step(router::complete)).id("rest-complete");

        // The split keeps Upbit's batching: the cached symbols are answered from the decision's entries, and all the
        // others go out in ONE REST call (ticker and orderbook take several markets). A splitter per symbol would
        // make one call per market and spend the budget N times; order is kept by position in AnswerInProgress.
        from(UpbitRouterConstants.BRANCH_SPLIT).routeId(UpbitRouterConstants.BRANCH_SPLIT_ROUTE_ID).errorHandler(noErrorHandler())
                .process(step(router::begin)).id("split-take-cached")
                .to(UpbitRouterConstants.REST_SYMBOLS).id("split-fetch-rest")
                .process(step(router::complete)).id("split-complete");

        from(UpbitRouterConstants.BRANCH_STREAM_WAIT).routeId(UpbitRouterConstants.BRANCH_STREAM_WAIT_ROUTE_ID)
                .errorHandler(noErrorHandler())
                .process(step(router::begin)).id("stream-wait-begin")
                .process(step(router::awaitStream)).id(UpbitRouterConstants.STEP_AWAIT_STREAM)
                .to(UpbitRouterConstants.REST_SYMBOLS).id("stream-wait-fallback-rest")
                .process(step(router::complete)).id("stream-wait-complete");

        // the paging loop stays in CandleHistory: each page's cursor depends on the previous page and on the
        // closed-candle store, and it is tested as one unit (CandleHistoryTest); the calls go through upbit-rest-call
        from(UpbitRouterConstants.BRANCH_HISTORY).routeId(UpbitRouterConstants.BRANCH_HISTORY_ROUTE_ID).errorHandler(noErrorHandler())
                .process(step(router::begin)).id("history-begin")
                .process(withinDeadline(router, router::pageHistory)).id(UpbitRouterConstants.STEP_PAGE_HISTORY)
                .process(step(router::complete)).id("history-complete");

        from(UpbitRouterConstants.REST_SYMBOLS).routeId(UpbitRouterConstants.REST_SYMBOLS_ROUTE_ID).errorHandler(noErrorHandler())
                .process(withinDeadline(router, router::fetchRest)).id(UpbitRouterConstants.STEP_REST_CALLS);

        marketListRoute();
    }

    /** The market list's upkeep: fetched at start, retried while missing, refreshed when older than its period. */
    private void marketListRoute() {
        boolean validate = Boolean.parseBoolean(
                getContext().resolvePropertyPlaceholders("{{upbit.markets.validate:true}}").trim());
        MarketList markets = getContext().getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_MARKET_LIST, MarketList.class);
        if (!validate || markets == null) {
            return;
        }
        from("timer:upbit-market-list?delay=0&period={{upbit.markets.check-period-ms:30000}}").routeId(UpbitRouterConstants.MARKET_LIST_ROUTE_ID)
                .process(exchange -> markets.refreshIfDue()).id("refresh-market-list");
    }

    /** The bulkhead's threads and queue are full: the caller may retry shortly, as after Upbit's own 429. */
    private static void bulkheadFull(Exchange exchange) {
        throw new RateLimitedException("router", 1000, "too many requests waiting for the exchange");
    }

    /**
     * A step that calls the exchange: runs within the request's deadline (the REST client reads it on this thread)
     * and counts a failure against the plan's decisions before it goes back to the caller.
     */
    private static Processor withinDeadline(MarketDataRouter router, Function<AnswerInProgress, AnswerInProgress> work) {
        return exchange -> {
            Long deadline = exchange.getProperty(UpbitRouterConstants.DEADLINE, Long.class);
            AnswerInProgress answer = exchange.getMessage().getBody(AnswerInProgress.class);
            try {
                exchange.getMessage().setBody(RequestDeadline.within(deadline, () -> work.apply(answer)));
            } catch (RuntimeException e) {
                router.recordFailure(answer.plan(), e);
                throw e;
            }
        };
    }

    /** A step that replaces the body with the function's result (no type conversion: the body is the step's input). */
    @SuppressWarnings("unchecked")
    private static <T> Processor step(Function<T, ?> work) {
        return exchange -> exchange.getMessage().setBody(work.apply((T) exchange.getMessage().getBody()));
    }

    /** A step that replaces the body, read as the given type, with the function's result. */
    private static <T> Processor replaceBody(Class<T> type, Function<T, ?> step) {
        return exchange -> exchange.getMessage().setBody(step.apply(exchange.getMessage().getBody(type)));
    }

    private <T> T lookup(String name, Class<T> type) {
        T bean = getContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("Bean " + name + " (" + type.getSimpleName() + ") is not in the registry when the routes are built: RoutingConfiguration binds it, so the module's"
                    + " configurations (UpbitRouterModule.configurations()) must be added to the host and processed before"
                    + " its routes are configured (Camel Main does this; a hand-assembled context must call each"
                    + " configuration's configure(context) after Camel's bean post-processor, as UpbitRouterContext does)");
        }
        return bean;
    }
}
