package io.upbitrouter.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.ws.StreamStatus;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.ClosedPort;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Camel Main host's own health (its HTTP server's {@code /observe/health}) with the module's stream down: the
 * host stays 200, the module's check says the stream is degraded; only a host that asks for it
 * ({@code upbit.health.readiness=down}, the runnable's setting) gets readiness 503. No exchange runs: the stream's
 * and REST's address is a closed port on 127.0.0.1.
 */
class HostHealthIT {

    private static Main host(ClosedPort exchangeDown, int port, Map<String, String> extra) throws Exception {
        Main main = new Main();
        main.addInitialProperty("upbit.ws.url", "ws://127.0.0.1:" + exchangeDown.port() + "/websocket/v1");
        main.addInitialProperty("upbit.rest.base-url", "http://127.0.0.1:" + exchangeDown.port() + "/v1");
        // wanted, so the stream tries to connect (and cannot): down, not idle
        main.addInitialProperty("upbit.ws.warm-symbols", "KRW-BTC");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:none-for-this-test/*.yaml");
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", "127.0.0.1");
        main.addInitialProperty("camel.management.port", Integer.toString(port));
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.health.enabled", "true");
        main.addInitialProperty("camel.health.exposure-level", "full");
        extra.forEach(main::addInitialProperty);
        UpbitRouterModule.configurations().forEach(c -> main.configure().addConfiguration(c));
        UpbitRouterModule.routeBuilders().forEach(r -> main.configure().addRoutesBuilder(r));
        main.start();
        return main;
    }

    private static JsonNode check(HttpResponse<String> health, String id) {
        for (JsonNode check : HttpAnswers.json(health).path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + health.body());
    }

    @Test
    void should_keep_the_hosts_health_up_with_the_stream_down_and_say_it_is_degraded() throws Exception {
        int port = FreePort.find();
        try (ClosedPort exchangeDown = new ClosedPort()) {
            Main main = host(exchangeDown, port, Map.of());
            try {
                StreamStatus stream = main.getCamelContext().getRegistry().findSingleByType(StreamStatus.class);
                HttpAnswers http = new HttpAnswers("http://127.0.0.1:" + port);
                Await.until("a connect attempt failed", Duration.ofSeconds(20), () -> main.getCamelContext().getRegistry()
                        .findSingleByType(io.upbitrouter.ws.StreamSupervisor.class).failedConnects() > 0);
                assertFalse(stream.isConnected());
                assertFalse(stream.isIdle());

                HttpResponse<String> all = http.get("/observe/health");
                assertEquals(200, all.statusCode(), all.body());
                assertEquals(200, http.get("/observe/health/ready").statusCode());
                JsonNode upbitStream = check(all, "upbit-stream");
                assertEquals("UP", upbitStream.path("status").asText(), all.body());
                assertEquals("stream not connected", upbitStream.path("message").asText(), upbitStream.toString());
                // the details (Camel's JSON leaves them out of an UP check)
                HealthCheck.Result result = HealthCheckHelper.invokeReadiness(main.getCamelContext(), "full").stream()
                        .filter(r -> r.getCheck().getId().equals("upbit-stream")).findFirst().orElseThrow();
                assertEquals(true, result.getDetails().get("degraded"));
                assertEquals("connecting", result.getDetails().get("state"));
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void should_turn_readiness_down_with_the_stream_when_the_host_asks() throws Exception {
        int port = FreePort.find();
        try (ClosedPort exchangeDown = new ClosedPort()) {
            Main main = host(exchangeDown, port, Map.of("upbit.health.readiness", "down"));
            try {
                HttpAnswers http = new HttpAnswers("http://127.0.0.1:" + port);
                HttpResponse<String> ready = http.get("/observe/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertEquals("DOWN", check(ready, "upbit-stream").path("status").asText());
                assertEquals(200, http.get("/observe/health/live").statusCode(), "never a liveness check");
            } finally {
                main.stop();
            }
        }
    }
}
