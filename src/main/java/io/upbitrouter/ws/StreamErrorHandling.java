package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import org.apache.camel.builder.RouteConfigurationBuilder;

/** Error handling of the stream routes: a failure on one frame goes to the dead-letter route, the stream goes on. */
public class StreamErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = UpbitRouterConstants.WS_ERRORS_CONFIGURATION_ID;

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class).handled(true)
                .setHeader(UpbitRouterConstants.DEAD_LETTER_KIND, constant("processing-failure"))
                .to(UpbitRouterConstants.WS_DEAD_LETTER);
    }
}
