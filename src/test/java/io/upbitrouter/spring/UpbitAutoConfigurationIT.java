package io.upbitrouter.spring;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.upbitrouter.api.SmartRouter;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.HttpAnswers;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot 3 host (web, actuator, Prometheus, camel-spring-boot-starter, camel-platform-http-starter) with
 * the module jar on its classpath and nothing else than {@code upbit.*} properties: the routes are there,
 * {@link SmartRouter} is injected, the facade answers on the host's web server, the meters are on the host's
 * registry and at {@code /actuator/prometheus}, and a down stream is {@code DEGRADED} in the {@code upbit}
 * contributor while the host's {@code /actuator/health} stays 200 UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "upbit.facade.enabled=true",
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.group.market-data.include=upbit",
        "management.endpoint.health.group.market-data.show-details=always",
        "management.endpoint.health.group.market-data.status.order=degraded,up,unknown",
        "management.endpoint.health.group.market-data.status.http-mapping.degraded=503",
        "camel.main.shutdown-timeout=3",
        // not the runnable's config/application.properties, which Spring Boot would read from the working directory
        "spring.config.location=optional:classpath:/spring-host/"})
@DirtiesContext
// Spring Boot tests replace the host's meter registries by a simple one unless asked to keep them
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpbitAutoConfigurationIT {

    private static final UpbitSimulator SIM = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH"))
            .seed(7).tradesPerSecond(0).requestsPerSecond(1000).build().start();

    /** The host's own application: Spring Boot's auto-configuration, nothing about the module. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
    }

    @DynamicPropertySource
    static void upbit(DynamicPropertyRegistry properties) {
        properties.add("upbit.rest.base-url", SIM::restBaseUrl);
        properties.add("upbit.ws.url", SIM::wsUrl);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.stop();
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    SmartRouter smartRouter;
    @Autowired
    MeterRegistry meterRegistry;
    @LocalServerPort
    int port;

    private HttpAnswers http() {
        return new HttpAnswers("http://127.0.0.1:" + port);
    }

    @Test
    @Order(1)
    void should_add_the_module_routes_to_the_host_context() {
        assertNotNull(camelContext.getRoute("upbit-market-data"));
        assertNotNull(camelContext.getRoute("upbit-rest-call"));
        assertNotNull(camelContext.getRoute("upbit-facade-ticker"), "facade on with upbit.facade.enabled=true");
    }

    @Test
    @Order(2)
    void should_inject_the_smart_router_and_answer_through_it() throws Exception {
        MarketDataResponse answer = smartRouter.getTicker(List.of("KRW-BTC")).get(20, TimeUnit.SECONDS);
        assertEquals("KRW-BTC", answer.results().get(0).symbol());
        assertEquals(1, answer.results().get(0).items().size());
    }

    @Test
    @Order(3)
    void should_serve_the_facade_on_the_host_web_server() throws Exception {
        HttpResponse<String> ticker = http().get("/v1/ticker?markets=KRW-ETH");
        assertEquals(200, ticker.statusCode(), ticker.body());
        assertEquals("KRW-ETH", HttpAnswers.json(ticker).get(0).get("market").asText());
    }

    @Test
    @Order(4)
    void should_put_the_meters_on_the_host_registry_and_prometheus_endpoint() throws Exception {
        smartRouter.getTicker(List.of("KRW-BTC")).get(20, TimeUnit.SECONDS);
        assertTrue(meterRegistry.find("upbit.router.decisions").counters().stream().mapToDouble(c -> c.count()).sum() >= 1,
                "decisions counted on the host's registry");
        HttpResponse<String> scrape = http().get("/actuator/prometheus");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("upbit_router_decisions_total"), "module meters scraped");
        assertTrue(scrape.body().contains("upbit_stream_connected"), "stream gauge scraped");
        assertTrue(meterRegistry instanceof io.micrometer.prometheusmetrics.PrometheusMeterRegistry
                || meterRegistry instanceof io.micrometer.core.instrument.composite.CompositeMeterRegistry, meterRegistry.getClass().getName());
    }

    @Test
    @Order(5)
    void should_report_health_in_the_upbit_contributor_not_in_camel_health() throws Exception {
        HealthCheckRegistry camelChecks = HealthCheckRegistry.get(camelContext);
        assertTrue(camelChecks.getCheck("upbit-stream").isEmpty(), "module checks are the actuator's, not camelHealth's");
        Await.until("stream up in the upbit contributor", Duration.ofSeconds(20), () -> {
            JsonNode upbit = body(http().get("/actuator/health/upbit"));
            return "UP".equals(upbit.path("components").path("stream").path("status").asText());
        });
        HttpResponse<String> root = http().get("/actuator/health");
        assertEquals(200, root.statusCode(), root.body());
        assertEquals("UP", body(root).path("components").path("upbit").path("status").asText());
    }

    @Test
    @Order(6)
    void should_keep_the_host_health_up_while_the_stream_is_down() throws Exception {
        SIM.stop();
        Await.until("the market-data group answering 503", Duration.ofSeconds(20),
                () -> http().get("/actuator/health/market-data").statusCode() == 503);
        JsonNode group = body(http().get("/actuator/health/market-data"));
        assertEquals("DEGRADED", group.path("components").path("upbit").path("components").path("stream").path("status").asText(),
                group.toString());
        HttpResponse<String> root = http().get("/actuator/health");
        assertEquals(200, root.statusCode(), root.body());
        assertEquals("UP", body(root).path("status").asText(), root.body());
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return HttpAnswers.json(response);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
