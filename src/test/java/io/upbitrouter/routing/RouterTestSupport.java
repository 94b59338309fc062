package io.upbitrouter.routing;

import io.upbitrouter.osgi.UpbitRouterContext;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataException;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.UpbitRestRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.test.junit5.CamelTestSupport;

import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * A CamelContext with the router's part of the module (RoutingConfiguration and the router's route builders),
 * assembled by the module's own {@link UpbitRouterContext#assemble}, with the test's clock, properties and optional
 * stream beans bound first.
 */
abstract class RouterTestSupport extends CamelTestSupport {

    /**
     * Properties on top of the defaults; {@code upbit.rest.base-url} must point at a loopback server. Unless set here,
     * {@code upbit.markets.validate} is false (no market-list call at start).
     */
    protected abstract Properties routerProperties();

    protected Clock upbitClock() {
        return Clock.systemUTC();
    }

    /** Binds {@code upbitRealtimeCache}, {@code upbitStreamStatus}, {@code upbitSubscriptionDemand} as a test needs. */
    protected void bindStreamBeans(org.apache.camel.spi.Registry registry) {
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = routerProperties();
        // these tests count upstream calls: the market list's fetch at start is left out unless a test asks for it
        properties.putIfAbsent("upbit.markets.validate", "false");
        context.getPropertiesComponent().setOverrideProperties(properties);
        context.getRegistry().bind("upbitClock", Clock.class, upbitClock());
        bindStreamBeans(context.getRegistry());
        // the module's own assembly (as in a plain context, OSGi and the test extension), with the router's parts only
        UpbitRouterContext.assemble(context, List.of(new RoutingConfiguration()),
                List.of(new RouterErrorConfiguration(), new UpbitRestRoutes(), new MarketDataRoutes()));
        return context;
    }

    /** Sends a request through {@code direct:upbit-market-data}; throws the route's MarketDataException. */
    protected MarketDataResponse ask(MarketDataRequest request) {
        Exchange answer = template.send(UpbitRouterConstants.MARKET_DATA, ex -> ex.getMessage().setBody(request));
        if (answer.getException() instanceof MarketDataException e) {
            throw e;
        }
        if (answer.getException() != null) {
            throw new AssertionError("not a MarketDataException", answer.getException());
        }
        return answer.getMessage().getBody(MarketDataResponse.class);
    }

    protected Exchange send(MarketDataRequest request) {
        return template.send(UpbitRouterConstants.MARKET_DATA, ex -> ex.getMessage().setBody(request));
    }

    protected RestBudget budget() {
        return context.getRegistry().lookupByNameAndType("upbitRestBudget", RestBudget.class);
    }

    protected RoutingDecisionCounter counter() {
        return context.getRegistry().lookupByNameAndType("upbitRoutingDecisionCounter", RoutingDecisionCounter.class);
    }

    protected RequestValidator validator() {
        return context.getRegistry().lookupByNameAndType("upbitRequestValidator", RequestValidator.class);
    }
}
