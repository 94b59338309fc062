package io.upbitrouter.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel's Micrometer route timing on every route but the hot ones, as camel.metrics.enabled sets it up. */
class UntimedRoutesTest extends CamelTestSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        MicrometerRoutePolicyFactory timing = new MicrometerRoutePolicyFactory();
        timing.setMeterRegistry(meters);
        context.addRoutePolicyFactory(timing);
        new OpsConfiguration().configure(context);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upbit-market-data").routeId("upbit-market-data").to("direct:upbit-branch-cache");
                from("direct:upbit-branch-cache").routeId("upbit-branch-cache").setBody(constant("answer"));
                from("direct:upbit-rest-symbols").routeId("upbit-rest-symbols").setBody(constant("rest"));
                from("seda:upbit-market-updates?multipleConsumers=true").routeId("forward-updates").to("mock:updates");
                from("seda:upbit-decisions?multipleConsumers=true").routeId("forward-decisions").to("mock:decisions");
            }
        };
    }

    private Set<String> timedRouteIds() {
        return meters.getMeters().stream().filter(m -> m instanceof Timer)
                .map(m -> m.getId().getTag("routeId")).filter(id -> id != null).collect(Collectors.toSet());
    }

    @Test
    void should_time_every_route_but_the_request_path_and_the_ingest() {
        for (int i = 0; i < 3; i++) {
            template.requestBody("direct:upbit-market-data", "request");
            template.requestBody("direct:upbit-rest-symbols", "request");
        }

        Set<String> timed = timedRouteIds();
        assertTrue(timed.contains("upbit-rest-symbols"), "a route not listed keeps its timer: " + timed);
        assertFalse(timed.contains("upbit-market-data"), "the request route is untimed: " + timed);
        assertFalse(timed.contains("upbit-branch-cache"), "its cache branch too: " + timed);
        assertTrue(context.getRoute("upbit-market-data").getRoutePolicyList().stream()
                .noneMatch(p -> p.getClass().getName().contains("micrometer")), "the module's own meters' policy stays");
        assertEquals(0, context.getRoute("forward-updates").getRoutePolicyList().size(), "a per-item route of the updates");
        assertEquals(0, context.getRoute("forward-decisions").getRoutePolicyList().size(), "a per-answer route of the decisions");
        assertTrue(context.getRoute("upbit-rest-symbols").getRoutePolicyList().stream()
                .anyMatch(p -> p.getClass().getName().contains("micrometer")));
    }

    @Test
    void should_match_ids_and_patterns_and_take_none_for_none() {
        UntimedRoutes routes = new UntimedRoutes("upbit-ws-*, upbit-market-data");
        assertTrue(routes.isUntimed("upbit-ws-ingest"));
        assertTrue(routes.isUntimed("upbit-market-data"));
        assertFalse(routes.isUntimed("upbit-rest-symbols"));
        assertFalse(new UntimedRoutes("none").isUntimed("upbit-ws-ingest"));
        UntimedRoutes defaults = new UntimedRoutes(
                "upbit-ws-ingest,upbit-market-data,upbit-branch-cache,upbit-example-decisions-log,upbit-example-ticker-*");
        assertTrue(defaults.isUntimed("upbit-example-ticker-line"), "the shipped ticker example's per-ticker routes");
        assertTrue(defaults.isUntimed("upbit-example-ticker-throughput"));
        assertTrue(defaults.isUntimed("upbit-example-decisions-log"), "the shipped decisions example's per-answer log route");
    }
}
