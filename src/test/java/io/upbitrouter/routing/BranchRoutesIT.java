package io.upbitrouter.routing;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The request path's branches are routes a user can advise and tweak: AdviceWith on a branch sub-route, and the
 * documented YAML example that intercepts the REST branch, against the simulator through the real components.
 */
class BranchRoutesIT extends RouterTestSupport {

    private static UpbitSimulator sim;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(11).tradesPerSecond(0).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void resetCounters() {
        sim.counters().reset();
    }

    @Override
    protected Properties routerProperties() {
        Properties p = new Properties();
        p.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        p.setProperty("upbit.examples.rest-branch.to", "mock:rest-branch-tap");
        return p;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        List<RoutesBuilder> builders = new ArrayList<>();
        try {
            builders.addAll(PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                    ResourceHelper.resolveResource(context, "file:src/main/docs/examples/rest-branch-log.yaml")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return builders.toArray(RoutesBuilder[]::new);
    }

    private static MarketDataRequest lowTicker(String symbol) {
        return new MarketDataRequest(MarketDataType.TICKER, List.of(symbol), null, 1, null, RealtimePriority.LOW);
    }

    @Test
    void should_take_the_rest_branch_and_pass_the_yaml_interceptor() throws Exception {
        AdviceWith.adviceWith(context, UpbitRouterConstants.BRANCH_REST_ROUTE_ID,
                a -> a.weaveAddFirst().to("mock:rest-branch"));
        AdviceWith.adviceWith(context, UpbitRouterConstants.BRANCH_CACHE_ROUTE_ID,
                a -> a.weaveAddFirst().to("mock:cache-branch"));
        MockEndpoint restBranch = getMockEndpoint("mock:rest-branch");
        MockEndpoint cacheBranch = getMockEndpoint("mock:cache-branch");
        MockEndpoint yamlTap = getMockEndpoint("mock:rest-branch-tap");
        restBranch.expectedMessageCount(1);
        restBranch.expectedHeaderReceived(UpbitRouterConstants.ROUTING_PATH, "REST");
        cacheBranch.expectedMessageCount(0);
        yamlTap.expectedMessageCount(1);

        MarketDataResponse response = ask(lowTicker("KRW-BTC"));

        MockEndpoint.assertIsSatisfied(context);
        SymbolResult result = response.results().get(0);
        assertEquals(DataSource.REST, result.source());
        assertEquals("KRW-BTC", result.items().get(0).get("market").asText());
        assertEquals(1, sim.counters().requests("ticker"), "the real REST call went out once");
    }

    @Test
    void should_let_a_test_replace_the_rest_branch_without_calling_the_exchange() throws Exception {
        AdviceWith.adviceWith(context, UpbitRouterConstants.BULKHEAD_ROUTE_ID,
                a -> a.mockEndpointsAndSkip(UpbitRouterConstants.BRANCH_REST));
        MockEndpoint branch = getMockEndpoint("mock:" + UpbitRouterConstants.BRANCH_REST);
        branch.expectedMessageCount(1);
        branch.whenAnyExchangeReceived(exchange -> {
            RoutingPlan plan = exchange.getMessage().getBody(RoutingPlan.class);
            exchange.getMessage().setBody(new MarketDataResponse(plan.request(), List.of(new SymbolResult(
                    "KRW-ETH", DataSource.REST, RoutingReason.values()[0], 0, List.of(), null))));
        });

        MarketDataResponse response = ask(lowTicker("KRW-ETH"));

        MockEndpoint.assertIsSatisfied(context);
        assertEquals("KRW-ETH", response.results().get(0).symbol());
        assertEquals(0, sim.counters().requests("ticker"), "the branch was replaced: nothing went upstream");
    }
}
