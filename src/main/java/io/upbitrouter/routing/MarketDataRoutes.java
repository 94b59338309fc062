package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import java.util.function.Function;

/**
 * The request endpoint {@code direct:upbit-market-data}: validate, decide, then the decision's
 * {@code choice()}: one branch per path of {@link RoutingPlan.Path}, each answering in the order asked.
 * Body in: {@link io.upbitrouter.model.MarketDataRequest}; body out:
 * {@link io.upbitrouter.model.MarketDataResponse}; header {@value #ROUTING_PATH} names the branch taken.
 * Failures stay on the exchange as {@link io.upbitrouter.model.MarketDataException} subclasses.
 * Runs on the caller's thread: call it from a worker, never from a Vert.x event loop.
 * Needs the beans {@code requestValidator} and {@code marketDataRouter} ({@link RoutingConfiguration}) bound
 * before the routes are configured.
 */
public class MarketDataRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:upbit-market-data";
    public static final String ROUTE_ID = "upbit-market-data";
    /** Header naming the branch of the decision: HISTORY, CACHE, STREAM_WAIT, SPLIT or REST. */
    public static final String ROUTING_PATH = "UpbitRoutingPath";

    @Override
    public void configure() {
        RequestValidator validator = lookup("requestValidator", RequestValidator.class);
        MarketDataRouter router = lookup("marketDataRouter", MarketDataRouter.class);

        // plain processors on the request path: a bean() call resolves its method and a simple OGNL call
        // hashes the body (the plan's record hashCode walks every cached JSON tree) on every request
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(RouterErrorConfiguration.ID)
                .process(replaceBody(MarketDataRequest.class, validator::validate)).id("validate-request")
                .process(replaceBody(MarketDataRequest.class, router::plan)).id("decide-source")
                .process(exchange -> exchange.getMessage().setHeader(ROUTING_PATH,
                        exchange.getMessage().getBody(RoutingPlan.class).path().name())).id("name-routing-path")
                .choice().id("source-decision")
                    .when(header(ROUTING_PATH).isEqualTo("HISTORY"))
                        .process(replaceBody(RoutingPlan.class, router::answerHistory)).id("answer-history")
                    .when(header(ROUTING_PATH).isEqualTo("CACHE"))
                        .process(replaceBody(RoutingPlan.class, router::answerFromCache)).id("answer-from-cache")
                    .when(header(ROUTING_PATH).isEqualTo("STREAM_WAIT"))
                        .process(replaceBody(RoutingPlan.class, router::answerAfterStreamWait)).id("answer-after-stream-wait")
                    .when(header(ROUTING_PATH).isEqualTo("SPLIT"))
                        .process(replaceBody(RoutingPlan.class, router::answerSplit)).id("answer-split")
                    .otherwise()
                        // the guide's last rule: when in doubt, REST
                        .process(replaceBody(RoutingPlan.class, router::answerFromRest)).id("answer-from-rest")
                .end()
                .process(replaceBody(MarketDataResponse.class, router::record)).id("count-decisions");
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
