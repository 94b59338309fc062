package io.upbitrouter.runnable;

import io.upbitrouter.api.UpbitResponseHeaders;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable's --simulator switch, the only way to start the simulator: it starts before Camel, the module's upstream
 * URLs point at it, and every facade answer says the data is simulated.
 */
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
    void should_not_start_the_simulator_from_a_configuration_key() {
        Map<String, String> stray = new java.util.HashMap<>(SETTINGS);
        stray.put("upbit.simulator.enabled", "true");
        assertTrue(UpbitRouterMain.startSimulatorIfAsked(new Main(), new String[0], stray::get).isEmpty(),
                "only the --simulator argument starts the simulator");
    }

    @Test
    void should_mark_every_facade_answer_as_simulated_in_simulator_mode(@TempDir Path dir) throws Exception {
        int port = FreePort.find();
        Map<String, String> settings = Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "upbit.ws.enabled", "false", "camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml");
        Main main = UpbitRouterMain.newMain(dir.toString(), settings, new AtomicBoolean());
        UpbitRouterMain.startSimulatorIfAsked(main, new String[] {"--simulator"}, SETTINGS::get).orElseThrow();
        main.start();
        try {
            HttpAnswers facade = new HttpAnswers("http://127.0.0.1:" + port);
            HttpResponse<String> data = facade.get("/v1/ticker?markets=KRW-BTC");
            assertEquals(200, data.statusCode());
            assertEquals(Optional.of("true"), data.headers().firstValue(UpbitResponseHeaders.SIMULATED));
            HttpResponse<String> refused = facade.get("/v1/ticker?markets=not-a-market");
            assertEquals(400, refused.statusCode());
            assertEquals(Optional.of("true"), refused.headers().firstValue(UpbitResponseHeaders.SIMULATED), "errors too");
        } finally {
            main.stop();
        }
    }

    @Test
    void should_mark_a_cache_hit_of_the_fast_path_as_simulated_too(@TempDir Path dir) throws Exception {
        int port = FreePort.find();
        Map<String, String> settings = Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml");
        Main main = UpbitRouterMain.newMain(dir.toString(), settings, new AtomicBoolean());
        UpbitRouterMain.startSimulatorIfAsked(main, new String[] {"--simulator"}, SETTINGS::get).orElseThrow();
        main.start();
        try {
            HttpAnswers facade = new HttpAnswers("http://127.0.0.1:" + port);
            io.upbitrouter.testsupport.Await.until("the ticker answered from the stream cache", Duration.ofSeconds(20),
                    () -> "websocket".equals(facade.get("/v1/ticker?markets=KRW-BTC").headers().firstValue("X-Data-Source").orElse("")));
            org.apache.camel.api.management.mbean.ManagedRouteMBean route = main.getCamelContext().getCamelContextExtension()
                    .getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                    .getManagedRoute(io.upbitrouter.api.UpbitRouterConstants.FACADE_TICKER_ROUTE_ID);
            io.upbitrouter.testsupport.Await.until("nothing in flight", Duration.ofSeconds(20), () -> route.getExchangesInflight() == 0);
            long routed = route.getExchangesTotal();
            HttpResponse<String> hit = facade.get("/v1/ticker?markets=KRW-BTC");
            assertEquals("websocket", hit.headers().firstValue("X-Data-Source").orElseThrow());
            assertEquals(Optional.of("true"), hit.headers().firstValue(UpbitResponseHeaders.SIMULATED));
            io.upbitrouter.testsupport.Await.until("nothing in flight", Duration.ofSeconds(20), () -> route.getExchangesInflight() == 0);
            assertEquals(routed, route.getExchangesTotal(), "answered by the fast path, not the route");
        } finally {
            main.stop();
        }
    }

    @Test
    void should_not_start_the_simulator_without_switch_or_property() {
        assertTrue(UpbitRouterMain.startSimulatorIfAsked(new Main(), new String[0], SETTINGS::get).isEmpty());
    }
}
