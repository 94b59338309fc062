package io.upbitrouter.ws;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Pins the stock camel-vertx-websocket behaviour that made the supervised consumer necessary: a client consumer
 * connects in doStart, so with the server down the CamelContext does not start. Should a Camel upgrade change
 * this, this test says the supervision may be revisited.
 */
class StockComponentFactsTest {

    @Test
    void should_fail_to_start_a_stock_client_consumer_with_the_server_down() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String uri = "vertx-websocket:ws://127.0.0.1:" + closedPort + "/websocket/v1?consumeAsClient=true&allowOriginHeader=false";
        try (CamelContext context = new DefaultCamelContext()) {
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
