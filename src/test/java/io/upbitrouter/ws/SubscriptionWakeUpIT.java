package io.upbitrouter.ws;

import io.upbitrouter.api.UpbitRouterConstants;
import io.upbitrouter.model.MarketDataType;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.Await;
import io.upbitrouter.testsupport.RunningModule;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription route runs when there is something to send, not on a timer: against the simulator, a stream that
 * stays as it is makes no run of {@code upbit-ws-subscribe} however long it goes on, and a burst of new streams goes
 * out coalesced, in one or two messages, each of which the exchange accepts.
 */
class SubscriptionWakeUpIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void should_run_only_when_the_set_changes_and_coalesce_a_burst() throws Exception {
        List<String> markets = List.of("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-ADA", "KRW-DOGE", "KRW-TRX");
        try (UpbitSimulator sim = UpbitSimulator.builder().markets(markets).seed(3).tradesPerSecond(2).build().start();
             RunningModule module = new RunningModule(sim, Map.of("upbit.ws.warm-symbols", "none"))) {
            StreamSubscriptions subscriptions = module.context().getRegistry()
                    .lookupByNameAndType(UpbitRouterConstants.BEAN_SUBSCRIPTION_DEMAND, StreamSubscriptions.class);
            ManagedRouteMBean route = module.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                    .getManagedRoute(UpbitRouterConstants.WS_SUBSCRIBE_ROUTE_ID);

            subscriptions.demand(MarketDataType.TICKER, null, "KRW-BTC");
            Await.until("the first subscription on the new connection", WAIT,
                    () -> sim.counters().subscriptionsReceived() >= 1 && subscriptions.isSubscribed());
            Await.until("the route settled", WAIT, () -> route.getExchangesInflight() == 0);
            long runs = route.getExchangesTotal();
            long received = sim.counters().subscriptionsReceived();

            // two seconds of live stream with the set unchanged: a timer of 250 ms would have run the route 8 times
            long until = System.nanoTime() + 2_000_000_000L;
            Await.until("two seconds of live stream", Duration.ofSeconds(10), () -> System.nanoTime() >= until);
            assertEquals(runs, route.getExchangesTotal(), "no run while nothing changed");
            assertEquals(received, sim.counters().subscriptionsReceived());

            // a burst of 20 new streams (ticker of the six others, trade and orderbook of all seven)
            for (String market : markets) {
                subscriptions.demand(MarketDataType.TICKER, null, market);
                subscriptions.demand(MarketDataType.TRADES, null, market);
                subscriptions.demand(MarketDataType.ORDERBOOK, null, market);
            }
            Await.until("the burst subscribed", WAIT, () -> sim.counters().subscriptionsReceived() > received
                    && subscriptions.isSubscribed() && !subscriptions.pending() && route.getExchangesInflight() == 0);
            long messages = sim.counters().subscriptionsReceived() - received;
            assertTrue(messages >= 1 && messages <= 2, "coalesced: " + messages + " message(s) for 20 new streams");
            assertTrue(route.getExchangesTotal() - runs <= 3, "woken at most a few times: " + (route.getExchangesTotal() - runs));
            assertEquals(0, sim.counters().subscriptionErrors(), "refused by the exchange");
            assertEquals(1, sim.counters().connectionsAccepted(), "one connection all along");
        }
    }
}
