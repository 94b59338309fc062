package io.upbitrouter.kamelet;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.CandleInterval;
import io.upbitrouter.osgi.UpbitRouterContext;
import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.ws.MarketUpdateInterest;
import io.upbitrouter.protocol.ExactJson;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's Kamelets ({@code classpath:kamelets/*.kamelet.yaml}, the kamelet component's default location)
 * loaded through {@code kamelet:} in a context with the module, against the simulator: the sources forward stream
 * updates of their markets only, the action asks the router. One route is YAML, as a Camel JBang user writes it.
 */
class UpbitKameletsIT {

    private UpbitSimulator sim;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP")).seed(3).tradesPerSecond(10)
                .requestsPerSecond(1000).build().start();
        Properties properties = new Properties();
        properties.setProperty("upbit.rest.base-url", sim.restBaseUrl());
        properties.setProperty("upbit.ws.url", sim.wsUrl());
        properties.setProperty("upbit.facade.enabled", "false");
        context = UpbitRouterContext.create(properties);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        sim.stop();
    }

    @Test
    void should_forward_ticker_updates_of_the_asked_markets_only() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:upbit-ticker-source?symbols=KRW-BTC,KRW-ETH").routeId("tickers").to("mock:tickers");
            }
        });
        context.start();
        MockEndpoint tickers = context.getEndpoint("mock:tickers", MockEndpoint.class);

        Await.until("ticker updates of both markets", Duration.ofSeconds(30), () -> markets(tickers, "KRW-BTC")
                && markets(tickers, "KRW-ETH"));

        for (Exchange update : List.copyOf(tickers.getExchanges())) {
            JsonNode ticker = ExactJson.read(update.getMessage().getBody(String.class));
            assertTrue(List.of("KRW-BTC", "KRW-ETH").contains(ticker.get("market").asText()), ticker.toString());
            assertTrue(ticker.has("trade_price"), "Upbit REST ticker shape: " + ticker);
            assertEquals("ticker", update.getMessage().getHeader("UpbitType"));
        }
        // the Kamelet's route declared its markets: the stream taps nothing else for it
        MarketUpdateInterest interest = interest();
        assertTrue(interest.wanted(MarketKey.ticker("KRW-ETH")));
        assertFalse(interest.wanted(MarketKey.ticker("KRW-XRP")));
        assertFalse(interest.wanted(MarketKey.trade("KRW-BTC")));
    }

    @Test
    void should_forward_candle_updates_from_a_yaml_route() throws Exception {
        String yaml = """
                - route:
                    id: eth-candles
                    from:
                      uri: "kamelet:upbit-candles-source"
                      parameters:
                        symbols: KRW-ETH
                        interval: 1m
                      steps:
                        - to: mock:candles
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("eth-candles.yaml", yaml));
        context.start();
        MockEndpoint candles = context.getEndpoint("mock:candles", MockEndpoint.class);

        Await.until("a 1m candle update of KRW-ETH", Duration.ofSeconds(30), () -> candles.getReceivedCounter() > 0);

        JsonNode candle = ExactJson.read(candles.getExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("KRW-ETH", candle.get("market").asText());
        assertEquals(1, candle.get("unit").asInt(), candle.toString());
        assertTrue(candle.has("opening_price"), candle.toString());
        MarketUpdateInterest interest = interest();
        assertTrue(interest.wanted(MarketKey.candle(CandleInterval.MINUTES_1, "KRW-ETH")));
        assertFalse(interest.wanted(MarketKey.candle(CandleInterval.MINUTES_5, "KRW-ETH")));
        assertFalse(interest.wanted(MarketKey.ticker("KRW-ETH")));
    }

    private MarketUpdateInterest interest() {
        return context.getRegistry().lookupByNameAndType(UpbitRouterConstants.BEAN_MARKET_UPDATE_INTEREST, MarketUpdateInterest.class);
    }

    @Test
    void should_answer_a_request_through_the_router() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("kamelet:upbit-market-data-action?type=TICKER&symbols=KRW-XRP,KRW-BTC");
                from("direct:bad").to("kamelet:upbit-market-data-action?type=CANDLES&symbols=KRW-BTC&interval=7m");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();

        JsonNode answer = ExactJson.read(template.requestBody("direct:ask", null, String.class));

        assertEquals(2, answer.size(), answer.toString());
        assertEquals("KRW-XRP", answer.get(0).get("market").asText());
        assertEquals("KRW-BTC", answer.get(1).get("market").asText());
        CamelExecutionException bad = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:bad", null, String.class));
        assertTrue(bad.getCause() instanceof io.upbitrouter.model.InvalidRequestException, String.valueOf(bad.getCause()));
    }

    private static boolean markets(MockEndpoint mock, String market) {
        return List.copyOf(mock.getExchanges()).stream()
                .anyMatch(e -> e.getMessage().getBody(String.class).contains("\"market\":\"" + market + "\""));
    }
}
