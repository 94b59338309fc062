package io.upbitrouter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's view of the running module over HTTP: {@code /observe/health/ready} follows the
 * stream DOWN (the simulator goes silent) and back UP (it speaks again and the watchdog reconnects),
 * and {@code /observe/metrics} carries the module's meters after traffic.
 */
class OperateAgainstSimulatorIT {

    private UpbitSimulator sim;
    private RunningModule module;
    private HttpAnswers http;

    @BeforeEach
    void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(11).tradesPerSecond(10)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of(
                "upbit.ws.warm-symbols", "KRW-BTC",
                "upbit.ws.watchdog-silence-ms", "1500",
                "upbit.ws.watchdog-period-ms", "200",
                "upbit.ws.reconnect-initial-ms", "100",
                "upbit.ws.reconnect-max-ms", "500"));
        http = module.http();
    }

    @AfterEach
    void stop() {
        module.close();
        sim.stop();
    }

    private JsonNode check(HttpResponse<String> health, String id) {
        for (JsonNode check : HttpAnswers.json(health).path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + health.body());
    }

    private boolean streamIs(String state) {
        HttpResponse<String> ready = http.get("/observe/health/ready");
        return state.equals(check(ready, "upbit-stream").path("status").asText());
    }

    @Test
    void should_report_readiness_down_while_the_stream_is_silent_and_up_again_after() {
        RunningModule.awaitUntil("stream UP", Duration.ofSeconds(15), () -> streamIs("UP"));
        assertEquals(200, http.get("/observe/health/ready").statusCode());
        assertEquals(200, http.get("/observe/health/live").statusCode(), "liveness does not follow the stream");

        sim.faults().silent(true);
        RunningModule.awaitUntil("stream DOWN", Duration.ofSeconds(15), () -> streamIs("DOWN"));
        HttpResponse<String> down = http.get("/observe/health/ready");
        assertEquals(503, down.statusCode());
        assertEquals("DOWN", HttpAnswers.json(down).path("status").asText());
        assertEquals(200, http.get("/observe/health/live").statusCode());
        HttpResponse<String> served = http.get("/v1/ticker?markets=KRW-BTC");
        assertEquals(200, served.statusCode(), "REST still answers while the stream is down");
        assertEquals("rest", served.headers().firstValue("X-Data-Source").orElseThrow());

        sim.faults().silent(false);
        // readiness is every check at once, each judged anew per call: wait for all of them, not one
        RunningModule.awaitUntil("ready again", Duration.ofSeconds(15),
                () -> streamIs("UP") && http.get("/observe/health/ready").statusCode() == 200);
    }

    @Test
    void should_expose_the_module_meters_on_the_prometheus_endpoint_after_traffic() {
        RunningModule.awaitUntil("stream UP", Duration.ofSeconds(15), () -> streamIs("UP"));
        assertEquals(200, http.get("/v1/ticker?markets=KRW-ETH").statusCode());
        assertEquals(200, http.get("/v1/candles/minutes/1?market=KRW-ETH&count=3").statusCode());
        assertEquals(400, http.get("/v1/candles/minutes/1?market=KRW-ETH&count=0").statusCode());
        RunningModule.awaitUntil("ticker from the cache", Duration.ofSeconds(15),
                () -> "websocket".equals(http.get("/v1/ticker?markets=KRW-BTC")
                        .headers().firstValue("X-Data-Source").orElse("")));

        sim.faults().malformedFrames(2);
        RunningModule.awaitUntil("malformed frames counted", Duration.ofSeconds(15),
                () -> http.get("/observe/metrics").body().contains("upbit_stream_dead_letters_total 2.0"));

        HttpResponse<String> metrics = http.get("/observe/metrics");

        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        for (String expected : List.of(
                "upbit_router_decisions_total{reason=\"MULTIPLE_ITEMS\",source=\"rest\",type=\"CANDLES\"} 1.0",
                "upbit_router_decisions_total{reason=\"CACHE_FRESH\",source=\"websocket\",type=\"TICKER\"}",
                "upbit_rest_requests_total{group=\"candles\",status=\"200\"} 1.0",
                "upbit_rest_requests_total{group=\"ticker\",status=\"200\"}",
                "upbit_rest_too_many_requests_total{group=\"ticker\"} 0.0",
                "upbit_cache_hits_total", "upbit_cache_misses_total", "upbit_cache_size",
                "upbit_cache_oldest_age_milliseconds", "upbit_stream_connected 1.0",
                "upbit_stream_last_message_age_milliseconds", "upbit_stream_reconnects_total 0.0",
                "upbit_stream_dead_letters_total 2.0")) {
            assertTrue(text.contains(expected), "missing " + expected + " in\n" + text);
        }
    }
}
