package io.upbitrouter.api;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Binds the Java API: {@code upbitSmartRouter} ({@link SmartRouter}) for beans and routes to look up.
 * The HTTP facade's routes are in {@link UpbitHttpFacadeRoutes} and {@link UpbitFacadeErrors}; the
 * {@link UpbitHttpFrontDoor} goes first on the servers Camel Main adds, and Upbit's error answers for unknown
 * paths and methods are added to every platform-http server once the context has started.
 */
public class ApiConfiguration implements CamelConfiguration {

    private static final String MAIN_SERVERS = "org.apache.camel.component.platform.http.main.";

    @Override
    public void configure(CamelContext camelContext) {
        // bound without a look-up first: under Spring Boot a look-up of this name would create the host's Spring bean
        // of the same name (the auto-configuration's SmartRouter), which needs the CamelContext still being created
        camelContext.getRegistry().bind(UpbitRouterConstants.BEAN_SMART_ROUTER, new SmartRouter(camelContext));
        // Camel Main may have added its servers before this runs (not started yet), or add them later
        for (Service service : camelContext.hasServices(Service.class)) {
            if (service.getClass().getName().startsWith(MAIN_SERVERS)) {
                MainHttpServerHooks.install(service, camelContext);
            }
        }
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext context, Service service, Route route) {
                if (service.getClass().getName().startsWith(MAIN_SERVERS)) {
                    MainHttpServerHooks.install(service, context);
                }
            }
        });
        try {
            camelContext.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // the servers listen by now; the routes start next, behind the front door's 503
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    UpbitHttpFrontDoor.installErrorPages(context);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the HTTP error answers' startup listener", e);
        }
    }
}
