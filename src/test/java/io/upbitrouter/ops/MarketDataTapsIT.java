package io.upbitrouter.ops;

import io.upbitrouter.api.UpbitRouterConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The market-update tap hands each stored item to its queue as the cached Jackson tree; the
 * {@code upbit-forward-market-updates} template sends the items its filter keeps on as JSON text.
 */
class MarketDataTapsIT {

    private static final ObjectMapper JSON = io.upbitrouter.protocol.ExactJson.MAPPER;
    private UpbitSimulator sim;
    private RunningModule module;

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    @Test
    void should_hand_the_tree_to_the_queue_and_forward_json_text() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(5).tradesPerSecond(20)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of("camel.main.routes-include-pattern", "file:routes/keep-warm.yaml"));
        module.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UpbitRouterConstants.MARKET_UPDATES).routeId("test-raw-updates").to("mock:raw");
            }
        });
        TemplatedRouteBuilder.builder(module.context(), UpbitRouteTemplates.FORWARD_MARKET_UPDATES)
                .routeId("test-forward-eth").parameter("type", "ticker").parameter("symbols", "KRW-ETH")
                .parameter("to", "mock:forwarded").add();
        MockEndpoint raw = module.context().getEndpoint("mock:raw", MockEndpoint.class);
        MockEndpoint forwarded = module.context().getEndpoint("mock:forwarded", MockEndpoint.class);
        raw.expectedMinimumMessageCount(3);
        forwarded.expectedMinimumMessageCount(2);

        MockEndpoint.assertIsSatisfied(15, java.util.concurrent.TimeUnit.SECONDS, raw, forwarded);

        for (Exchange update : raw.getReceivedExchanges()) {
            ObjectNode item = assertInstanceOf(ObjectNode.class, update.getMessage().getBody());
            assertEquals(update.getMessage().getHeader("UpbitSymbol"), item.get("market").asText());
        }
        for (Exchange update : forwarded.getReceivedExchanges()) {
            String text = assertInstanceOf(String.class, update.getMessage().getBody());
            JsonNode item = JSON.readTree(text);
            assertEquals("KRW-ETH", item.get("market").asText());
            assertEquals("KRW-ETH", update.getMessage().getHeader("UpbitSymbol"));
            assertEquals("ticker", update.getMessage().getHeader("UpbitType"));
        }
    }
}
