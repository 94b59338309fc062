package io.upbitrouter.ops;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable as shipped (config/application.properties and routes/*.yaml, only the port and the
 * exchange's URLs pointed at a simulator): the README's proxy walk-through holds.
 */
class ShippedConfigurationIT {

    @Test
    void should_serve_the_readme_walkthrough_with_the_shipped_configuration() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH", "KRW-XRP")).seed(42)
                .tradesPerSecond(5).build().start();
             RunningModule module = new RunningModule(sim, Map.of(), true)) {
            HttpAnswers http = module.http();
            assertTrue(module.baseUrl().startsWith("http://127.0.0.1:"));
            // before any request: routes/keep-warm.yaml's demand opens the stream (it connects on demand only)
            RunningModule.awaitUntil("the stream connected for the keep-warm route", Duration.ofSeconds(15),
                    () -> sim.counters().openConnections() == 1);

            HttpResponse<String> first = http.get("/v1/ticker?markets=KRW-XRP");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("rest", first.headers().firstValue("X-Data-Source").orElseThrow());
            assertEquals("KRW-XRP", HttpAnswers.json(first).get(0).get("market").asText());
            RunningModule.awaitUntil("a repeat from the cache", Duration.ofSeconds(15),
                    () -> "websocket".equals(http.get("/v1/ticker?markets=KRW-XRP")
                            .headers().firstValue("X-Data-Source").orElse("")));
            RunningModule.awaitUntil("the warm markets of routes/keep-warm.yaml cached", Duration.ofSeconds(15),
                    () -> "websocket".equals(http.get("/v1/ticker?markets=KRW-BTC,KRW-ETH")
                            .headers().firstValue("X-Data-Source").orElse("")));

            HttpResponse<String> ready = http.get("/observe/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("upbit-stream"), "full exposure shows the module's checks: " + ready.body());
            HttpResponse<String> metrics = http.get("/observe/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("upbit_router_decisions_total{reason=\"CACHE_FRESH\",source=\"websocket\",type=\"TICKER\"}"),
                    metrics.body());
            assertTrue(module.context().getRouteController().getRouteStatus("upbit-example-decisions").isStarted());
        }
    }
}
