package io.upbitrouter.routing;

import io.upbitrouter.model.MarketDataException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling of the request and REST routes: a {@link MarketDataException} is the answer, not a
 * fault of the route, so it is logged in one line and left on the exchange for the caller (no
 * redelivery here: the REST client retries by its own rules, within the budget).
 */
public class RouterErrorConfiguration extends RouteConfigurationBuilder {

    public static final String ID = io.upbitrouter.api.UpbitRouterConstants.ROUTER_ERRORS_CONFIGURATION_ID;

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(MarketDataException.class)
                    .handled(false)
                    .maximumRedeliveries(0)
                    .logStackTrace(false)
                    .logExhausted(false)
                    .log(LoggingLevel.DEBUG, "io.upbitrouter.routing", "refused ${exception.class.simpleName}: ${exception.message}")
                .end()
                // I/O failures of the exchange call: the REST client counts and retries them, no stack trace per try
                .onException(java.io.IOException.class)
                    .handled(false)
                    .maximumRedeliveries(0)
                    .logStackTrace(false)
                    .logExhausted(false);
    }
}
