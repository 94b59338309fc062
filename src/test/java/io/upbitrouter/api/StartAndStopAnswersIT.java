package io.upbitrouter.api;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.FreePort;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.upbitrouter.api.UpbitFacadeHttpSurfaceIT.assertUpbitError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server's answers while the module starts and while it stops: never a 404 that reads as
 * "no such market", never an empty answer or a reset, always Upbit's error JSON with {@code Retry-After}.
 */
class StartAndStopAnswersIT {

    @Test
    void should_answer_503_starting_until_every_route_is_up() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(7).tradesPerSecond(0).build().start()) {
            int port = FreePort.find();
            Main main = RunningModule.configuredMain(sim, Map.of("upbit.ws.enabled", "false"), port);
            // a service that starts after the HTTP server listens and before the routes: it holds the start-up open
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport m) {
                    try {
                        m.getCamelContext().addService(new ServiceSupport() {
                            @Override
                            protected void doStart() throws Exception {
                                holding.countDown();
                                assertTrue(hold.await(30, TimeUnit.SECONDS));
                            }
                        }, true, false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
                try {
                    main.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertTrue(holding.await(30, TimeUnit.SECONDS), "start-up reached the held service");
                HttpAnswers http = new HttpAnswers("http://127.0.0.1:" + port);
                CamelContext context = main.getCamelContext();
                assertEquals(ServiceStatus.Starting, context.getStatus());

                for (String path : List.of("/v1/ticker?markets=KRW-BTC", "/v1/candles/days?market=KRW-BTC", "/observe/health",
                        "/v1/no-such-path")) {
                    HttpResponse<String> early = http.get(path);
                    assertEquals(503, early.statusCode(), path + ": " + early.body());
                    assertUpbitError(early, "starting");
                    assertEquals("1", early.headers().firstValue("Retry-After").orElse(""), path);
                }

                hold.countDown();
                starting.get(30, TimeUnit.SECONDS);
                HttpResponse<String> ready = http.get("/v1/ticker?markets=KRW-BTC");
                assertEquals(200, ready.statusCode(), ready.body());
                assertEquals(404, http.get("/v1/no-such-path").statusCode());
            } finally {
                hold.countDown();
                main.stop();
            }
        }
    }

    @Test
    void should_answer_what_is_in_flight_and_503_json_to_new_requests_while_stopping() throws Exception {
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).seed(7).tradesPerSecond(0).build().start()) {
            RunningModule module = new RunningModule(sim, Map.of("upbit.ws.enabled", "false",
                    "camel.main.shutdown-timeout", "20", "upbit.rest.response-timeout-ms", "20000"));
            HttpAnswers http = module.http();
            assertEquals(200, http.get("/v1/candles/days?market=KRW-BTC&count=2").statusCode());
            long before = sim.counters().requests("candles");
            sim.faults().slowRest(Duration.ofSeconds(3));

            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> http.get("/v1/candles/days?market=KRW-BTC&count=3"));
            Await.until("the request reached the exchange", Duration.ofSeconds(10),
                    () -> sim.counters().requests("candles") > before);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(module::close);
            Await.until("the context stopping", Duration.ofSeconds(10),
                    () -> module.context().getStatus() == ServiceStatus.Stopping);

            AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
            try {
                refused.set(http.get("/v1/ticker?markets=KRW-BTC"));
            } catch (UncheckedIOException e) {
                throw new AssertionError("a new request during shutdown must get an answer, not " + e.getCause(), e);
            }
            assertEquals(503, refused.get().statusCode(), refused.get().body());
            assertUpbitError(refused.get(), "shutting_down");
            assertEquals("1", refused.get().headers().firstValue("Retry-After").orElse(""));

            HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), "the request in flight is answered: " + answered.body());
            assertEquals(3, HttpAnswers.json(answered).size(), answered.body());
            stopping.get(30, TimeUnit.SECONDS);
            assertTrue(refusesConnections(http), "after the stop nothing listens");
        }
    }

    private static boolean refusesConnections(HttpAnswers http) {
        try {
            http.get("/v1/ticker?markets=KRW-BTC");
            return false;
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof ConnectException || e.getCause() instanceof IOException;
        }
    }
}
