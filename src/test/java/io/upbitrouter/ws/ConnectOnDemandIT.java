package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.DataSource;
import io.upbitrouter.model.MarketDataRequest;
import io.upbitrouter.model.MarketDataResponse;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.model.RealtimePriority;
import io.upbitrouter.model.RoutingReason;
import io.upbitrouter.model.SymbolResult;
import io.upbitrouter.ops.StreamHealthCheck;
import io.upbitrouter.sim.SimulatorCounters;
import io.upbitrouter.testing.UpbitSimulatorExtension;
import io.upbitrouter.testsupport.Await;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream connects on demand, against the simulator (whose counters count WebSocket connections): with nothing
 * demanded and no warm set the module opens no connection and its stream check is UP and idle; the first request
 * that wants a market connects, and later requests are answered from the stream; once nothing is wanted any more the
 * connection is closed.
 */
class ConnectOnDemandIT extends CamelTestSupport {

    @RegisterExtension
    static UpbitSimulatorExtension upbit = UpbitSimulatorExtension.withMarkets("KRW-BTC", "KRW-ETH")
            .property("upbit.ws.warm-symbols", "none");

    private long acceptedBefore;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        acceptedBefore = counters().connectionsAccepted();
        CamelContext context = super.createCamelContext();
        if (getCurrentTestName() != null && getCurrentTestName().contains("nothing_is_wanted")) {
            // streams unasked for 300 ms are dropped, checked every 100 ms
            context.getPropertiesComponent().addInitialProperty("upbit.ws.idle-unsubscribe-ms", "300");
            context.getPropertiesComponent().addInitialProperty("upbit.ws.idle-check-period-ms", "100");
        }
        upbit.bindModule(context);
        return context;
    }

    @Test
    void should_not_connect_before_demand_and_connect_on_the_first_request() {
        StreamSupervisor supervisor = supervisor();
        assertTrue(supervisor.isIdle());
        HealthCheck.Result idle = streamCheck();
        assertEquals(HealthCheck.State.UP, idle.getState(), "an idle stream is not DOWN");
        assertEquals("idle", idle.getDetails().get("state"));

        // a LOW request goes to REST and wants nothing on the stream: still no connection
        SymbolResult low = ticker("KRW-BTC", RealtimePriority.LOW);
        assertEquals(RoutingReason.LOW_PRIORITY, low.reason());
        assertEquals(0, supervisor.connectAttempts());
        assertEquals(acceptedBefore, counters().connectionsAccepted());
        assertTrue(streamStatus().isIdle());

        // the first request that wants KRW-BTC: answered from REST as a cache miss (the idle stream is not unhealthy)
        SymbolResult first = ticker("KRW-BTC", RealtimePriority.NORMAL);
        assertEquals(DataSource.REST, first.source());
        assertEquals(RoutingReason.CACHE_MISS, first.reason());
        Await.until("one connection to the exchange", Duration.ofSeconds(20),
                () -> counters().connectionsAccepted() == acceptedBefore + 1 && streamStatus().isHealthy());
        Await.until("KRW-BTC delivered by the stream", Duration.ofSeconds(20),
                () -> streamStatus().delivered("KRW-BTC").isPresent());

        SymbolResult later = ticker("KRW-BTC", RealtimePriority.NORMAL);
        assertEquals(DataSource.WEBSOCKET_CACHE, later.source());
        assertEquals(RoutingReason.CACHE_FRESH, later.reason());
        HealthCheck.Result connected = streamCheck();
        assertEquals(HealthCheck.State.UP, connected.getState());
        assertEquals("connected", connected.getDetails().get("state"));
        assertEquals(acceptedBefore + 1, counters().connectionsAccepted(), "one connection for every request");
    }

    @Test
    void should_close_the_connection_when_nothing_is_wanted_any_more() {
        ticker("KRW-ETH", RealtimePriority.NORMAL);
        // kept wanted while waiting (each poll asks again), so a slow connect cannot lose the race with the idle drop
        Await.until("connected on demand", Duration.ofSeconds(20),
                () -> wantEth() && counters().connectionsAccepted() == acceptedBefore + 1 && streamStatus().isConnected());

        // not asked for 300 ms: KRW-ETH's stream is dropped, and with it the connection
        Await.until("connection closed and the stream idle", Duration.ofSeconds(20),
                () -> streamStatus().isIdle() && counters().openConnections() == 0);
        assertFalse(streamStatus().isConnected());
        assertEquals(HealthCheck.State.UP, streamCheck().getState());
        assertEquals(acceptedBefore + 1, counters().connectionsAccepted());

        // demand again: a new connection
        ticker("KRW-ETH", RealtimePriority.NORMAL);
        Await.until("connected again", Duration.ofSeconds(20),
                () -> wantEth() && counters().connectionsAccepted() == acceptedBefore + 2 && streamStatus().isConnected());
    }

    private boolean wantEth() {
        context.getRegistry().findSingleByType(SubscriptionDemand.class).demand(MarketDataType.TICKER, null, "KRW-ETH");
        return true;
    }

    private SymbolResult ticker(String market, RealtimePriority priority) {
        MarketDataRequest request = new MarketDataRequest(MarketDataType.TICKER, List.of(market), null, 1, null, priority);
        return template.requestBody(UpbitRouterConstants.MARKET_DATA, request, MarketDataResponse.class).results().get(0);
    }

    private HealthCheck.Result streamCheck() {
        StreamHealthCheck check = new StreamHealthCheck();
        check.setCamelContext(context);
        return check.call();
    }

    private StreamSupervisor supervisor() {
        return context.getRegistry().findSingleByType(StreamSupervisor.class);
    }

    private StreamHealth streamStatus() {
        return context.getRegistry().findSingleByType(StreamHealth.class);
    }

    private static SimulatorCounters counters() {
        return upbit.simulator().counters();
    }
}
