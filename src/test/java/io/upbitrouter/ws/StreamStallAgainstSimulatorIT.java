package io.upbitrouter.ws;

import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams that stop delivering while their socket stays up and answers PING, through the whole module (facade,
 * router, stream, stall probe) against the simulator's stall fault: answers turn to REST with reason
 * {@code WS_STALLED} within the data-silence limit plus one probe, and back to the stream when data flows again;
 * a quiet market raises no alarm.
 */
class StreamStallAgainstSimulatorIT {

    private static final long SILENCE_MS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private UpbitSimulator sim;
    private RunningModule module;
    private HttpAnswers facade;

    @BeforeEach
    void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(11).tradesPerSecond(0)
                .requestsPerSecond(1000).build().start();
        module = new RunningModule(sim, Map.of(
                "upbit.ws.stall.data-silence-ms", Long.toString(SILENCE_MS),
                "upbit.ws.stall.check-period-ms", "100",
                "upbit.ws.stall.tolerance-ms", "200",
                // PING answered often: keepalive answers must not count as data
                "upbit.ws.keepalive-ms", "250"));
        facade = module.http();
    }

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
        if (sim != null) {
            sim.stop();
        }
    }

    private HttpResponse<String> ticker(String market) {
        return facade.get("/v1/ticker?markets=" + market);
    }

    private static String source(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Data-Source").orElse("") + "/"
                + answer.headers().firstValue("X-Routing-Reason").orElse("");
    }

    private void awaitAnswer(String market, String sourceAndReason, Runnable meanwhile) {
        RunningModule.awaitUntil(market + " answered " + sourceAndReason, WAIT, () -> {
            meanwhile.run();
            return source(ticker(market)).equals(sourceAndReason);
        });
    }

    private StreamStallProbe probe() {
        return module.context().getRegistry().lookupByNameAndType("upbitStreamStallProbe", StreamStallProbe.class);
    }

    private HealthCheck.Result streamHealth() {
        return HealthCheckHelper.invoke(module.context()).stream()
                .filter(r -> r.getCheck().getId().equals("upbit-stream")).findFirst().orElseThrow();
    }

    private void trade(String market, double price) {
        sim.market().publishTrade(market, price, 0.5, "BID");
    }

    @Test
    void should_answer_from_rest_while_the_whole_stream_is_stalled_and_from_the_stream_after() {
        assertEquals("rest/CACHE_MISS", source(ticker("KRW-BTC")));
        awaitAnswer("KRW-BTC", "websocket/CACHE_FRESH", () -> { });

        sim.faults().stallData(true);
        long stalledAt = System.nanoTime();
        trade("KRW-BTC", 150_000_000);
        awaitAnswer("KRW-BTC", "rest/WS_STALLED", () -> { });
        long detectedMillis = (System.nanoTime() - stalledAt) / 1_000_000;
        System.out.printf("STALL_DETECTED whole-connection after %d ms (data-silence limit %d ms, check period 100 ms)%n",
                detectedMillis, SILENCE_MS);

        HttpResponse<String> during = ticker("KRW-BTC");
        assertTrue(during.body().contains("150000000"), "the REST answer carries the trade the stream missed: " + during.body());
        HealthCheck.Result health = streamHealth();
        assertEquals(HealthCheck.State.DOWN, health.getState(), "a stalled stream is not ready");
        assertEquals("connection", health.getDetails().get("stalled"));
        assertTrue(module.context().getRegistry().lookupByNameAndType("upbitStreamStatus", StreamHealth.class).keepaliveAnswers() > 0,
                "PING was answered all along");

        sim.faults().stallData(false);
        awaitAnswer("KRW-BTC", "websocket/CACHE_FRESH", () -> trade("KRW-BTC", 150_100_000));
        assertEquals(HealthCheck.State.UP, streamHealth().getState());
        assertTrue(ticker("KRW-BTC").body().contains("150100000"));
    }

    @Test
    void should_answer_one_stalled_market_from_rest_while_the_others_stay_on_the_stream() {
        ticker("KRW-BTC");
        ticker("KRW-ETH");
        awaitAnswer("KRW-BTC", "websocket/CACHE_FRESH", () -> { });
        awaitAnswer("KRW-ETH", "websocket/CACHE_FRESH", () -> { });

        sim.faults().stallCodes(Set.of("KRW-BTC"));
        double[] eth = {4_000_000};
        Runnable marketsTrade = () -> {
            trade("KRW-BTC", 151_000_000);
            trade("KRW-ETH", eth[0] += 1000); // ETH flows all along
        };
        awaitAnswer("KRW-BTC", "rest/WS_STALLED", marketsTrade);
        assertEquals("websocket/CACHE_FRESH", source(ticker("KRW-ETH")), "the flowing market stays on the stream");
        HealthCheck.Result health = streamHealth();
        assertEquals(HealthCheck.State.UP, health.getState(), "other markets flow: the stream is still ready");
        assertEquals("KRW-BTC", health.getDetails().get("stalled_markets"));

        sim.faults().stallCodes(Set.of());
        awaitAnswer("KRW-BTC", "websocket/CACHE_FRESH", () -> trade("KRW-BTC", 151_100_000));
    }

    @Test
    void should_raise_no_alarm_for_a_quiet_market() {
        ticker("KRW-BTC");
        awaitAnswer("KRW-BTC", "websocket/CACHE_FRESH", () -> { });
        long probesBefore = probe().probeCalls();
        // no trade at all: the market is quiet, the data silence passes its limit, and the probe asks the exchange
        RunningModule.awaitUntil("two probes of the quiet market", WAIT, () -> probe().probeCalls() >= probesBefore + 2);

        assertEquals("websocket/CACHE_FRESH", source(ticker("KRW-BTC")));
        assertEquals(HealthCheck.State.UP, streamHealth().getState());
        assertEquals("none", streamHealth().getDetails().get("stalled"));
    }
}
