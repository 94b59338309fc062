package com.example.upbit;

import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.testing.UpbitSimulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own route, tested with the Upbit smart router against the bundled simulator. */
class BtcPriceRouteIT extends CamelTestSupport {

    @RegisterExtension
    static UpbitSimulatorExtension upbit = UpbitSimulatorExtension.withMarkets("KRW-BTC", "KRW-ETH");

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        upbit.bindModule(context);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:btc-price").routeId("btc-price")
                        .setBody(exchange -> new MarketDataRequest(MarketDataType.TICKER, List.of("KRW-BTC"),
                                null, 1, null, RealtimePriority.NORMAL))
                        .to("direct:upbit-market-data")
                        .to("mock:answers")
                        .setBody(exchange -> exchange.getMessage().getBody(MarketDataResponse.class)
                                .results().get(0).items().get(0).get("trade_price").decimalValue())
                        .to("mock:price");
            }
        };
    }

    @Test
    void should_price_btc_from_the_router() throws Exception {
        // the stream connects on demand: this demands KRW-BTC's ticker and waits until the stream delivered it
        UpbitSimulatorExtension.awaitStreamReady(context, Duration.ofSeconds(20), "KRW-BTC");
        MockEndpoint price = getMockEndpoint("mock:price");
        price.expectedMessageCount(1);

        template.sendBody("direct:btc-price", null);

        price.assertIsSatisfied();
        assertTrue(price.getExchanges().get(0).getMessage().getBody(BigDecimal.class).signum() > 0);
        SymbolResult btc = getMockEndpoint("mock:answers").getExchanges().get(0)
                .getMessage().getBody(MarketDataResponse.class).results().get(0);
        // the stream is up and holds KRW-BTC, so the first request is answered from its cache
        assertEquals(DataSource.WEBSOCKET_CACHE, btc.source());
        assertEquals(RoutingReason.CACHE_FRESH, btc.reason());
    }
}
