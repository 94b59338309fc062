package io.upbitrouter.ws;

import io.upbitrouter.sim.UpbitSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The keepalive PING stops the exchange's idle close: against a simulator closing connections after 600 ms
 * without traffic, the connection survives many idle periods; with the keepalive off it is closed.
 */
class StreamKeepaliveIT extends RealtimeTestSupport {

    private UpbitSimulator sim;

    @Override
    protected Properties testProperties() {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).historyDays(1)
                .idleTimeout(Duration.ofMillis(600)).build();
        sim.start();
        Properties p = baseProperties(sim.wsUrl());
        // the stream connects only when something is wanted: a warm market, with no trades to keep the line busy
        p.setProperty("upbit.ws.warm-symbols", "KRW-BTC");
        boolean keepaliveOff = getCurrentTestName() != null && getCurrentTestName().contains("without");
        p.setProperty("upbit.ws.keepalive-ms", keepaliveOff ? "600000" : "150");
        return p;
    }

    @AfterEach
    void stopSimulator() {
        context.stop();
        sim.stop();
    }

    @Test
    void should_keep_an_idle_connection_open_with_keepalive() throws Exception {
        // 15 answers at 150 ms apart span more than three idle timeouts of the simulator.
        awaitUntil("15 keepalive answers", Duration.ofSeconds(15), () -> health().keepaliveAnswers() >= 15);
        assertEquals(1, health().connects());
        assertEquals(0, health().disconnects());
        assertEquals(1, sim.counters().openConnections());
    }

    @Test
    void should_be_closed_for_idleness_without_keepalive() throws Exception {
        awaitUntil("closed for idleness", Duration.ofSeconds(15), () -> health().disconnects() >= 1);
        assertEquals(0, health().keepaliveAnswers());
    }
}
