package io.upbitrouter.app;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.FreePort;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A Camel Main host with its own HTTP server gets no facade routes it did not ask for; with
 * {@code upbit.facade.enabled=true} it gets them.
 */
class EmbeddedHostIT {

    private static Main host(UpbitSimulator sim, String facade) throws Exception {
        Main main = new Main();
        main.addInitialProperty("upbit.ws.url", sim.wsUrl());
        main.addInitialProperty("upbit.rest.base-url", sim.restBaseUrl());
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:none-for-this-test/*.yaml");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", Integer.toString(FreePort.find()));
        if (facade != null) {
            main.addInitialProperty("upbit.facade.enabled", facade);
        }
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.start();
        return main;
    }

    @Test
    void should_mount_no_facade_on_a_host_http_server_unless_asked() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).build().start()) {
            Main quiet = host(sim, null);
            try {
                assertNull(quiet.getCamelContext().getRoute("upbit-facade-ticker"), "no /v1 routes by default");
                assertNotNull(quiet.getCamelContext().getRoute("upbit-market-data"), "the module itself is there");
            } finally {
                quiet.stop();
            }
            Main asked = host(sim, "true");
            try {
                assertNotNull(asked.getCamelContext().getRoute("upbit-facade-ticker"), "on when asked");
            } finally {
                asked.stop();
            }
        }
    }
}
