package io.upbitrouter.api;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;

/**
 * Binds the Java API: {@code smartRouter} ({@link SmartRouter}) for beans and routes to look up.
 * The HTTP facade's routes are in {@link UpbitHttpFacadeRoutes} and {@link UpbitFacadeErrors}.
 */
public class ApiConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        if (camelContext.getRegistry().lookupByName("smartRouter") == null) {
            camelContext.getRegistry().bind("smartRouter", new SmartRouter(camelContext));
        }
    }
}
