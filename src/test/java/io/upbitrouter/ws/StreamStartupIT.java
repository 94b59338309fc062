package io.upbitrouter.ws;

import io.upbitrouter.protocol.MarketKey;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.ClosedPort;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The module starts with the exchange down, and connects once it comes up. */
class StreamStartupIT extends RealtimeTestSupport {

    private ClosedPort exchangeDown;
    private UpbitSimulator sim;

    @Override
    protected Properties testProperties() {
        exchangeDown = new ClosedPort();
        return baseProperties("ws://127.0.0.1:" + exchangeDown.port() + "/websocket/v1");
    }

    @AfterEach
    void stopSimulator() {
        exchangeDown.close();
        if (sim != null) {
            sim.stop();
        }
    }

    @Test
    void should_start_with_the_exchange_down_and_connect_when_it_comes_up() throws Exception {
        assertEquals(ServiceStatus.Started, context.getStatus());
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("upbit-ws-ingest"));
        subscriptions().demand(MarketDataType.TICKER, null, "KRW-BTC");
        awaitUntil("a few failed attempts", Duration.ofSeconds(10), () -> supervisor().failedConnects() >= 3);
        assertFalse(health().isConnected());
        assertFalse(health().isHealthy());

        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC")).tradesPerSecond(0).historyDays(1)
                .port(exchangeDown.port()).build();
        exchangeDown.close(); // released only now, for the simulator to bind at once
        sim.start();
        awaitUntil("connected and subscribed", Duration.ofSeconds(15), () -> health().isHealthy());
        awaitUntil("snapshot cached", Duration.ofSeconds(15), () -> cache().get(MarketKey.ticker("KRW-BTC")).isPresent());
        assertEquals(1, sim.counters().openConnections());
    }
}
