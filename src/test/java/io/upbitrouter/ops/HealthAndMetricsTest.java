package io.upbitrouter.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.api.SmartRouter;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.RateLimitedException;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.rest.RestBudget;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.testsupport.MutableClock;
import io.upbitrouter.ws.StreamHealth;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health checks' verdicts on the stream, the REST groups and the cache, and the meters after
 * traffic, on the realtime part's real {@link StreamHealth} and the router's real {@link RestBudget},
 * both on a hand-driven clock (the stream itself is exercised in {@code OperateAgainstSimulatorIT}).
 */
class HealthAndMetricsTest extends CamelTestSupport {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-24T05:00:00Z"));
    private final StreamHealth stream = new StreamHealth(clock, 30_000, () -> true);
    private final RestBudget budget = new RestBudget(clock, 10, 1000, 0);
    private final PrometheusMeterRegistry hostRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("upbitClock", clock);
        context.getRegistry().bind("upbitStreamStatus", stream);
        context.getRegistry().bind("upbitRestBudget", budget);
        if (getCurrentTestName() == null || !getCurrentTestName().contains("by_default")) {
            // these tests read the verdicts as DOWN, as the runnable reports them
            context.getPropertiesComponent().addInitialProperty("upbit.health.readiness", "down");
        }
        if (getCurrentTestName() != null && getCurrentTestName().contains("host_shared_registry")) {
            context.getRegistry().bind(UpbitMetrics.SHARED_REGISTRY_NAME, hostRegistry);
        }
        new OpsConfiguration().configure(context);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the host's own routes: a flow with a dead letter channel, and one that asks the module
                from("direct:failing-flow").routeId("failing-flow")
                        .errorHandler(deadLetterChannel("mock:dead").maximumRedeliveries(0))
                        .throwException(new IllegalStateException("cannot process"));
                from("direct:host-flow").routeId("host-flow").to("mock:host");
                from("direct:host-asks-the-module").routeId("host-asks-the-module")
                        .to(UpbitRouterConstants.MARKET_DATA);
                // stands in for the module's request route, under its id
                from(UpbitRouterConstants.MARKET_DATA).routeId(UpbitRouterConstants.MARKET_DATA_ROUTE_ID).process(e -> {
                    MarketDataRequest request = e.getMessage().getBody(MarketDataRequest.class);
                    if (request.symbols().contains("KRW-LIMITED")) {
                        throw new RateLimitedException("ticker", 500, null);
                    }
                    e.getMessage().setBody(new MarketDataResponse(request, List.of(
                            new SymbolResult(request.symbols().get(0), DataSource.WEBSOCKET_CACHE,
                                    RoutingReason.CACHE_FRESH, 5, List.of(JsonNodeFactory.instance.objectNode()), null),
                            new SymbolResult(request.symbols().get(1), DataSource.REST, RoutingReason.CACHE_MISS, 0,
                                    List.of(JsonNodeFactory.instance.objectNode()), "group=ticker; min=600; sec=9"))));
                });
            }
        };
    }

    private HealthCheck.Result readiness(String id) {
        return HealthCheckHelper.invokeReadiness(context, "full").stream()
                .filter(r -> r.getCheck().getId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void should_report_stream_down_and_back_up_with_its_state() {
        assertEquals("stream not connected", readiness("upbit-stream").getMessage().orElseThrow());
        stream.connected();
        stream.frameReceived();
        clock.advance(Duration.ofMillis(40));
        assertEquals(HealthCheck.State.UP, readiness("upbit-stream").getState());
        assertEquals(40L, readiness("upbit-stream").getDetails().get("last_message_age_ms"));

        clock.advance(Duration.ofSeconds(31));
        HealthCheck.Result silent = readiness("upbit-stream");
        assertEquals(HealthCheck.State.DOWN, silent.getState());
        assertEquals("stream silent past the watchdog limit", silent.getMessage().orElseThrow());

        stream.disconnected();
        assertEquals("stream not connected", readiness("upbit-stream").getMessage().orElseThrow());

        stream.connected();
        stream.frameReceived();
        assertEquals(HealthCheck.State.UP, readiness("upbit-stream").getState());
    }

    @Test
    void should_report_a_down_part_as_up_and_degraded_by_default() {
        HealthCheck.Result stream = readiness("upbit-stream");
        assertEquals(HealthCheck.State.UP, stream.getState());
        assertEquals(true, stream.getDetails().get("degraded"));
        assertEquals("stream not connected", stream.getMessage().orElseThrow());

        budget.onBan(RestGroup.TICKER, 30_000);
        HealthCheck.Result banned = readiness("upbit-rest");
        assertEquals(HealthCheck.State.UP, banned.getState());
        assertEquals(true, banned.getDetails().get("degraded"));
        assertTrue(HealthCheckHelper.invokeReadiness(context, "full").stream()
                .allMatch(r -> r.getState() == HealthCheck.State.UP), "the host's readiness stays UP");

        stream().connected();
        stream().frameReceived();
        assertEquals(false, readiness("upbit-stream").getDetails().get("degraded"));
    }

    private StreamHealth stream() {
        return stream;
    }

    @Test
    void should_keep_liveness_up_while_the_stream_is_down() {
        assertEquals(HealthCheck.State.DOWN, readiness("upbit-stream").getState());

        assertTrue(HealthCheckHelper.invokeLiveness(context, "full").stream()
                .noneMatch(r -> r.getCheck().getId().startsWith("upbit-")), "upbit checks are readiness only");
    }

    @Test
    void should_report_rest_down_while_a_group_is_banned() {
        assertEquals(HealthCheck.State.UP, readiness("upbit-rest").getState());

        budget.onBan(RestGroup.TICKER, 30_000);
        HealthCheck.Result banned = readiness("upbit-rest");
        assertEquals(HealthCheck.State.DOWN, banned.getState());
        assertTrue(String.valueOf(banned.getDetails().get("banned")).contains("ticker"), banned.getDetails().toString());

        clock.advance(Duration.ofSeconds(31));
        assertEquals(HealthCheck.State.UP, readiness("upbit-rest").getState());
    }

    @Test
    void should_report_rate_limited_groups_without_going_down() {
        budget.onTooManyRequests(RestGroup.CANDLES, 2_000);

        HealthCheck.Result limited = readiness("upbit-rest");

        assertEquals(HealthCheck.State.UP, limited.getState());
        assertEquals("candles", limited.getDetails().get("rate_limited"));
        assertEquals(true, limited.getDetails().get("candles.rate_limited"));
    }

    @Test
    void should_report_cache_down_without_a_cache_bean() {
        HealthCheck.Result cache = readiness("upbit-cache");
        assertEquals(HealthCheck.State.DOWN, cache.getState());
    }

    @Test
    void should_resolve_the_checks_by_id_from_the_service_files() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        for (String id : List.of("upbit-stream", "upbit-rest", "upbit-cache")) {
            Object resolved = registry.resolveById(id);
            assertTrue(resolved instanceof HealthCheck, id + " resolved to " + resolved);
        }
    }

    @Test
    void should_count_decisions_cache_hits_misses_and_failures_after_traffic() throws Exception {
        SmartRouter router = new SmartRouter(context);
        stream.connected();
        stream.disconnected();
        router.getTicker(List.of("KRW-BTC", "KRW-ETH")).get(10, TimeUnit.SECONDS);
        stream.connected();
        router.getTicker(List.of("KRW-BTC", "KRW-ETH")).get(10, TimeUnit.SECONDS);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> router.getTicker(List.of("KRW-LIMITED", "KRW-ETH")).get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof RateLimitedException);
        budget.onTooManyRequests(RestGroup.TICKER, 1_000);

        MeterRegistry meters = context.getRegistry().lookupByNameAndType(UpbitMetrics.REGISTRY_NAME, MeterRegistry.class);
        assertEquals(2.0, meters.get("upbit.router.decisions").tags("source", "websocket", "reason", "CACHE_FRESH").counter().count());
        assertEquals(2.0, meters.get("upbit.router.decisions").tags("source", "rest", "reason", "CACHE_MISS").counter().count());
        assertEquals(2.0, meters.get("upbit.cache.hits").functionCounter().count());
        assertEquals(2.0, meters.get("upbit.cache.misses").functionCounter().count());
        assertEquals(1.0, meters.get("upbit.router.failures").tags("status", "429").counter().count());
        assertEquals(1.0, meters.get("upbit.rest.too.many.requests").tags("group", "ticker").functionCounter().count());
        assertEquals(1.0, meters.get("upbit.stream.reconnects").functionCounter().count());
        assertEquals(1.0, meters.get("upbit.stream.disconnects").functionCounter().count());
        assertEquals(1.0, meters.get("upbit.stream.connected").gauge().value());

        String scrape = ((PrometheusMeterRegistry) meters).scrape();
        assertTrue(scrape.contains("upbit_router_decisions_total{reason=\"CACHE_FRESH\",source=\"websocket\",type=\"TICKER\"} 2.0"), scrape);
        assertTrue(scrape.contains("upbit_cache_hits_total 2.0"), scrape);
    }

    @Test
    void should_neither_see_nor_count_the_hosts_own_routes() throws Exception {
        UpbitMetrics metrics = context.getRegistry().findSingleByType(UpbitMetrics.class);
        // a policy for the module's request route only (this context has no REST call route)
        assertEquals(1, metrics.policiesGiven());
        for (String hostRoute : List.of("failing-flow", "host-flow", "host-asks-the-module")) {
            assertTrue(context.getRoute(hostRoute).getRoutePolicyList().isEmpty(), hostRoute + " has a policy");
        }
        assertEquals(1, context.getRoute(UpbitRouterConstants.MARKET_DATA_ROUTE_ID).getRoutePolicyList().size());
        assertTrue(context.getManagementStrategy().getEventNotifiers().stream().noneMatch(n -> n.getClass().getName()
                .startsWith("io.upbitrouter")), "no event notifier of the module");

        getMockEndpoint("mock:host").expectedMessageCount(3);
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:host-flow", "x");
            template.sendBody("direct:failing-flow", "y");
        }
        getMockEndpoint("mock:host").assertIsSatisfied();
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(UpbitMetrics.REGISTRY_NAME, MeterRegistry.class);
        assertTrue(meters.getMeters().stream().allMatch(m -> m.getId().getName().startsWith("upbit.")),
                "only the module's meters: " + meters.getMeters().stream().map(m -> m.getId().getName()).toList());
        assertTrue(meters.find("upbit.router.decisions").counters().isEmpty(), "host traffic counted as decisions");
        assertTrue(meters.find("upbit.dead.letters").counters().isEmpty(), "the host's dead letters are the host's");

        // the host's route that asks the module: counted once, by the module's route
        template.requestBody("direct:host-asks-the-module",
                new MarketDataRequest(io.upbitrouter.model.MarketDataType.TICKER, List.of("KRW-BTC", "KRW-ETH"), null, 1, null, null));
        assertEquals(1.0, meters.get("upbit.router.decisions").tags("source", "websocket").counter().count());
    }

    @Test
    void should_bind_its_own_registry_under_its_own_name_not_camels_shared_one() {
        assertNull(context.getRegistry().lookupByName(UpbitMetrics.SHARED_REGISTRY_NAME));
        assertTrue(context.getRegistry().lookupByNameAndType(UpbitMetrics.REGISTRY_NAME, MeterRegistry.class)
                instanceof PrometheusMeterRegistry);
        assertEquals("upbitMeterRegistry", UpbitMetrics.REGISTRY_NAME);
    }

    @Test
    void should_put_its_meters_on_the_host_shared_registry_when_there_is_one() throws Exception {
        new SmartRouter(context).getTicker(List.of("KRW-BTC", "KRW-ETH")).get(10, TimeUnit.SECONDS);

        assertSame(hostRegistry, context.getRegistry().findSingleByType(UpbitMetrics.class).meterRegistry());
        assertNull(context.getRegistry().lookupByName(UpbitMetrics.REGISTRY_NAME), "no registry of the module's own");
        assertEquals(1.0, hostRegistry.get("upbit.router.decisions").tags("source", "rest").counter().count());
        assertTrue(hostRegistry.scrape().contains("upbit_cache_hits_total 1.0"));
    }
}
