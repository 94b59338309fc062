package io.upbitrouter.ws;

import io.upbitrouter.testsupport.ClosedPort;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Pins the stock camel-vertx-websocket behaviour that made the supervised consumer necessary: a client consumer
 * connects in doStart, so with the server down the CamelContext does not start. Should a Camel upgrade change
 * this, this test says the supervision may be revisited.
 */
class StockComponentFactsIT {

    @Test
    void should_fail_to_start_a_stock_client_consumer_with_the_server_down() throws Exception {
        try (ClosedPort down = new ClosedPort(); CamelContext context = new DefaultCamelContext()) {
            String uri = "vertx-websocket:ws://127.0.0.1:" + down.port() + "/websocket/v1?consumeAsClient=true&allowOriginHeader=false";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("stock").to("log:stock");
                }
            });
            assertThrows(Exception.class, context::start);
        }
    }
}
