package io.upbitrouter.api;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling of the HTTP facade's routes, apart from the flows: any failure becomes Upbit's
 * error JSON with the status {@link UpbitErrorAnswer} assigns, and nothing else of the exchange
 * (no internal header) reaches the client.
 */
public class UpbitFacadeErrors extends RouteConfigurationBuilder {

    /** The route configuration the facade's routes opt in to. */
    public static final String ID = "upbit-facade-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .process(UpbitFacadeErrors::answer)
                    .choice()
                        .when(header(Exchange.HTTP_RESPONSE_CODE).isGreaterThanOrEqualTo(500))
                            .log(LoggingLevel.WARN, "io.upbitrouter.api",
                                    "${routeId} answered ${header.CamelHttpResponseCode}: ${body}")
                        .otherwise()
                            .log(LoggingLevel.DEBUG, "io.upbitrouter.api",
                                    "${routeId} answered ${header.CamelHttpResponseCode}: ${body}")
                    .end()
                .end();
    }

    /** Turns the caught failure into Upbit's error answer; also used by the routes' doCatch around the router. */
    static void answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UpbitErrorAnswer answer = UpbitErrorAnswer.of(failure);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        if (answer.retryAfter() != null) {
            message.setHeader("Retry-After", answer.retryAfter());
        }
        message.setBody(answer.body());
    }
}
