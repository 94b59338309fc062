package io.upbitrouter.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error handling of the HTTP facade's routes, apart from the flows: any failure becomes Upbit's
 * error JSON with the status {@link UpbitErrorAnswer} assigns, and nothing else of the exchange
 * (no internal header) reaches the client. A 5xx is logged at WARN with the whole cause chain (the client's
 * message names no exception, host or port); refusals at DEBUG.
 */
public class UpbitFacadeErrors extends RouteConfigurationBuilder {

    /** The route configuration the facade's routes opt in to. */
    public static final String ID = UpbitRouterConstants.FACADE_ERRORS_CONFIGURATION_ID;
    private static final Logger LOG = LoggerFactory.getLogger("io.upbitrouter.api");

    @Override
    public void configuration() {
        RouteConfigurationDefinition facade = routeConfiguration(ID);
        facade.onException(Exception.class)
                    .handled(true)
                    .process(UpbitFacadeErrors::answer)
                .end();
        if (getContext().getRegistry().lookupByName(UpbitRouterConstants.BEAN_SIMULATOR) != null) {
            // simulator mode (the runnable's --simulator only): every answer, data or error, says the data is simulated;
            // decided once here, so a facade outside simulator mode pays nothing per answer
            facade.onCompletion().modeBeforeConsumer()
                    .setHeader(UpbitResponseHeaders.SIMULATED, constant("true"));
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        for (Throwable t = failure == null ? null : failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            text.append(" <- ").append(t);
        }
        return text.toString();
    }

    /** Turns the caught failure into Upbit's error answer; also used by the routes' doCatch around the router. */
    static void answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UpbitErrorAnswer answer = UpbitErrorAnswer.of(failure);
        if (answer.status() >= 500) {
            // the client reads a fixed sentence; what went wrong, with host and exception, is here
            LOG.warn("{} answered {}: {}", exchange.getFromRouteId(), answer.status(), describe(failure));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} answered {}: {}", exchange.getFromRouteId(), answer.status(), answer.body());
        }
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
