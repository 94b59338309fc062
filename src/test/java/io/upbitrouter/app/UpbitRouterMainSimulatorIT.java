package io.upbitrouter.app;

import io.upbitrouter.sim.UpbitSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable's --simulator switch: the simulator starts before Camel and the module's upstream URLs point at it. */
class UpbitRouterMainSimulatorIT {

    static final Map<String, String> SETTINGS = Map.of("upbit.simulator.port", "0", "upbit.simulator.trades-per-second", "0");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_start_the_simulator_and_point_the_module_at_it_with_the_switch() throws Exception {
        Main main = new Main(UpbitRouterMain.class);
        UpbitSimulator sim = UpbitRouterMain.startSimulatorIfAsked(main, new String[] {"--simulator"}, SETTINGS::get).orElseThrow();
        main.start();
        try {
            String rest = main.getCamelContext().resolvePropertyPlaceholders("{{upbit.rest.base-url}}");
            String ws = main.getCamelContext().resolvePropertyPlaceholders("{{upbit.ws.url}}");
            assertEquals(sim.restBaseUrl(), rest);
            assertEquals(sim.wsUrl(), ws);
            assertTrue(rest.startsWith("http://127.0.0.1:"));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rest + "/ticker?markets=KRW-BTC")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Remaining-Req").isPresent());
            assertTrue(r.body().contains("\"market\":\"KRW-BTC\""));
        } finally {
            main.stop();
        }
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/market/all")).build(),
                HttpResponse.BodyHandlers.ofString()), "the simulator stops with Camel");
    }

    @Test
    void should_start_the_simulator_when_the_property_enables_it() {
        Map<String, String> enabled = new java.util.HashMap<>(SETTINGS);
        enabled.put("upbit.simulator.enabled", "true");
        Optional<UpbitSimulator> sim = UpbitRouterMain.startSimulatorIfAsked(new Main(), new String[0], enabled::get);
        assertTrue(sim.isPresent());
        sim.get().stop();
    }

    @Test
    void should_not_start_the_simulator_without_switch_or_property() {
        assertTrue(UpbitRouterMain.startSimulatorIfAsked(new Main(), new String[0], SETTINGS::get).isEmpty());
    }
}
