package io.upbitrouter.routing;

import org.apache.camel.builder.RouteBuilder;

/**
 * The request endpoint {@code direct:upbit-market-data}: validate, decide, then the decision's
 * {@code choice()}: one branch per path of {@link RoutingPlan.Path}, each answering in the order asked.
 * Body in: {@link io.upbitrouter.model.MarketDataRequest}; body out:
 * {@link io.upbitrouter.model.MarketDataResponse}; header {@value #ROUTING_PATH} names the branch taken.
 * Failures stay on the exchange as {@link io.upbitrouter.model.MarketDataException} subclasses.
 * Runs on the caller's thread: call it from a worker, never from a Vert.x event loop.
 */
public class MarketDataRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:upbit-market-data";
    public static final String ROUTE_ID = "upbit-market-data";
    /** Header naming the branch of the decision: HISTORY, CACHE, STREAM_WAIT, SPLIT or REST. */
    public static final String ROUTING_PATH = "UpbitRoutingPath";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(RouterErrorConfiguration.ID)
                .bean("requestValidator", "validate").id("validate-request")
                .bean("marketDataRouter", "plan").id("decide-source")
                .setHeader(ROUTING_PATH, simple("${body.path.name}"))
                .choice().id("source-decision")
                    .when(header(ROUTING_PATH).isEqualTo("HISTORY"))
                        .bean("marketDataRouter", "answerHistory").id("answer-history")
                    .when(header(ROUTING_PATH).isEqualTo("CACHE"))
                        .bean("marketDataRouter", "answerFromCache").id("answer-from-cache")
                    .when(header(ROUTING_PATH).isEqualTo("STREAM_WAIT"))
                        .bean("marketDataRouter", "answerAfterStreamWait").id("answer-after-stream-wait")
                    .when(header(ROUTING_PATH).isEqualTo("SPLIT"))
                        .bean("marketDataRouter", "answerSplit").id("answer-split")
                    .otherwise()
                        // the guide's last rule: when in doubt, REST
                        .bean("marketDataRouter", "answerFromRest").id("answer-from-rest")
                .end()
                .bean("marketDataRouter", "record").id("count-decisions");
    }
}
