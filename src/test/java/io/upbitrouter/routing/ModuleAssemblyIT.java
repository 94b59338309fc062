package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.app.UpbitRouterModule;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.rest.RestGroup;
import io.upbitrouter.rest.RestGroupStatus;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The module as Camel Main assembles it: configurations bind the router's beans, routes answer requests. */
class ModuleAssemblyIT {

    @Test
    void should_answer_through_the_module_assembled_by_camel_main() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).build().start()) {
            Main main = new Main();
            UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
            UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
            main.addOverrideProperty("upbit.rest.base-url", sim.restBaseUrl());
            // loopback only, and no stream: this test is about the REST side of the assembled module
            main.addOverrideProperty("upbit.ws.url", sim.wsUrl());
            main.addOverrideProperty("upbit.ws.enabled", "false");
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                assertNotNull(context.getRoute(UpbitRouterConstants.MARKET_DATA_ROUTE_ID));
                RestGroupStatus status = context.getRegistry().findSingleByType(RestGroupStatus.class);
                assertFalse(status.state(RestGroup.TICKER).banned());
                MarketDataResponse r = context.createProducerTemplate().requestBody(UpbitRouterConstants.MARKET_DATA,
                        new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"), null, 1, null, null),
                        MarketDataResponse.class);
                assertEquals(DataSource.REST, r.results().get(0).source());
                assertEquals(RoutingReason.WS_DISABLED, r.results().get(0).reason());
                assertEquals("KRW-BTC", r.results().get(0).items().get(0).get("market").asText());
                org.apache.camel.component.http.HttpEndpoint http = context.getEndpoints().stream()
                        .filter(e -> e instanceof org.apache.camel.component.http.HttpEndpoint)
                        .map(e -> (org.apache.camel.component.http.HttpEndpoint) e).findFirst().orElseThrow();
                assertEquals(64, http.getClientConnectionsPoolStatsMax(), "room for every permit in flight");
                assertEquals(1, context.getRegistry().lookupByNameAndType("upbitRoutingDecisionCounter",
                        RoutingDecisionCounter.class).count(RoutingReason.WS_DISABLED));
            } finally {
                main.stop();
            }
        }
    }
}
